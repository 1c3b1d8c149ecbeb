package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Function;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.GraphCopy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces calls by a copy of the callee's graph:
 * <pre>
 *   %y : Tensor = prim::CallMethod[name="forward"](%conv, %x)   =>   %y : Tensor = aten::conv2d(%x, ...)
 * </pre>
 * prim::CallMethod's callee is found on the receiver's class type, prim::CallFunction's in the
 * prim::Constant (a {@link Function}) that feeds its first input. Inlined nodes keep the callee's
 * source ranges, so the workbench can still point at the submodule's code.
 * NB: recursion is not possible in TorchScript, but we stop after {@link #MAX_ROUNDS} rounds anyway.
 */
public final class Inline implements Pass {
    public static final Inline INSTANCE = new Inline();
    static final int MAX_ROUNDS = 64;
    private static final PassInfo INFO = new PassInfo("inline",
            "Inline method and function calls",
            "Replaces prim::CallMethod and prim::CallFunction nodes whose callee graph is known with a copy "
                    + "of that graph, repeatedly, until no such call remains.",
            List.of("calls-inlined"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean any = false;
            for (Node n : ctx.graph().block().allNodes()) {
                if (n.owningBlock() == null) continue;
                Function callee = callee(n);
                if (callee == null || callee.graph() == null) continue;
                int firstArg = n.kind().equals(Node.CALL_FUNCTION) ? 1 : 0;
                Map<Value, Value> map = new HashMap<>();
                List<Value> params = callee.graph().inputs();
                for (int i = 0; i < params.size(); i++) map.put(params.get(i), n.input(firstArg + i));
                List<Value> results = GraphCopy.insertBlockBefore(callee.graph().block(), n, map);
                for (int i = 0; i < n.outputs().size(); i++) {
                    Value r = results.get(i);
                    if (!r.hasDebugName() && n.output(i).hasDebugName()) r.setDebugName(n.output(i).debugName());
                    n.output(i).replaceAllUsesWith(r);
                }
                n.destroy();
                ctx.count("calls-inlined");
                any = true;
            }
            if (!any) break;
            changed = true;
        }
        return changed;
    }

    private static Function callee(Node n) {
        if (n.kind().equals(Node.CALL_METHOD) && !n.inputs().isEmpty() && n.input(0).type() instanceof ClassType c
                && n.attr("name") instanceof String name)
            return c.method(name);
        if (n.kind().equals(Node.CALL_FUNCTION) && !n.inputs().isEmpty() && n.input(0).node().kind().equals(Node.CONSTANT)
                && n.input(0).node().attr("value") instanceof Function f)
            return f;
        return null;
    }
}
