package dev.jitscope.passes.builtin;

import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import java.util.List;

/**
 * ir-core's {@link dev.jitscope.ir.transform.DeadCodeElimination} as a pass: removes nodes whose results
 * nobody uses and that have no side effects, unused prim::If outputs and unread loop-carried values:
 * <pre>
 *   %a : Tensor = aten::relu(%x)      // removed: %a unused
 *   %b : Tensor = aten::mul_(%y, %c)  // kept: writes %y
 *   return (%y)
 * </pre>
 */
public final class DeadCodeElimination implements Pass {
    public static final DeadCodeElimination INSTANCE = new DeadCodeElimination();
    private static final PassInfo INFO = new PassInfo("dead-code-elimination",
            "Remove side-effect-free nodes whose outputs are unused",
            "Deletes nodes none of whose outputs are used, unless the node (or anything in its blocks) has a "
                    + "side effect: attribute writes, in-place tensor ops, list mutation, prints, exceptions, calls. "
                    + "Also drops unused prim::If outputs and loop-carried values nothing reads.",
            List.of("removed"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        int before = ctx.graph().nodeCount();
        boolean changed = dev.jitscope.ir.transform.DeadCodeElimination.run(ctx.graph());
        if (before > ctx.graph().nodeCount()) ctx.count("removed", before - ctx.graph().nodeCount());
        return changed;
    }
}
