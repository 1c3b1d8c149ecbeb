package dev.jitscope.frontend.importer;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.AnyType;
import dev.jitscope.frontend.emit.Cleanup;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts aten::*, prim::If and prim::Loop the way the reference script counts
 * {@code forward.inlined_graph}: PyTorch inlines each callee's <em>optimized</em> graph (its own
 * callees inlined, then constant propagation), while the top graph is only inlined. So inside
 * callees, Ifs on constants keep only the taken branch and comparisons of constants vanish;
 * {@code x is None} folds when the inlined argument cannot be None.
 */
final class OpKinds {
    private OpKinds() { }

    private static final Object UNKNOWN = new Object();

    static Map<String, Integer> inlinedCounts(Graph g) {
        Map<String, Integer> counts = new TreeMap<>();
        new Census(counts).visit(g.block(), false, 0);
        return counts;
    }

    private static final class Census {
        final Map<String, Integer> counts;
        final Map<Value, Object> consts = new HashMap<>();
        final Map<Value, Value> alias = new HashMap<>();

        Census(Map<String, Integer> counts) { this.counts = counts; }

        Value resolve(Value v) {
            while (alias.containsKey(v)) v = alias.get(v);
            return v;
        }

        Object constOf(Value v) {
            v = resolve(v);
            if (consts.containsKey(v)) return consts.get(v);
            if (v.node().kind().equals(Node.CONSTANT) && !(v.type() instanceof AnyType)) return v.node().attr("value");
            if (v.type() == NoneType.INSTANCE) return null;
            return UNKNOWN;
        }

        void visit(Block b, boolean fold, int depth) {
            if (depth > 200) throw new AssertionError("recursive calls while counting");
            for (Node n : b.nodes()) {
                String k = n.kind();
                if (fold && tryFold(n)) continue;
                if (fold && k.equals(Node.IF) && returnsItsCondition(n)) {
                    // peephole: "if c: x = True else: x = False" is c itself
                    alias.put(n.output(0), n.input(0));
                    continue;
                }
                if (fold && k.equals(Node.IF)) {
                    Object c = constOf(n.input(0));
                    if (c instanceof Boolean taken) {
                        Block chosen = n.blocks().get(taken ? 0 : 1);
                        visit(chosen, true, depth);
                        for (int i = 0; i < n.outputs().size(); i++) alias.put(n.output(i), chosen.outputs().get(i));
                        continue;
                    }
                }
                if (k.startsWith("aten::") || k.equals(Node.IF) || k.equals(Node.LOOP)) counts.merge(k, 1, Integer::sum);
                if (k.equals(Node.CALL_METHOD) || k.equals(Node.CALL_FUNCTION)) {
                    Function f = k.equals(Node.CALL_METHOD)
                            ? ((ClassType) n.input(0).type()).method((String) n.attr("name"))
                            : (Function) n.input(0).node().attr("value");
                    int skip = k.equals(Node.CALL_METHOD) ? 0 : 1;
                    Graph callee = f.graph();
                    for (int i = 0; i < callee.inputs().size(); i++) {
                        // arguments flow into the callee only when the caller is itself optimized
                        if (fold) alias.put(callee.inputs().get(i), n.input(i + skip));
                        else alias.remove(callee.inputs().get(i));
                    }
                    visit(callee.block(), true, depth + 1);
                    Value ret = resolve(callee.outputs().get(0));
                    for (Value in : callee.inputs()) alias.remove(in);
                    if (fold && n.outputs().size() == 1 && !callee.inputs().contains(ret)) alias.put(n.output(), ret);
                    continue;
                }
                for (Block inner : n.blocks()) visit(inner, fold, depth);
            }
        }

        boolean returnsItsCondition(Node n) {
            if (n.outputs().size() != 1) return false;
            for (Block b : n.blocks()) for (Node inner : b.nodes()) if (!inner.kind().equals(Node.CONSTANT)) return false;
            return Boolean.TRUE.equals(constOf(n.blocks().get(0).outputs().get(0)))
                    && Boolean.FALSE.equals(constOf(n.blocks().get(1).outputs().get(0)));
        }

        /** Constant propagation on immutable values plus PyTorch's None-check peepholes. */
        boolean tryFold(Node n) {
            String k = n.kind();
            if (n.outputs().size() != 1) return false;
            Object result = UNKNOWN;
            switch (k) {
                case "aten::__is__": case "aten::__isnot__": {
                    Value a = resolve(n.input(0)), c = resolve(n.input(1));
                    Object ca = constOf(a), cc = constOf(c);
                    Boolean is = null;
                    if (ca != UNKNOWN && cc != UNKNOWN) is = ca == null && cc == null || (ca != null && ca.equals(cc));
                    else if (cc == null && cannotBeNone(a)) is = false;
                    else if (ca == null && cannotBeNone(c)) is = false;
                    if (is != null) result = k.equals("aten::__is__") ? is : !is;
                    break;
                }
                case "aten::eq": case "aten::ne": {
                    Object a = constOf(n.input(0)), c = constOf(n.input(1));
                    if (a != UNKNOWN && c != UNKNOWN && (a == null || !(a instanceof dev.jitscope.tensor.Tensor))) {
                        boolean eq = Objects.equals(a, c);
                        result = k.equals("aten::eq") ? eq : !eq;
                    }
                    break;
                }
                case "aten::lt": case "aten::le": case "aten::gt": case "aten::ge": {
                    Object a = constOf(n.input(0)), c = constOf(n.input(1));
                    if (a instanceof Number x && c instanceof Number y) {
                        int cmp = Double.compare(x.doubleValue(), y.doubleValue());
                        result = switch (k) { case "aten::lt" -> cmp < 0; case "aten::le" -> cmp <= 0; case "aten::gt" -> cmp > 0; default -> cmp >= 0; };
                    }
                    break;
                }
                case "aten::__and__": case "aten::__or__": {
                    Object a = constOf(n.input(0)), c = constOf(n.input(1));
                    if (a instanceof Boolean x && c instanceof Boolean y) result = k.equals("aten::__and__") ? x && y : x || y;
                    break;
                }
                case "aten::len": {
                    // list idiom peephole: the length of a list literal nobody mutates
                    Value l = resolve(n.input(0));
                    if (l.node().kind().equals(Node.LIST_CONSTRUCT)
                            && l.uses().stream().noneMatch(u -> Cleanup.mutates(u.user().kind())))
                        result = (long) l.node().inputs().size();
                    break;
                }
                case "aten::dim": {
                    // NB: observed, not derived from the source: PyTorch 1.13's optimized callee graphs
                    // know the rank of a convolution's output (BatchNorm's _check_input_dim folds away
                    // after conv2d), so the census treats it as a constant too.
                    String producer = resolve(n.input(0)).node().kind();
                    if (producer.equals("aten::conv2d")) result = 4L;
                    else if (producer.equals("aten::conv1d")) result = 3L;
                    else if (producer.equals("aten::conv3d")) result = 5L;
                    break;
                }
                case "aten::__not__": {
                    Object a = constOf(n.input(0));
                    if (a instanceof Boolean x) result = !x;
                    break;
                }
                case "prim::unchecked_cast": case "aten::Bool": {
                    Object a = constOf(n.input(0));
                    if (a instanceof Boolean) result = a;
                    else if (k.equals("prim::unchecked_cast")) { alias.put(n.output(), n.input(0)); return false; }
                    break;
                }
                default: return false;
            }
            if (result == UNKNOWN) return false;
            consts.put(n.output(), result);
            return true;
        }

        boolean cannotBeNone(Value v) {
            return !(v.type() instanceof OptionalType || v.type() instanceof NoneType || v.type() instanceof AnyType);
        }
    }
}
