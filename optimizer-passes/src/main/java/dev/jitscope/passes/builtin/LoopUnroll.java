package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import dev.jitscope.ir.transform.GraphCopier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Fully unrolls {@code for i in range(N)} loops with a constant, small trip count:
 * <pre>
 *   %h : Tensor = prim::Loop(%3, %true, %x)        =>   %h.1 : Tensor = aten::relu(%x)
 *     block0(%i : int, %c : Tensor):                    %h.2 : Tensor = aten::relu(%h.1)
 *       %n : Tensor = aten::relu(%c)                    %h.3 : Tensor = aten::relu(%h.2)
 *       -> (%true, %n)
 * </pre>
 * Only loops whose start and continue conditions are constant true (for-range loops, no break), and
 * only while trip count × body size stays under {@link #BUDGET} nodes.
 * NB: PyTorch's UnrollLoops also unrolls unknown trip counts by 8 with an epilogue; we don't (yet).
 */
public final class LoopUnroll implements Pass {
    public static final LoopUnroll INSTANCE = new LoopUnroll();
    static final int BUDGET = 256;
    private static final PassInfo INFO = new PassInfo("loop-unroll",
            "Fully unroll loops with small constant trip counts",
            "Replaces prim::Loop nodes with a constant trip count, constant-true conditions and a body of at "
                    + "most " + BUDGET + " nodes in total after unrolling by that many copies of the body.",
            List.of("loops-unrolled"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        // innermost first: allNodes lists outer loops before inner ones
        List<Node> all = new ArrayList<>(ctx.graph().block().allNodes());
        for (int idx = all.size() - 1; idx >= 0; idx--) {
            Node loop = all.get(idx);
            if (loop.owningBlock() == null || !loop.kind().equals(Node.LOOP) || !unrollable(loop)) continue;
            Block body = loop.blocks().get(0);
            long trips = (Long) Constants.valueOf(loop.input(0));
            List<Value> carried = new ArrayList<>(loop.inputs().subList(2, loop.inputs().size()));
            for (long i = 0; i < trips; i++) {
                Map<Value, Value> map = outerValues(body);
                map.put(body.inputs().get(0), Constants.insertBefore(loop, i));
                for (int k = 0; k < carried.size(); k++) map.put(body.inputs().get(k + 1), carried.get(k));
                List<Value> outs = GraphCopier.insertBefore(body, loop, map);
                carried = new ArrayList<>(outs.subList(1, outs.size()));
            }
            for (int k = 0; k < loop.outputs().size(); k++) loop.output(k).replaceAllUsesWith(carried.get(k));
            loop.destroy();
            ctx.count("loops-unrolled");
            changed = true;
        }
        return changed;
    }

    /** The body reads values of enclosing blocks as they are: bind each to itself for the copier. */
    private static Map<Value, Value> outerValues(Block body) {
        Set<Value> inside = new HashSet<>(body.inputs());
        List<Node> nodes = body.allNodes();
        for (Node n : nodes) {
            inside.addAll(n.outputs());
            for (Block b : n.blocks()) inside.addAll(b.inputs());
        }
        Map<Value, Value> map = new HashMap<>();
        for (Node n : nodes) {
            for (Value v : n.inputs()) if (!inside.contains(v)) map.put(v, v);
            for (Block b : n.blocks()) for (Value v : b.outputs()) if (!inside.contains(v)) map.put(v, v);
        }
        for (Value v : body.outputs()) if (!inside.contains(v)) map.put(v, v);
        return map;
    }

    private static boolean unrollable(Node loop) {
        if (!(Constants.valueOf(loop.input(0)) instanceof Long trips) || trips < 0) return false;
        if (!Constants.asBool(loop.input(1)).orElse(false)) return false;
        Block body = loop.blocks().get(0);
        if (!Constants.asBool(body.outputs().get(0)).orElse(false)) return false;
        return trips * Math.max(1, body.allNodes().size()) <= BUDGET;
    }
}
