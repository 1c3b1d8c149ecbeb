package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.BatchNormFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * On a frozen graph, merges an eval-mode batch norm into the convolution before it:
 * <pre>
 *   %c : Tensor = aten::conv2d(%x, %W, %b, ...)             %c : Tensor = aten::conv2d(%x, %W', %b', ...)
 *   %y : Tensor = aten::batch_norm(%c, %g, %be, %m, %v,  =>
 *                                  %false, %mom, %eps, %cudnn)
 * </pre>
 * Needs weight, bias, and the batch norm's statistics as constants (run freeze first) and the
 * convolution's result used by nothing else. See {@link BatchNormFolding} for the arithmetic.
 */
public final class FoldConvBatchNorm implements Pass {
    public static final FoldConvBatchNorm INSTANCE = new FoldConvBatchNorm();
    private static final Set<String> CONVS = Set.of("aten::conv1d", "aten::conv2d", "aten::conv3d", "aten::_convolution");
    private static final PassInfo INFO = new PassInfo("fold-conv-batch-norm",
            "Fold eval-mode batch norm into the preceding convolution (frozen graphs)",
            "Rewrites conv → batch_norm(training=False) with constant parameters into a single convolution "
                    + "whose weight and bias absorb the normalisation.",
            List.of("folded"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        for (Node n : new ArrayList<>(ctx.graph().block().allNodes())) {
            if (n.owningBlock() == null || !CONVS.contains(n.kind()) || n.outputs().size() != 1) continue;
            Value out = n.output();
            if (out.uses().size() == 1) changed |= BatchNormFolding.fold(n, out.uses().get(0).user(), ctx, "folded");
        }
        return changed;
    }
}
