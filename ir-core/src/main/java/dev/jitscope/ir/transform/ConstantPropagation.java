package dev.jitscope.ir.transform;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.AnyType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.StringType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PyTorch's ConstantPropagationImmutableTypes: an operator whose inputs are all constants of
 * immutable types (int, float, bool, str, None) and whose result is one too is replaced by the
 * result; a prim::If on a constant condition becomes its taken branch; a loop that never runs
 * becomes its initial values. Tensors and lists are never folded (they can be mutated).
 * Dead code is removed afterwards when anything changed.
 */
public final class ConstantPropagation {
    private ConstantPropagation() { }

    /** Returns whether the graph changed. */
    public static boolean runImmutableTypes(Graph g) {
        boolean changed = propagate(g.block());
        if (changed) DeadCodeElimination.run(g);
        return changed;
    }

    private static boolean propagate(Block block) {
        boolean changed = false;
        int i = 0;
        while (i < block.nodes().size()) {
            Node n = block.nodes().get(i);
            if (n.kind().equals(Node.IF) && constantOf(n.input(0)).orElse(null) instanceof Boolean taken) {
                spliceBranch(n, n.blocks().get(taken ? 0 : 1));
                changed = true;
                continue;   // the spliced nodes now sit at index i
            }
            if (n.kind().equals(Node.LOOP) && neverRuns(n)) {
                for (int k = 0; k < n.outputs().size(); k++) n.output(k).replaceAllUsesWith(n.input(k + 2));
                n.destroy();
                changed = true;
                continue;
            }
            Optional<Object> folded = ScalarFolding.fold(n);
            if (folded.isPresent()) {
                Node c = makeConstant(n, folded.get() == NONE ? null : folded.get());
                c.insertBefore(n);
                n.output().replaceAllUsesWith(c.output());
                n.destroy();
                changed = true;
                i++;
                continue;
            }
            for (Block b : n.blocks()) changed |= propagate(b);
            if (n.kind().equals(Node.IF)) changed |= removeExtraIfOutputs(n);
            i++;
        }
        return changed;
    }

    /**
     * An If result that both branches yield alike (the same value, or equal immutable constants)
     * is that value, so later checks on it fold, e.g. {@code attn_mask is not None} after both
     * branches turned out to keep a None.
     */
    private static boolean removeExtraIfOutputs(Node n) {
        boolean changed = false;
        Block then = n.blocks().get(0), otherwise = n.blocks().get(1);
        for (int k = 0; k < n.outputs().size(); k++) {
            Value out = n.output(k);
            if (!out.hasUses()) continue;
            Value t = then.outputs().get(k), f = otherwise.outputs().get(k);
            if (t == f && !t.node().isIn(then) && !t.node().isIn(otherwise)) {
                out.replaceAllUsesWith(t);
                changed = true;
                continue;
            }
            Optional<Object> tc = constantOf(t), fc = constantOf(f);
            if (tc.isPresent() && fc.isPresent() && tc.get().equals(fc.get())
                    && (tc.get() == NONE || t.type().equals(f.type()))) {
                Node c = makeConstant(n, tc.get() == NONE ? null : tc.get());
                c.insertBefore(n);
                out.replaceAllUsesWith(c.output());
                changed = true;
            }
        }
        return changed;
    }

    /** Moves the taken block's nodes in front of the If and lets the If's outputs be the block's. */
    public static void spliceBranch(Node ifNode, Block taken) {
        for (Node inner : new ArrayList<>(taken.nodes())) inner.moveBefore(ifNode);
        List<Value> results = new ArrayList<>(taken.outputs());
        for (int k = 0; k < ifNode.outputs().size(); k++) ifNode.output(k).replaceAllUsesWith(results.get(k));
        ifNode.destroy();
    }

    private static boolean neverRuns(Node loop) {
        Object trips = constantOf(loop.input(0)).orElse(null), cond = constantOf(loop.input(1)).orElse(null);
        return trips instanceof Long t && t <= 0 || Boolean.FALSE.equals(cond);
    }

    static Node makeConstant(Node replaced, Object value) {
        Node c = replaced.graph().create(Node.CONSTANT);
        c.setAttr("value", value).setRange(replaced.range()).setScope(replaced.scope());
        JitType t = value == null ? NoneType.INSTANCE : value instanceof Boolean ? BoolType.INSTANCE
                : value instanceof Long ? IntType.INSTANCE : value instanceof Double ? FloatType.INSTANCE
                : value instanceof Device ? DeviceType.INSTANCE : StringType.INSTANCE;
        c.addOutput(t);
        return c;
    }

    /** The immutable constant a value holds, if it is produced by prim::Constant (or typed None). */
    static Optional<Object> constantOf(Value v) {
        if (v.type() == NoneType.INSTANCE) return Optional.of(NONE);
        if (!v.node().kind().equals(Node.CONSTANT) || v.type() instanceof AnyType) return Optional.empty();
        Object x = v.node().attr("value");
        if (x == null) return Optional.of(NONE);
        if (x instanceof Long || x instanceof Double || x instanceof Boolean || x instanceof String) return Optional.of(x);
        return Optional.empty();
    }

    /** Stand-in for None inside an Optional. */
    static final Object NONE = new Object() { @Override public String toString() { return "None"; } };
}
