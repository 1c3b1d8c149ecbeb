package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.BatchNormFolding;
import java.util.ArrayList;
import java.util.List;

/**
 * On a frozen graph, merges BatchNorm1d into the linear layer before it:
 * <pre>
 *   %l : Tensor = aten::linear(%x, %W, %b)                  %l : Tensor = aten::linear(%x, %W', %b')
 *   %y : Tensor = aten::batch_norm(%l, ..., %false, ...)  =>
 * </pre>
 * NB: only when the input is known to be 2-D (N, in): batch norm normalises dim 1, which is the
 * linear layer's output feature dim only then; on (N, L, F) it would normalise L. Run
 * shape-propagation first, or give the input a refined type.
 */
public final class FoldLinearBatchNorm implements Pass {
    public static final FoldLinearBatchNorm INSTANCE = new FoldLinearBatchNorm();
    private static final PassInfo INFO = new PassInfo("fold-linear-batch-norm",
            "Fold eval-mode BatchNorm1d into the preceding linear layer (frozen graphs, 2-D inputs)",
            "Rewrites linear → batch_norm(training=False) with constant parameters on a 2-D input into a single "
                    + "linear whose weight and bias absorb the normalisation.",
            List.of("folded"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        for (Node n : new ArrayList<>(ctx.graph().block().allNodes())) {
            if (n.owningBlock() == null || !n.kind().equals("aten::linear") || n.outputs().size() != 1) continue;
            int[] in = n.input(0).type() instanceof TensorType t ? t.sizes() : null;
            if (in == null || in.length != 2) continue;
            Value out = n.output();
            if (out.uses().size() == 1) changed |= BatchNormFolding.fold(n, out.uses().get(0).user(), ctx, "folded");
        }
        return changed;
    }
}
