package dev.jitscope.passes;

import dev.jitscope.passes.builtin.BuiltinPasses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Passes by name: the built-in ones plus any found through {@link ServiceLoader} (a plugin jar lists
 * its {@link Pass} classes in META-INF/services/dev.jitscope.passes.Pass), and the named pipelines.
 */
public final class PassRegistry {
    /**
     * Scripting-time cleanup, roughly what PyTorch runs on a scripted method before execution:
     * constant propagation before and after peephole (a peephole-decided {@code is None} lets an If
     * go, whose results may then fold further); simplify repeats them until nothing changes.
     */
    public static final List<String> DEFAULT = List.of(
            "inline", "constant-propagation", "peephole", "constant-propagation", "cse", "simplify",
            "dead-code-elimination", "constant-pooling", "canonicalize");
    /** torch.jit.freeze + optimize_for_inference: freezing, eval-mode folds and fusion. */
    public static final List<String> INFERENCE = List.of(
            "inline", "freeze", "constant-propagation", "remove-dropout", "peephole", "constant-propagation",
            "loop-unroll", "cse", "simplify", "shape-propagation", "fold-conv-batch-norm", "fold-linear-batch-norm",
            "dead-code-elimination", "fuse-elementwise", "dead-code-elimination", "constant-pooling", "canonicalize");

    private final Map<String, Pass> passes = new LinkedHashMap<>();

    /** Built-ins, then service-loaded passes (which may not shadow a built-in name). */
    public static PassRegistry standard() {
        PassRegistry r = new PassRegistry();
        for (Pass p : BuiltinPasses.all()) r.register(p);
        for (Pass p : ServiceLoader.load(Pass.class)) if (!r.passes.containsKey(p.name())) r.register(p);
        return r;
    }

    public void register(Pass p) {
        if (passes.putIfAbsent(p.name(), p) != null) throw new IllegalArgumentException("duplicate pass " + p.name());
    }

    public Pass get(String name) { return passes.get(name); }
    public Collection<Pass> all() { return Collections.unmodifiableCollection(passes.values()); }

    /**
     * Resolves a comma-separated list of pass names, where {@code default} and {@code inference}
     * stand for the named pipelines ("default,loop-unroll" works) and {@code none} for no pass. Unknown names
     * are reported together.
     */
    public List<Pass> pipeline(String spec) {
        List<String> names = new ArrayList<>();
        for (String n : spec.trim().split("\\s*,\\s*"))
            switch (n.trim()) {
                case "none", "" -> { }
                case "default" -> names.addAll(DEFAULT);
                case "inference" -> names.addAll(INFERENCE);
                default -> names.add(n.trim());
            }
        List<Pass> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            Pass p = passes.get(n.trim());
            if (p == null) unknown.add(n.trim()); else out.add(p);
        }
        if (!unknown.isEmpty())
            throw new IllegalArgumentException("unknown pass(es) " + unknown + "; known: " + passes.keySet());
        return out;
    }
}
