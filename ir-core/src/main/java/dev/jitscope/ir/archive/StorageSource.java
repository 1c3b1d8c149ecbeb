package dev.jitscope.ir.archive;

import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;

/** Resolves the persistent storage ids of a pickle to storages (one per key, shared by its tensors). */
@FunctionalInterface
public interface StorageSource {
    /** The storage of record {@code data/<key>}, holding {@code numel} elements of {@code dtype}. */
    Storage storage(String key, DType dtype, long numel);
}
