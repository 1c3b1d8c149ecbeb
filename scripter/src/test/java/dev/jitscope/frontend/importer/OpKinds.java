package dev.jitscope.frontend.importer;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.type.ClassType;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts aten::*, prim::If and prim::Loop through nested blocks as if every prim::CallMethod and
 * prim::CallFunction were inlined: the same census the reference script takes of
 * {@code forward.inlined_graph}.
 */
final class OpKinds {
    private OpKinds() { }

    static Map<String, Integer> inlinedCounts(Graph g) {
        Map<String, Integer> counts = new TreeMap<>();
        visit(g.block(), counts, 0);
        return counts;
    }

    private static void visit(Block b, Map<String, Integer> counts, int depth) {
        if (depth > 200) throw new AssertionError("recursive calls while counting");
        for (Node n : b.nodes()) {
            String k = n.kind();
            if (k.startsWith("aten::") || k.equals(Node.IF) || k.equals(Node.LOOP)) counts.merge(k, 1, Integer::sum);
            if (k.equals(Node.CALL_METHOD)) {
                ClassType t = (ClassType) n.input(0).type();
                Function f = t.method((String) n.attr("name"));
                visit(f.graph().block(), counts, depth + 1);
            } else if (k.equals(Node.CALL_FUNCTION)) {
                Function f = (Function) n.input(0).node().attr("value");
                visit(f.graph().block(), counts, depth + 1);
            }
            for (Block inner : n.blocks()) visit(inner, counts, depth);
        }
    }
}
