/**
 * TorchScript archives as PyTorch 1.13 writes them: {@link dev.jitscope.ir.archive.ArchiveReader}
 * (zip layout, version, code files, size-checked storages), {@link dev.jitscope.ir.archive.RestrictedUnpickler}
 * (pickles with an allowlist of globals; nothing is executed), {@link dev.jitscope.ir.archive.ArchiveWriter}
 * (the same layout back, via a protocol-2 pickler) and {@link dev.jitscope.ir.archive.StateDictReader}
 * for {@code torch.save} weight files. Module instances are built in the scripter's
 * {@code dev.jitscope.frontend.archive.ModelImporter}, which compiles the code files.
 */
package dev.jitscope.ir.archive;
