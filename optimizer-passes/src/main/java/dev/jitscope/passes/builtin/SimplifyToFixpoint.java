package dev.jitscope.passes.builtin;

import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.GraphText;
import java.util.List;

/**
 * Repeats constant propagation, peephole, CSE and constant pooling until a round leaves the graph as
 * it was. One round is not enough on nested Optional logic (torchvision's multi-head attention): pooling
 * makes two branches yield the same None, peephole then drops that If output, which turns an
 * {@code is not None} test into a constant, whose If constant propagation removes, exposing the next
 * level. Without this the pipelines would not be idempotent (a second run would still change the graph).
 */
public final class SimplifyToFixpoint implements Pass {
    public static final SimplifyToFixpoint INSTANCE = new SimplifyToFixpoint();
    /** A bound, so that passes undoing each other cannot spin forever. */
    static final int MAX_ROUNDS = 16;
    private static final List<Pass> ROUND = List.of(ConstantPropagation.INSTANCE, Peephole.INSTANCE,
            CommonSubexpressionElimination.INSTANCE, ConstantPooling.INSTANCE);
    private static final PassInfo INFO = new PassInfo("simplify",
            "Repeat constant propagation, peephole, CSE and constant pooling until nothing changes",
            "Runs constant-propagation, peephole, cse and constant-pooling in rounds until a round leaves the "
                    + "graph unchanged (at most " + MAX_ROUNDS + "), so simplifications that enable each other "
                    + "all happen and running the pipeline again changes nothing.",
            List.of("rounds"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        // the printed graph is the fingerprint: passes' own "changed" claims may be conservative
        String start = GraphText.print(ctx.graph()), previous = start;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            for (Pass p : ROUND) p.run(ctx);
            ctx.count("rounds");
            String now = GraphText.print(ctx.graph());
            if (now.equals(previous)) break;
            previous = now;
        }
        return !previous.equals(start);
    }
}
