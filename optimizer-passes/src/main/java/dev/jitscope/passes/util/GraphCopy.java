package dev.jitscope.passes.util;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies nodes with a value map: whole graphs (canonicalisation), a block's nodes into another place
 * (loop unrolling, inlining, If removal).
 * NB: stand-in for dev.jitscope.ir.transform.GraphCopier (branch frontend) until it lands.
 */
public final class GraphCopy {
    private GraphCopy() {}

    /** A fresh graph with the same structure; ids are renumbered in print order. */
    public static Graph copy(Graph src) {
        Graph dst = new Graph();
        Map<Value, Value> map = new HashMap<>();
        for (Value in : src.inputs()) map.put(in, copyMeta(in, dst.addInput(in.debugName(), in.type())));
        appendBlock(src.block(), dst.block(), map);
        for (Value out : src.outputs()) dst.registerOutput(map.get(out));
        return dst;
    }

    /**
     * Copies every node of {@code src} to the end of {@code dst}; values not in {@code map} (defined
     * outside src) are used as they are. Fills {@code map} with src→copy for every output.
     */
    public static void appendBlock(Block src, Block dst, Map<Value, Value> map) {
        for (Node n : src.nodes()) dst.append(copyNode(n, dst.graph(), map));
    }

    /** Copies {@code src}'s nodes just before {@code where}; returns the copies of the block outputs. */
    public static java.util.List<Value> insertBlockBefore(Block src, Node where, Map<Value, Value> map) {
        for (Node n : src.nodes()) copyNode(n, where.graph(), map).insertBefore(where);
        return src.outputs().stream().map(v -> map.getOrDefault(v, v)).toList();
    }

    /** An unlinked copy of {@code n} (blocks included) reading inputs through {@code map}. */
    public static Node copyNode(Node n, Graph g, Map<Value, Value> map) {
        Node c = g.create(n.kind());
        c.attributes().putAll(n.attributes());
        c.setRange(n.range()).setScope(n.scope()).setSchema(n.schema());
        for (Value in : n.inputs()) c.addInput(map.getOrDefault(in, in));
        for (Value o : n.outputs()) map.put(o, copyMeta(o, c.addOutput(o.type())));
        for (Block b : n.blocks()) {
            Block nb = c.addBlock();
            for (Value bi : b.inputs()) map.put(bi, copyMeta(bi, nb.addInput(bi.type())));
            appendBlock(b, nb, map);
            for (Value bo : b.outputs()) nb.addOutput(map.getOrDefault(bo, bo));
        }
        return c;
    }

    private static Value copyMeta(Value from, Value to) {
        if (from.hasDebugName()) to.setDebugName(from.debugName());
        return to;
    }
}
