package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.Tensor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code torch.save(model.state_dict(), path)} zip file: parameter name → tensor, in file order. */
public final class StateDictReader {
    private StateDictReader() { }

    public static Map<String, Tensor> read(Path path) {
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
                            + ", expected a tensor under a string name", reader.where("data.pkl"));
                out.put(name, t);
            }
            return out;
        }
    }

    private static String describe(Object o) { return o == null ? "None" : "a " + o.getClass().getSimpleName(); }
}
