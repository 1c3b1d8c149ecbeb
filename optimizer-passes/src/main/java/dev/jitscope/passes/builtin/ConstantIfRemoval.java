package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import java.util.List;
import java.util.Optional;

/**
 * Replaces a prim::If on a constant condition by the nodes of the branch it always takes:
 * <pre>
 *   %c : bool = prim::Constant[value=0]()
 *   %y : Tensor = prim::If(%c)          =>   %z : Tensor = aten::neg(%x)
 *     block0(): -> (%x)                      (uses of %y now use %z)
 *     block1(): %z = aten::neg(%x) -> (%z)
 * </pre>
 * Typical sources: {@code if self.training:} after freezing, {@code if x is None} on a non-Optional.
 * The splice is ir-core's (constant propagation does the same as part of its work); this pass does
 * only that, so a user can watch the If go on its own.
 */
public final class ConstantIfRemoval implements Pass {
    public static final ConstantIfRemoval INSTANCE = new ConstantIfRemoval();
    private static final PassInfo INFO = new PassInfo("constant-if-removal",
            "Inline the taken branch of prim::If nodes with constant conditions",
            "A prim::If whose condition is a prim::Constant bool is replaced by the nodes of the branch it "
                    + "always takes; the other branch disappears with everything in it.",
            List.of("ifs-removed"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        for (Node n : ctx.graph().block().allNodes()) {
            // an If inside a discarded branch was destroyed with it (no owning block any more)
            if (n.owningBlock() == null || !n.kind().equals(Node.IF)) continue;
            Optional<Boolean> cond = Constants.asBool(n.input(0));
            if (cond.isEmpty()) continue;
            dev.jitscope.ir.transform.ConstantPropagation.spliceBranch(n, n.blocks().get(cond.get() ? 0 : 1));
            ctx.count("ifs-removed");
            changed = true;
        }
        return changed;
    }
}
