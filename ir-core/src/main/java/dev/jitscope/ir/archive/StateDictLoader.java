package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the weights of a {@code torch.save(model.state_dict(), path)} file into a module instance,
 * strictly as PyTorch's {@code load_state_dict} does: every key of the module's state_dict must be
 * in the file, the file may have no other key, and shapes must agree. All problems are reported
 * together in one {@link JitScopeException} and nothing is changed unless everything fits. Values
 * are copied into the module's own tensors (converted to their dtypes, keeping their strides), so
 * tensors shared between modules stay shared.
 */
public final class StateDictLoader {
    private StateDictLoader() { }

    /**
     * The state_dict of a module instance in PyTorch's order: per module its parameters, then its
     * buffers (attribute order, None values left out), then its submodules with {@code name.} prefixes.
     */
    public static Map<String, Tensor> stateDict(ScriptObject module) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(module, "", out, new int[1]);
        return out;
    }

    /**
     * A module shared by two attributes appears under both names, as in PyTorch; an archive whose
     * modules share each other level after level would have exponentially many module paths, so
     * the walk stops after this many (real models have thousands at most).
     */
    static final int MAX_MODULE_PATHS = 100_000;

    private static void collect(ScriptObject module, String prefix, Map<String, Tensor> out, int[] visited) {
        if (++visited[0] > MAX_MODULE_PATHS)
            throw new JitScopeException("the module tree has more than " + MAX_MODULE_PATHS + " module paths (modules shared many times over?)", module.type().qualifiedName());
        ClassType type = module.type();
        for (ClassType.AttributeKind kind : List.of(ClassType.AttributeKind.PARAMETER, ClassType.AttributeKind.BUFFER))
            for (int i = 0; i < type.attributes().size(); i++)
                if (type.attributes().get(i).kind() == kind && module.slot(i) instanceof Tensor t)
                    out.put(prefix + type.attributes().get(i).name(), t);
        for (int i = 0; i < type.attributes().size(); i++)
            if (type.attributes().get(i).kind() == ClassType.AttributeKind.PLAIN && module.slot(i) instanceof ScriptObject sub && sub.type().isModule())
                collect(sub, prefix + type.attributes().get(i).name() + ".", out, visited);
    }

    /** Reads the state dict file and loads it into {@code module}; problems name the file. */
    public static void load(ScriptObject module, Path file) {
        load(module, StateDictReader.read(file), file.toString());
    }

    /** Loads {@code weights} into {@code module}; {@code where} names the weights in diagnostics. */
    public static void load(ScriptObject module, Map<String, Tensor> weights, String where) {
        Map<String, Tensor> target = stateDict(module);
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (String key : target.keySet()) if (!weights.containsKey(key)) missing.add(key);
        for (Map.Entry<String, Tensor> w : weights.entrySet()) {
            Tensor t = target.get(w.getKey());
            if (t == null) unexpected.add(w.getKey());
            else if (!Arrays.equals(t.shape(), w.getValue().shape()))
                mismatched.add(w.getKey() + ": " + Arrays.toString(w.getValue().shape()) + " in the file, "
                        + Arrays.toString(t.shape()) + " in the model");
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty())
            throw new JitScopeException(problems(module, missing, unexpected, mismatched), where);
        for (Map.Entry<String, Tensor> e : target.entrySet()) TensorCopy.copy(weights.get(e.getKey()), e.getValue());
    }

    private static String problems(ScriptObject module, List<String> missing, List<String> unexpected, List<String> mismatched) {
        StringBuilder b = new StringBuilder("the weights do not fit the state_dict of " + module.type().qualifiedName() + ":");
        if (!missing.isEmpty()) b.append("\n  missing keys: ").append(String.join(", ", missing));
        if (!unexpected.isEmpty()) b.append("\n  unexpected keys: ").append(String.join(", ", unexpected));
        for (String m : mismatched) b.append("\n  size mismatch for ").append(m);
        String hint = prefixHint(missing, unexpected);
        if (hint != null) b.append("\n  ").append(hint);
        return b.toString();
    }

    /** A file saved from a wrapper (DataParallel's {@code module.}) has every key under one extra prefix. */
    private static String prefixHint(List<String> missing, List<String> unexpected) {
        if (missing.isEmpty() || unexpected.size() < missing.size()) return null;
        String first = unexpected.get(0);
        int dot = first.indexOf('.');
        if (dot <= 0) return null;
        String prefix = first.substring(0, dot + 1);
        for (String m : missing) if (!unexpected.contains(prefix + m)) return null;
        return "(every missing key is in the file under the prefix '" + prefix + "': was it saved from a wrapper such as DataParallel?)";
    }
}
