package dev.jitscope.ir.transform;

import dev.jitscope.ir.value.Device;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evaluates scalar operators (int, float, bool, str, None arguments) at compile time. */
final class ScalarFolding {
    private ScalarFolding() { }

    /** The folded result of {@code n} (None as {@link ConstantPropagation#NONE}), or empty when it cannot be folded. */
    static Optional<Object> fold(Node n) {
        if (n.outputs().size() != 1 || n.inputs().isEmpty() || !n.blocks().isEmpty() || SideEffects.has(n)) return Optional.empty();
        if (!n.kind().startsWith("aten::") && !n.kind().equals("prim::unchecked_cast")) return Optional.empty();
        List<Object> args = new ArrayList<>();
        for (Value in : n.inputs()) {
            Optional<Object> c = ConstantPropagation.constantOf(in);
            if (c.isEmpty()) return Optional.empty();
            args.add(c.get() == ConstantPropagation.NONE ? null : c.get());
        }
        Object r = evaluate(n.kind(), args);
        return r == UNFOLDABLE ? Optional.empty() : Optional.of(r == null ? ConstantPropagation.NONE : r);
    }

    private static final Object UNFOLDABLE = new Object();

    private static Object evaluate(String kind, List<Object> a) {
        Object x = a.get(0), y = a.size() > 1 ? a.get(1) : null;
        switch (kind) {
            case "prim::unchecked_cast": return x;
            case "aten::__is__": case "aten::eq": return a.size() == 2 ? equal(x, y) : UNFOLDABLE;
            case "aten::__isnot__": case "aten::ne": return a.size() == 2 ? !equal(x, y) : UNFOLDABLE;
            case "aten::__not__": return x instanceof Boolean b ? !b : UNFOLDABLE;
            case "aten::Bool": return x instanceof Boolean ? x : x instanceof Long l ? l != 0 : x instanceof Double d ? d != 0 : UNFOLDABLE;
            case "aten::Int": return x instanceof Number num ? (Object) num.longValue() : x instanceof Boolean b ? (Object) (b ? 1L : 0L) : UNFOLDABLE;
            case "aten::Float": return x instanceof Number num ? (Object) num.doubleValue() : UNFOLDABLE;
            case "aten::len": return x instanceof String s ? (Object) (long) s.length() : UNFOLDABLE;
            case "aten::device": return a.size() == 1 && x instanceof String s ? deviceOf(s) : UNFOLDABLE;
            case "aten::neg": return x instanceof Long l ? (Object) (-l) : x instanceof Double d ? (Object) (-d) : UNFOLDABLE;
            default: break;
        }
        if (a.size() != 2) return UNFOLDABLE;
        if (x instanceof Boolean p && y instanceof Boolean q) {
            switch (kind) {
                case "aten::__and__": return p && q;
                case "aten::__or__": return p || q;
                case "aten::__xor__": return p ^ q;
                default: return UNFOLDABLE;
            }
        }
        if (x instanceof String s && y instanceof String t) return kind.equals("aten::add") ? s + t : UNFOLDABLE;
        if (!(x instanceof Number p) || !(y instanceof Number q) || x instanceof Boolean || y instanceof Boolean) return UNFOLDABLE;
        boolean ints = x instanceof Long && y instanceof Long;
        double dp = p.doubleValue(), dq = q.doubleValue();
        long lp = p.longValue(), lq = q.longValue();
        switch (kind) {
            case "aten::lt": return dp < dq;
            case "aten::le": return dp <= dq;
            case "aten::gt": return dp > dq;
            case "aten::ge": return dp >= dq;
            case "aten::add": return ints ? (Object) (lp + lq) : (Object) (dp + dq);
            case "aten::sub": return ints ? (Object) (lp - lq) : (Object) (dp - dq);
            case "aten::mul": return ints ? (Object) (lp * lq) : (Object) (dp * dq);
            case "aten::div": return dq == 0 ? UNFOLDABLE : (Object) (dp / dq);
            case "aten::floordiv":
                if (dq == 0) return UNFOLDABLE;
                return ints ? (Object) Math.floorDiv(lp, lq) : (Object) Math.floor(dp / dq);
            case "aten::remainder":
                if (dq == 0) return UNFOLDABLE;
                return ints ? (Object) Math.floorMod(lp, lq) : (Object) (dp - Math.floor(dp / dq) * dq);
            case "aten::__and__": return ints ? (Object) (lp & lq) : UNFOLDABLE;
            case "aten::__or__": return ints ? (Object) (lp | lq) : UNFOLDABLE;
            default: return UNFOLDABLE;
        }
    }

    /** torch.device("cpu") / ("cuda:1"): a Device constant, as PyTorch folds it; malformed text stays a call. */
    private static Object deviceOf(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z]+)(?::(\\d+))?").matcher(text);
        if (!m.matches()) return UNFOLDABLE;
        return new Device(m.group(1), m.group(2) == null ? -1 : Integer.parseInt(m.group(2)));
    }

    private static boolean equal(Object x, Object y) {
        if (x == null || y == null) return x == y;
        if (x instanceof Number p && y instanceof Number q && !(x instanceof Boolean) && !(y instanceof Boolean))
            return p.doubleValue() == q.doubleValue();
        return x.equals(y);
    }
}
