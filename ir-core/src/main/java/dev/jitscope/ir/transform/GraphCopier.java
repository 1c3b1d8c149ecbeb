package dev.jitscope.ir.transform;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of graphs and of node lists: kinds, attributes, schemas, source ranges, scopes,
 * value types and debug names, nested blocks. Passes work on copies so that a method's own graph
 * (what {@code graph} prints) is never changed by what {@code --inlined} shows.
 */
public final class GraphCopier {
    private GraphCopier() { }

    /** A new graph equal to {@code g} node for node. */
    public static Graph copy(Graph g) {
        Graph out = new Graph();
        Map<Value, Value> env = new IdentityHashMap<>();
        for (Value in : g.inputs()) env.put(in, copyMeta(in, out.block().addInput(in.type())));
        cloneBlockInto(g.block(), out.block(), env);   // also registers the outputs
        return out;
    }

    /**
     * Clones the nodes of {@code src} (whose inputs are bound in {@code env}) in order before
     * {@code before}, a node of another graph; returns the clones of src's outputs.
     */
    public static List<Value> insertBefore(Block src, Node before, Map<Value, Value> env) {
        for (Node n : src.nodes()) cloneNode(n, before.graph(), env).insertBefore(before);
        return src.outputs().stream().map(v -> lookup(env, v)).toList();
    }

    static void cloneBlockInto(Block src, Block dst, Map<Value, Value> env) {
        for (Node n : src.nodes()) dst.append(cloneNode(n, dst.graph(), env));
        for (Value o : src.outputs()) dst.addOutput(lookup(env, o));
    }

    /** An unlinked clone of {@code n} in graph {@code g}; its outputs are added to {@code env}. */
    public static Node cloneNode(Node n, Graph g, Map<Value, Value> env) {
        Node c = g.create(n.kind());
        for (Value in : n.inputs()) c.addInput(lookup(env, in));
        for (Value o : n.outputs()) env.put(o, copyMeta(o, c.addOutput(o.type())));
        c.attributes().putAll(n.attributes());
        c.setSchema(n.schema()).setRange(n.range()).setScope(n.scope());
        for (Block b : n.blocks()) {
            Block nb = c.addBlock();
            for (Value in : b.inputs()) env.put(in, copyMeta(in, nb.addInput(in.type())));
            cloneBlockInto(b, nb, env);
        }
        return c;
    }

    private static Value copyMeta(Value from, Value to) {
        if (from.hasDebugName()) to.setDebugName(from.debugName());
        return to;
    }

    private static Value lookup(Map<Value, Value> env, Value v) {
        Value m = env.get(v);
        if (m == null) throw new IllegalStateException("value " + v + " used before its definition while copying");
        return m;
    }
}
