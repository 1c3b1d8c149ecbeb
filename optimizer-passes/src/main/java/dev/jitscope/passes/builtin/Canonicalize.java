package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.ir.transform.GraphCopier;
import java.util.List;

/**
 * Renumbers values in print order, so two graphs that differ only in how passes numbered their
 * temporaries print the same and diff cleanly (PyTorch's Canonicalize):
 * <pre>
 *   %17 : Tensor = aten::relu(%x)   =>   %1 : Tensor = aten::relu(%x)
 *   %9 : Tensor = aten::neg(%17)         %2 : Tensor = aten::neg(%1)
 * </pre>
 * NB: rebuilds the graph; node identity does not survive (snapshot keys do, see NodeKey).
 */
public final class Canonicalize implements Pass {
    public static final Canonicalize INSTANCE = new Canonicalize();
    private static final PassInfo INFO = new PassInfo("canonicalize",
            "Renumber values in print order for stable, readable dumps",
            "Copies the graph so unnamed values are numbered in the order they are printed; debug names "
                    + "are kept. Run last so diffs between pipelines compare structure, not numbering.",
            List.of("renumbered"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        Graph before = ctx.graph();
        Graph after = GraphCopier.copy(before);
        // claim a change only when some unnamed value gets a different number
        List<Value> a = before.block().allNodes().stream().flatMap(n -> n.outputs().stream()).toList();
        List<Value> b = after.block().allNodes().stream().flatMap(n -> n.outputs().stream()).toList();
        long renumbered = 0;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).hasDebugName() && a.get(i).id() != b.get(i).id()) renumbered++;
        ctx.replaceGraph(after);
        ctx.count("renumbered", renumbered);
        return renumbered > 0;
    }
}
