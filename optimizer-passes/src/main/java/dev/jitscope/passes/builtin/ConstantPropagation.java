package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import dev.jitscope.passes.util.Effects;
import dev.jitscope.passes.util.ScalarFolder;
import dev.jitscope.passes.util.TensorFolder;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates operators whose inputs are all constants and replaces their results by prim::Constant:
 * <pre>
 *   %a : int = prim::Constant[value=2]()
 *   %b : int = aten::mul(%a, %a)          =>   %b : int = prim::Constant[value=4]()
 * </pre>
 * Scalar operators are evaluated by {@link ScalarFolder}; operators on constant tensors (after
 * freezing) by the kernels through {@link TensorFolder}, unless an operand may be written in place.
 * The folded-away inputs are left for dead-code-elimination.
 */
public final class ConstantPropagation implements Pass {
    public static final ConstantPropagation INSTANCE = new ConstantPropagation();
    private static final PassInfo INFO = new PassInfo("constant-propagation",
            "Fold operators on constant inputs into constants",
            "Evaluates pure scalar operators (arithmetic, comparison, boolean logic, int()/float()/bool(), "
                    + "is None checks, list length) and pure tensor operators whose inputs are all constants and "
                    + "replaces them by prim::Constant.",
            List.of("folded"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        Effects.Mutations mutations = Effects.Mutations.of(ctx.graph());
        // allNodes is in definition order, so a fold feeds the next node's fold in the same sweep
        for (Node n : ctx.graph().block().allNodes()) {
            if (n.owningBlock() == null || n.outputs().size() != 1 || !n.blocks().isEmpty()) continue;
            List<Object> args = new ArrayList<>();
            for (Value in : n.inputs()) args.add(Constants.valueOf(in));
            if (args.contains(Constants.NOT_CONSTANT) && !ScalarFolder.foldsWithNonConstants(n)) continue;
            Object r = ScalarFolder.fold(n, args);
            if (r == Constants.NOT_CONSTANT && !args.contains(Constants.NOT_CONSTANT) && !mutations.anyWritten(n.inputs()))
                r = TensorFolder.fold(n, args);
            if (r == Constants.NOT_CONSTANT) continue;
            Value c = Constants.insertBefore(n, r);
            if (c == null) continue;
            if (n.output().hasDebugName()) c.setDebugName(n.output().debugName());
            n.output().replaceAllUsesWith(c);
            n.destroy();
            ctx.count("folded");
            changed = true;
        }
        return changed;
    }
}
