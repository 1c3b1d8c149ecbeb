package dev.jitscope.frontend.importer;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;

import java.util.Map;
import java.util.TreeMap;

/** Counts aten::*, prim::If and prim::Loop through nested blocks, as the reference script does. */
final class OpCensus {
    private OpCensus() { }

    static Map<String, Integer> count(Graph g) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : g.block().allNodes()) {
            String k = n.kind();
            if (k.startsWith("aten::") || k.equals(Node.IF) || k.equals(Node.LOOP)) counts.merge(k, 1, Integer::sum);
        }
        return counts;
    }
}
