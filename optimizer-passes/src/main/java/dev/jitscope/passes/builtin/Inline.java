package dev.jitscope.passes.builtin;

import dev.jitscope.ir.transform.Inliner;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import java.util.List;

/**
 * Replaces calls by a copy of the callee's graph, with ir-core's {@link Inliner} (PyTorch's
 * {@code inlined_graph}: each callee is itself inlined and cleaned up before it is substituted):
 * <pre>
 *   %y : Tensor = prim::CallMethod[name="forward"](%conv, %x)   =>   %y : Tensor = aten::conv2d(%x, ...)
 * </pre>
 * Inlined nodes keep the callee's source ranges, so the workbench can still point at the submodule's
 * code. The graph after this pass is what {@code jitscope graph --inlined} prints.
 */
public final class Inline implements Pass {
    public static final Inline INSTANCE = new Inline();
    private static final PassInfo INFO = new PassInfo("inline",
            "Inline method and function calls",
            "Replaces prim::CallMethod and prim::CallFunction nodes with the callee's graph (itself inlined, "
                    + "peephole-optimized and constant-folded first, as PyTorch's inlined_graph), until no call remains.",
            List.of("calls-inlined"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        long calls = ctx.graph().block().allNodes().stream().filter(n -> Inliner.calleeOf(n) != null).count();
        if (calls == 0) return false;
        ctx.replaceGraph(Inliner.inline(ctx.graph()));
        ctx.count("calls-inlined", calls);
        return true;
    }

}
