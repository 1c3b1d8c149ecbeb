package dev.jitscope.passes;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.value.ScriptObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a pass works on: the graph, optionally the module instance it belongs to (root
 * {@link ScriptObject}, whose graph input 0 is {@code self}), optional refined input types for shape
 * propagation, and the statistics counters of the current pass run.
 */
public final class PassContext {
    private Graph graph;
    private final ScriptObject module;
    private final List<JitType> inputTypes;
    private final Map<String, Long> statistics = new LinkedHashMap<>();

    public PassContext(Graph graph) { this(graph, null, null); }

    public PassContext(Graph graph, ScriptObject module) { this(graph, module, null); }

    /** @param inputTypes refined types per graph input (null entries keep the declared type) */
    public PassContext(Graph graph, ScriptObject module, List<JitType> inputTypes) {
        this.graph = Objects.requireNonNull(graph);
        this.module = module;
        this.inputTypes = inputTypes;
    }

    public Graph graph() { return graph; }
    /** For passes that rebuild rather than mutate (canonicalisation). */
    public void replaceGraph(Graph g) { this.graph = Objects.requireNonNull(g); }
    public ScriptObject module() { return module; }
    public List<JitType> inputTypes() { return inputTypes; }

    /** Adds {@code delta} to statistic {@code name} of the running pass. */
    public void count(String name, long delta) { statistics.merge(name, delta, Long::sum); }
    public void count(String name) { count(name, 1); }

    /** The counters since the last {@link #resetStatistics()}; the manager reads them per pass. */
    public Map<String, Long> statistics() { return Map.copyOf(statistics); }
    public void resetStatistics() { statistics.clear(); }
}
