package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Effects;
import java.util.List;

/**
 * Removes nodes whose results nobody uses and that have no side effects, innermost blocks first,
 * last node first so a chain of dead nodes goes in one sweep:
 * <pre>
 *   %a : Tensor = aten::relu(%x)      // removed: %a unused
 *   %b : Tensor = aten::mul_(%y, %c)  // kept: writes %y
 *   return (%y)
 * </pre>
 * NB: a prim::If or prim::Loop is removable only when nothing inside it has side effects.
 */
public final class DeadCodeElimination implements Pass {
    public static final DeadCodeElimination INSTANCE = new DeadCodeElimination();
    private static final PassInfo INFO = new PassInfo("dead-code-elimination",
            "Remove side-effect-free nodes whose outputs are unused",
            "Deletes nodes none of whose outputs are used, unless the node (or anything in its blocks) has a "
                    + "side effect: attribute writes, in-place tensor ops, list mutation, prints, exceptions, calls.",
            List.of("removed"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) { return new Worker(ctx).sweep(ctx.graph().block()); }

    private static final class Worker {
        private final PassContext ctx;
        Worker(PassContext ctx) { this.ctx = ctx; }

        boolean sweep(Block b) {
            boolean changed = false;
            List<Node> nodes = b.nodes();
            for (int i = nodes.size() - 1; i >= 0; i--) {
                Node n = nodes.get(i);
                for (Block nb : n.blocks()) changed |= sweep(nb);
                if (isDead(n)) {
                    n.destroy();
                    ctx.count("removed");
                    changed = true;
                }
            }
            return changed;
        }

        private boolean isDead(Node n) {
            for (Value o : n.outputs()) if (o.hasUses()) return false;
            return !Effects.hasSideEffects(n);
        }
    }
}
