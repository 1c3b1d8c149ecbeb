package dev.jitscope.ir;

/**
 * A compiled function or method: its name, graph and (for methods) the class it belongs to.
 * The graph's first input is {@code self} for methods.
 */
public final class Function {
    private final String name;
    private final String qualifiedName;
    private Graph graph;
    private final Object schema;   // dev.jitscope.ir.schema.FunctionSchema, may be null

    public Function(String name, String qualifiedName, Graph graph, Object schema) {
        this.name = name; this.qualifiedName = qualifiedName; this.graph = graph; this.schema = schema;
    }

    public String name() { return name; }
    public String qualifiedName() { return qualifiedName; }
    public Graph graph() { return graph; }
    public void setGraph(Graph g) { this.graph = g; }
    public Object schema() { return schema; }
    @Override public String toString() { return qualifiedName; }
}
