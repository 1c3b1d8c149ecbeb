package dev.jitscope.ir.transform;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One prim::Constant per distinct (type, value), hoisted to the start of the graph, first use order. */
public final class ConstantPooling {
    private ConstantPooling() { }

    private record Key(String type, Object value) { }

    public static void run(Graph g) {
        Map<Key, Value> pool = new HashMap<>();
        List<Node> kept = new ArrayList<>();
        for (Node n : g.block().allNodes()) {
            if (!n.kind().equals(Node.CONSTANT) || !poolable(n)) continue;
            Object v = n.attr("value");
            Key key = new Key(n.output().type().str(), v instanceof Double d ? (Object) Double.doubleToLongBits(d) : v);
            Value existing = pool.get(key);
            if (existing != null) {
                n.output().replaceAllUsesWith(existing);
                n.destroy();
            } else {
                pool.put(key, n.output());
                kept.add(n);
            }
        }
        if (kept.isEmpty()) return;
        // hoist in reverse so that the pooled constants keep their relative order at the top
        for (int i = kept.size() - 1; i >= 0; i--) {
            Node n = kept.get(i), first = g.block().nodes().get(0);
            if (n != first) n.moveBefore(first);
        }
    }

    private static boolean poolable(Node n) {
        Object v = n.attr("value");
        return n.attr("name") == null && n.outputs().size() == 1
                && (v == null || v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String);
    }
}
