package dev.jitscope.passes.util;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.transform.SideEffects;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.TensorType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mutation and nondeterminism, by operator name (we have no alias annotations on schemas yet).
 * NB: conservative: an unknown call is assumed to write anything it is given, and any in-place op on a
 * Tensor makes every Tensor "possibly mutated" (a view may alias it), like PyTorch's alias-db wildcard.
 */
public final class Effects {
    private Effects() {}

    private static final Set<String> NONDETERMINISTIC = Set.of(
            "aten::rand", "aten::randn", "aten::rand_like", "aten::randn_like", "aten::randint", "aten::randperm",
            "aten::bernoulli", "aten::normal", "aten::multinomial", "aten::dropout", "aten::feature_dropout",
            "aten::alpha_dropout", "aten::rrelu");

    /** In-place tensor ops are spelled with a trailing underscore (aten::relu_), dunders are not. */
    public static boolean isInPlace(Node n) {
        String k = n.kind();
        return k.startsWith("aten::") && k.endsWith("_") && !k.endsWith("__");
    }

    /** True when removing or reordering the node could change what the program does (ir-core's {@link SideEffects}). */
    public static boolean hasSideEffects(Node n) { return SideEffects.has(n); }

    public static boolean isNondeterministic(Node n) { return NONDETERMINISTIC.contains(n.kind()); }

    /** The values something in the graph may write to. */
    public static final class Mutations {
        private final Set<Value> written = new HashSet<>();
        private boolean anyTensorWritten;

        public static Mutations of(Graph g) {
            Mutations m = new Mutations();
            for (Node n : g.block().allNodes()) {
                if (isInPlace(n) && !n.inputs().isEmpty()) m.write(n.input(0));
                // any other effect (a call, a list append, a print) may write what it is given
                else if (n.blocks().isEmpty() && SideEffects.has(n)) for (Value v : n.inputs()) m.write(v);
            }
            return m;
        }

        private void write(Value v) {
            written.add(v);
            if (v.type() instanceof TensorType) anyTensorWritten = true;
        }

        public boolean anyWritten(List<Value> vs) {
            for (Value v : vs) if (mayBeWritten(v)) return true;
            return false;
        }

        /** Whether {@code v} (or, for tensors, something that may alias it) is written anywhere. */
        public boolean mayBeWritten(Value v) {
            if (written.contains(v)) return true;
            return v.type() instanceof TensorType && anyTensorWritten;
        }
    }

    /** Lists and dicts are mutable containers: two constructions are never interchangeable. */
    public static boolean isMutableContainer(Value v) {
        return v.type() instanceof ListType || v.type() instanceof DictType;
    }
}
