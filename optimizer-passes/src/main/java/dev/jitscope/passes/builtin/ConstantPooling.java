package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import java.util.List;

/**
 * ir-core's {@link dev.jitscope.ir.transform.ConstantPooling} as a pass: one prim::Constant per distinct
 * scalar value, hoisted to the top of the graph (what PyTorch's optimized graphs show).
 */
public final class ConstantPooling implements Pass {
    public static final ConstantPooling INSTANCE = new ConstantPooling();
    private static final PassInfo INFO = new PassInfo("constant-pooling",
            "Merge equal scalar constants and hoist them to the top",
            "Keeps one prim::Constant per distinct (type, value) of int, float, bool, str and None, moved to the "
                    + "start of the graph in first-use order; duplicates are replaced by it.",
            List.of("merged"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        int before = constants(ctx);
        dev.jitscope.ir.transform.ConstantPooling.run(ctx.graph());
        int merged = before - constants(ctx);
        if (merged > 0) ctx.count("merged", merged);
        // hoisting alone may also have moved nodes; the manager's fingerprint says whether the text changed
        return merged > 0;
    }

    private static int constants(PassContext ctx) {
        return (int) ctx.graph().block().allNodes().stream().filter(n -> n.kind().equals(Node.CONSTANT)).count();
    }
}
