package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import dev.jitscope.passes.util.Effects;
import dev.jitscope.passes.util.TensorFolder;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates operators whose inputs are all constants and replaces their results by prim::Constant:
 * <pre>
 *   %a : int = prim::Constant[value=2]()
 *   %b : int = aten::mul(%a, %a)          =>   %5 : int = prim::Constant[value=4]()
 * </pre>
 * Two halves, alternated until neither finds more: ir-core's
 * {@link dev.jitscope.ir.transform.ConstantPropagation} (int/float/bool/str/None operators, constant
 * If conditions, loops that never run, then dead code), and operators on constant tensors or lists
 * (what freezing leaves: weights feeding transposes, reshapes, arithmetic) evaluated with the kernels
 * through {@link TensorFolder}, and prim::ListConstruct of constants, unless an operand or the result
 * may be written in place.
 */
public final class ConstantPropagation implements Pass {
    public static final ConstantPropagation INSTANCE = new ConstantPropagation();
    private static final PassInfo INFO = new PassInfo("constant-propagation",
            "Fold operators on constant inputs into constants",
            "Evaluates pure scalar operators (arithmetic, comparison, boolean logic, int()/float()/bool()), "
                    + "takes the known branch of prim::If, and evaluates pure tensor operators whose inputs are all "
                    + "constants with the CPU kernels, replacing them by prim::Constant; removes what became dead.",
            List.of("rounds", "folded-with-kernels"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        while (true) {
            boolean scalar = dev.jitscope.ir.transform.ConstantPropagation.runImmutableTypes(ctx.graph());
            boolean tensor = foldWithKernels(ctx);
            if (!scalar && !tensor) return changed;
            ctx.count("rounds");
            changed = true;
        }
    }

    private static boolean foldWithKernels(PassContext ctx) {
        Graph g = ctx.graph();
        boolean changed = false;
        Effects.Mutations mutations = Effects.Mutations.of(g);
        // allNodes is in definition order, so a fold feeds the next node's fold in the same sweep
        for (Node n : new ArrayList<>(g.block().allNodes())) {
            if (n.owningBlock() == null || n.outputs().size() != 1 || !n.blocks().isEmpty() || n.inputs().isEmpty()) continue;
            if (n.kind().equals(Node.CONSTANT) || mutations.anyWritten(n.inputs()) || mutations.mayBeWritten(n.output())) continue;
            List<Object> args = new ArrayList<>();
            for (Value in : n.inputs()) args.add(Constants.valueOf(in));
            if (args.contains(Constants.NOT_CONSTANT)) continue;
            // an unmutated list of constants is a constant list (conv strides, view sizes), as in frozen PyTorch graphs
            Object r = n.kind().equals(Node.LIST_CONSTRUCT) ? new ArrayList<>(args) : TensorFolder.fold(n, args);
            if (r == Constants.NOT_CONSTANT) continue;
            Value c = Constants.insertBefore(n, r);
            if (c == null) continue;
            if (n.output().hasDebugName()) c.setDebugName(n.output().debugName());
            n.output().replaceAllUsesWith(c);
            n.destroy();
            ctx.count("folded-with-kernels");
            changed = true;
        }
        if (changed) dev.jitscope.ir.transform.DeadCodeElimination.run(g);
        return changed;
    }
}
