package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Dropout in eval mode is the identity:
 * <pre>
 *   %f : bool = prim::Constant[value=0]()
 *   %y : Tensor = aten::dropout(%x, %p, %f)     =>   uses of %y use %x
 * </pre>
 * Only when the {@code train} argument is the constant False, which freezing makes of self.training.
 */
public final class RemoveDropout implements Pass {
    public static final RemoveDropout INSTANCE = new RemoveDropout();
    private static final Set<String> DROPOUTS = Set.of("aten::dropout", "aten::dropout_", "aten::feature_dropout",
            "aten::feature_dropout_", "aten::alpha_dropout", "aten::alpha_dropout_", "aten::feature_alpha_dropout",
            "aten::feature_alpha_dropout_");
    private static final PassInfo INFO = new PassInfo("remove-dropout",
            "Remove dropout in eval mode",
            "Replaces aten::dropout (and its feature/alpha/in-place variants) whose train argument is the "
                    + "constant False by its input.",
            List.of("dropouts-removed"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        for (Node n : new ArrayList<>(ctx.graph().block().allNodes())) {
            if (!DROPOUTS.contains(n.kind()) || n.inputs().size() != 3) continue;
            if (Constants.asBool(n.input(2)).orElse(true)) continue;
            n.output().replaceAllUsesWith(n.input(0));
            n.destroy();
            ctx.count("dropouts-removed");
            changed = true;
        }
        return changed;
    }
}
