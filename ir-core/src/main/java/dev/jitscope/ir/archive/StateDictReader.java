package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code torch.save(model.state_dict(), path)} zip file: parameter name → tensor, in file order. */
public final class StateDictReader {
    private StateDictReader() { }

    public static Map<String, Tensor> read(Path path) {
        refuseLegacyFormat(path);
        try (ArchiveReader reader = ArchiveReader.open(path)) {
            reader.version();
            Object data = reader.data();
            if (!(data instanceof Map<?, ?> map))
                throw new JitScopeException("expected a state dict (a dict of tensors), found "
                        + (data instanceof PickledObject p ? "an object of class '" + p.qualifiedName() + "' (a torch.jit.save archive?)" : describe(data)),
                        reader.where("data.pkl"));
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof Tensor t))
                    throw new JitScopeException("state dict entry " + e.getKey() + " is " + describe(e.getValue())
                            + ", expected a tensor under a string name" + checkpointHint(map), reader.where("data.pkl"));
                out.put(name, t);
            }
            return out;
        }
    }

    /** Training checkpoints often hold the state dict under a key next to optimizer state. */
    private static String checkpointHint(Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet())
            if (e.getValue() instanceof Map<?, ?> inner && !inner.isEmpty() && inner.values().stream().allMatch(v -> v instanceof Tensor))
                return " (this looks like a checkpoint: its entry '" + e.getKey() + "' holds tensors; save that entry alone with torch.save)";
        return "";
    }

    /** torch.save before PyTorch 1.6 (or with _use_new_zipfile_serialization=False) writes bare pickles, not zips. */
    private static void refuseLegacyFormat(Path path) {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(2);
        } catch (IOException e) {
            return;   // ArchiveReader.open reports unreadable files
        }
        if (head.length == 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5)
            throw new JitScopeException("this is a legacy torch.save file (a bare pickle, not a zip); load it in PyTorch "
                    + "and save it again with torch.save(state_dict, path) (zip format, the default since 1.6)", path.toString());
    }

    private static String describe(Object o) { return o == null ? "None" : "a " + o.getClass().getSimpleName(); }
}
