package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Effects;
import dev.jitscope.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reuses the result of an earlier identical node (same kind, attributes and inputs) that dominates
 * the later one: an earlier node in the same block or in an enclosing block.
 * <pre>
 *   %a : Tensor = aten::mul(%x, %y)
 *   %b : Tensor = aten::mul(%x, %y)     // removed, uses of %b use %a
 * </pre>
 * NB alias-awareness: never merges nodes with side effects, nondeterministic ops (rand, dropout),
 * constructions of lists/dicts (each is a distinct mutable object), or nodes reading a value that may
 * be written somewhere in the graph: between the two reads the value could change.
 */
public final class CommonSubexpressionElimination implements Pass {
    public static final CommonSubexpressionElimination INSTANCE = new CommonSubexpressionElimination();
    private static final PassInfo INFO = new PassInfo("cse",
            "Common subexpression elimination",
            "Replaces a node by an identical dominating node (same operator, attributes and inputs). Skips "
                    + "side effects, random ops, list/dict constructions and reads of values that are mutated.",
            List.of("eliminated"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        return new Worker(ctx).visit(ctx.graph().block(), new HashMap<>());
    }

    /** Hash key of a node: kind, attributes (tensors by identity) and input identities. */
    private record Key(String kind, List<Object> attrs, List<Value> inputs, int nOutputs) {
        static Key of(Node n) {
            List<Object> attrs = new ArrayList<>();
            for (var e : n.attributes().entrySet()) {
                attrs.add(e.getKey());
                Object v = e.getValue();
                attrs.add(v instanceof Tensor ? new Identity(v) : v);
                if (v != null) attrs.add(v.getClass());      // 1 (int) and 1.0 / true differ
            }
            return new Key(n.kind(), attrs, n.inputs(), n.outputs().size());
        }
    }

    private record Identity(Object o) {
        @Override public boolean equals(Object x) { return x instanceof Identity i && i.o == o; }
        @Override public int hashCode() { return System.identityHashCode(o); }
    }

    private static final class Worker {
        private final PassContext ctx;
        private final Effects.Mutations mutations;

        Worker(PassContext ctx) {
            this.ctx = ctx;
            this.mutations = Effects.Mutations.of(ctx.graph());
        }

        /** {@code available} holds the nodes of enclosing blocks; each block works on a copy. */
        boolean visit(Block b, Map<Key, Node> available) {
            Map<Key, Node> seen = new HashMap<>(available);
            boolean changed = false;
            for (Node n : new ArrayList<>(b.nodes())) {
                for (Block nb : n.blocks()) changed |= visit(nb, seen);
                if (!eligible(n)) continue;
                Key k = Key.of(n);
                Node prior = seen.get(k);
                if (prior == null) {
                    seen.put(k, n);
                    continue;
                }
                for (int i = 0; i < n.outputs().size(); i++) {
                    Value dup = n.output(i), keep = prior.output(i);
                    if (!keep.hasDebugName() && dup.hasDebugName()) keep.setDebugName(dup.debugName());
                    dup.replaceAllUsesWith(keep);
                }
                n.destroy();
                ctx.count("eliminated");
                changed = true;
            }
            return changed;
        }

        private boolean eligible(Node n) {
            if (!n.blocks().isEmpty() || n.outputs().isEmpty()) return false;
            if (Effects.hasSideEffects(n) || Effects.isNondeterministic(n)) return false;
            for (Value o : n.outputs()) if (Effects.isMutableContainer(o) || mutations.mayBeWritten(o)) return false;
            for (Value in : n.inputs()) if (mutations.mayBeWritten(in)) return false;
            return Objects.nonNull(n.kind());
        }
    }
}
