package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;

import java.util.List;

/** One graph bound to an interpreter: compile once, run many times. */
public final class GraphExecutor {
    private final Graph graph;
    private final Interpreter interpreter;

    public GraphExecutor(Graph graph) { this(graph, new Interpreter()); }
    public GraphExecutor(Graph graph, Interpreter interpreter) { this.graph = graph; this.interpreter = interpreter; interpreter.code(graph); }

    public List<Object> run(List<Object> inputs) { return interpreter.run(graph, inputs); }
    public void cancel() { interpreter.cancel(); }
    public void setProfiler(NodeProfiler p) { interpreter.setProfiler(p); }
    public Interpreter interpreter() { return interpreter; }
}
