package dev.jitscope.passes.builtin;

import dev.jitscope.passes.Pass;
import java.util.List;

/** The passes shipped with JitScope, in the order `jitscope passes --list` shows them. */
public final class BuiltinPasses {
    private BuiltinPasses() {}

    public static List<Pass> all() {
        return List.of(
                Inline.INSTANCE,
                DeadCodeElimination.INSTANCE,
                ConstantIfRemoval.INSTANCE,
                ConstantPropagation.INSTANCE,
                Peephole.INSTANCE,
                ConstantPooling.INSTANCE,
                CommonSubexpressionElimination.INSTANCE,
                SimplifyToFixpoint.INSTANCE,
                LoopUnroll.INSTANCE,
                Freeze.INSTANCE,
                RemoveDropout.INSTANCE,
                FoldConvBatchNorm.INSTANCE,
                FoldLinearBatchNorm.INSTANCE,
                FuseElementwise.INSTANCE,
                ShapePropagation.INSTANCE,
                Canonicalize.INSTANCE);
    }
}
