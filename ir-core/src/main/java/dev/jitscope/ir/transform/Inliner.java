package dev.jitscope.ir.transform;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.ClassType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * PyTorch 1.13's {@code inlined_graph}: a copy of the graph in which every prim::CallMethod and
 * prim::CallFunction is replaced by the callee's <em>optimized</em> graph. Like
 * {@code GraphFunction::optimized_graph()}, a callee is first inlined itself, then peephole
 * optimized, constant propagated (immutable types only) and its constants pooled; the top graph
 * gets no clean-up at all, which is why folding happens only inside callees.
 */
public final class Inliner {
    private final Map<Function, Graph> optimized = new IdentityHashMap<>();
    private final Set<Function> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    /** A new graph: {@code g} with all calls inlined; {@code g} itself is unchanged. */
    public static Graph inline(Graph g) {
        Graph copy = GraphCopier.copy(g);
        new Inliner().inlineCalls(copy.block());
        return copy;
    }

    /** The callee form PyTorch substitutes: inlined, peephole, constant propagation, pooling. */
    public static Graph optimizedGraph(Function f) { return new Inliner().optimized(f); }

    private Graph optimized(Function f) {
        Graph cached = optimized.get(f);
        if (cached != null) return cached;
        if (!inProgress.add(f)) throw new IllegalStateException("recursive call of " + f.qualifiedName() + " cannot be inlined");
        Graph g = GraphCopier.copy(f.graph());
        inlineCalls(g.block());
        Peephole.run(g);
        ConstantPropagation.runImmutableTypes(g);
        ConstantPooling.run(g);
        inProgress.remove(f);
        optimized.put(f, g);
        return g;
    }

    private void inlineCalls(Block block) {
        for (Node n : new ArrayList<>(block.nodes())) {
            Function callee = calleeOf(n);
            if (callee != null) inlineCall(n, callee);
            else for (Block b : n.blocks()) inlineCalls(b);
        }
    }

    /** The function a call node invokes, or null when {@code n} is no call. */
    public static Function calleeOf(Node n) {
        if (n.kind().equals(Node.CALL_METHOD) && n.input(0).type() instanceof ClassType t) {
            Function f = t.method((String) n.attr("name"));
            if (f == null) throw new IllegalStateException(t.qualifiedName() + " has no method " + n.attr("name"));
            return f;
        }
        if (n.kind().equals(Node.CALL_FUNCTION) && n.input(0).node().attr("value") instanceof Function f) return f;
        return null;
    }

    private void inlineCall(Node call, Function f) {
        Graph body = optimized(f);
        int skip = call.kind().equals(Node.CALL_FUNCTION) ? 1 : 0;
        Map<Value, Value> env = new IdentityHashMap<>();
        for (int i = 0; i < body.inputs().size(); i++) env.put(body.inputs().get(i), call.input(i + skip));
        List<Value> results = GraphCopier.insertBefore(body.block(), call, env);
        for (int i = 0; i < call.outputs().size(); i++) {
            Value old = call.output(i), fresh = results.get(i);
            // the caller's name wins for a value the callee computed (PyTorch keeps the call's output name)
            if (old.hasDebugName() && !body.inputs().contains(body.outputs().get(i))) fresh.setDebugName(old.debugName());
            old.replaceAllUsesWith(fresh);
        }
        call.destroy();
    }
}
