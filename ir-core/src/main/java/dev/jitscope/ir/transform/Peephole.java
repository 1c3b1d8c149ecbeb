package dev.jitscope.ir.transform;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.AnyType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;

import java.util.ArrayList;
import java.util.Optional;

/**
 * The type-independent peepholes of PyTorch's PeepholeOptimize that matter before shapes are
 * known: {@code x is None} when x cannot be None, an If whose branches yield the same value or
 * yield True/False (the condition itself), {@code len} and indexing of an unmutated list literal,
 * casts to a type the value already has, and the rank of a convolution's result.
 */
public final class Peephole {
    private Peephole() { }

    /** Returns whether the graph changed. */
    public static boolean run(Graph g) {
        boolean changed = false;
        while (visit(g.block())) changed = true;
        if (changed) DeadCodeElimination.run(g);
        return changed;
    }

    private static boolean visit(Block block) {
        boolean changed = false;
        for (Node n : new ArrayList<>(block.nodes())) {
            for (Block b : n.blocks()) changed |= visit(b);
            changed |= optimize(n);
        }
        return changed;
    }

    private static boolean optimize(Node n) {
        // an unused result is dead code's business; rewriting it again would never settle
        if (n.outputs().stream().noneMatch(Value::hasUses)) return false;
        switch (n.kind()) {
            case "aten::__is__": case "aten::__isnot__": {
                Boolean same = noneCheck(n.input(0), n.input(1));
                if (same == null) return false;
                return replaceWithConstant(n, n.kind().equals("aten::__is__") == same);
            }
            case Node.IF: return simplifyIf(n);
            case "aten::len": {
                Value list = n.input(0);
                if (!isUnmutatedListLiteral(list)) return false;
                return replaceWithConstant(n, (long) list.node().inputs().size());
            }
            case "aten::__getitem__": {
                Value list = n.input(0);
                if (!isUnmutatedListLiteral(list)) return false;
                Optional<Object> idx = ConstantPropagation.constantOf(n.input(1));
                if (!(idx.orElse(null) instanceof Long i)) return false;
                int size = list.node().inputs().size();
                long k = i < 0 ? i + size : i;
                if (k < 0 || k >= size) return false;
                n.output().replaceAllUsesWith(list.node().input((int) k));
                return true;
            }
            case "aten::dim": {
                // PyTorch's alias-sensitive peephole: dim(conv(x)) is the convolution's rank (it
                // unblocks conv-batchnorm fusion), unless something may resize the result in place
                long rank = switch (n.input(0).node().kind()) {
                    case "aten::conv1d" -> 3;
                    case "aten::conv2d" -> 4;
                    case "aten::conv3d" -> 5;
                    default -> -1;
                };
                if (rank < 0 || Writers.has(n.input(0))) return false;
                return replaceWithConstant(n, rank);
            }
            case "aten::Int": case "aten::Float": case "aten::IntImplicit": case "aten::FloatImplicit":
            case "aten::ScalarImplicit": {
                // int(NumToTensor(n)) is n: traced graphs wrap every size in a tensor and back
                Node producer = n.input(0).node();
                if (n.inputs().size() != 1 || !producer.kind().equals("prim::NumToTensor")) return false;
                n.output().replaceAllUsesWith(producer.input(0));
                return true;
            }
            case "prim::unchecked_cast": {
                if (!n.input(0).type().isSubtypeOf(n.output().type()) || !n.input(0).type().equals(n.output().type())) return false;
                n.output().replaceAllUsesWith(n.input(0));
                return true;
            }
            default: return false;
        }
    }

    /** TRUE: both surely None; FALSE: one is None and the other cannot be; null: unknown. */
    private static Boolean noneCheck(Value a, Value b) {
        boolean aNone = a.type() == NoneType.INSTANCE, bNone = b.type() == NoneType.INSTANCE;
        if (aNone && bNone) return true;
        if (aNone && cannotBeNone(b) || bNone && cannotBeNone(a)) return false;
        return null;
    }

    private static boolean cannotBeNone(Value v) {
        return !(v.type() instanceof OptionalType || v.type() instanceof NoneType || v.type() instanceof AnyType);
    }

    /** Outputs equal in both branches are the value itself; a bool output True/False is the condition. */
    private static boolean simplifyIf(Node n) {
        boolean changed = false;
        Block then = n.blocks().get(0), otherwise = n.blocks().get(1);
        for (int i = 0; i < n.outputs().size(); i++) {
            Value out = n.output(i);
            if (!out.hasUses()) continue;
            Value t = then.outputs().get(i), f = otherwise.outputs().get(i);
            // an Optional result that neither branch yields as Optional is refined, as PyTorch does:
            // None from both sides makes later `is None` checks constant
            if (out.type() instanceof OptionalType && !(t.type() instanceof OptionalType)
                    && t.type().equals(f.type()) && !out.type().equals(t.type())) {
                out.setType(t.type());
                changed = true;
            }
            if (t == f && !t.node().isIn(then)) {
                out.replaceAllUsesWith(t);
                changed = true;
            } else if (Boolean.TRUE.equals(ConstantPropagation.constantOf(t).orElse(null))
                    && Boolean.FALSE.equals(ConstantPropagation.constantOf(f).orElse(null))) {
                out.replaceAllUsesWith(n.input(0));
                changed = true;
            }
        }
        return changed;
    }

    private static boolean isUnmutatedListLiteral(Value list) {
        return list.node().kind().equals(Node.LIST_CONSTRUCT)
                && list.uses().stream().noneMatch(u -> SideEffects.mutatesContainer(u.user().kind())
                        || u.user().kind().equals(Node.CALL_METHOD) || u.user().kind().equals(Node.CALL_FUNCTION));
    }

    private static boolean replaceWithConstant(Node n, Object value) {
        Node c = ConstantPropagation.makeConstant(n, value);
        c.insertBefore(n);
        n.output().replaceAllUsesWith(c.output());
        n.destroy();
        return true;
    }
}
