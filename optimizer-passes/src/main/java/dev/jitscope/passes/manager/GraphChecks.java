package dev.jitscope.passes.manager;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural invariants a pass must keep: every use sees a definition earlier in its block or an
 * enclosing one, use lists match inputs, prim::If branches return as many values as the If has
 * outputs, prim::Loop bodies return 1 + carried values.
 * NB: the minimal subset of ir-core's GraphVerifier (branch ircore) we need until it lands.
 */
public final class GraphChecks {
    private GraphChecks() {}

    public static List<String> check(Graph g) {
        List<String> problems = new ArrayList<>();
        Set<Value> visible = new HashSet<>(g.inputs());
        block(g.block(), visible, problems);
        return problems;
    }

    private static void block(Block b, Set<Value> visible, List<String> problems) {
        Set<Value> scope = new HashSet<>(visible);
        scope.addAll(b.inputs());
        for (Node n : b.nodes()) {
            for (int i = 0; i < n.inputs().size(); i++) {
                Value v = n.input(i);
                if (!scope.contains(v)) problems.add(n.kind() + " uses " + v + " before its definition");
                final int idx = i;
                if (v.uses().stream().noneMatch(u -> u.user() == n && u.index() == idx))
                    problems.add(n.kind() + " input " + i + " missing from the use list of " + v);
            }
            if (n.kind().equals(Node.IF)) {
                if (n.blocks().size() != 2) problems.add("prim::If with " + n.blocks().size() + " blocks");
                for (Block nb : n.blocks())
                    if (nb.outputs().size() != n.outputs().size()) problems.add("prim::If branch returns " + nb.outputs().size() + " values for " + n.outputs().size() + " outputs");
            }
            if (n.kind().equals(Node.LOOP) && n.blocks().size() == 1 && n.blocks().get(0).outputs().size() != n.outputs().size() + 1)
                problems.add("prim::Loop body returns " + n.blocks().get(0).outputs().size() + " values for " + n.outputs().size() + " carried");
            for (Block nb : n.blocks()) block(nb, scope, problems);
            for (Value o : n.outputs()) {
                if (o.node() != n) problems.add(n.kind() + " output " + o + " points to another node");
                scope.add(o);
            }
        }
        for (Value v : b.outputs()) if (!scope.contains(v)) problems.add("block returns " + v + " which is not visible");
    }
}
