package dev.jitscope.passes.util;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.AnyType;
import java.util.List;

/**
 * Python semantics of TorchScript's scalar operators on constant operands (int = Long, float = Double).
 * Returns {@link Constants#NOT_CONSTANT} for anything it does not know or that would raise at run time
 * (division by zero stays in the graph so the user still gets the error).
 */
public final class ScalarFolder {
    private ScalarFolder() {}

    /** Operators whose result can be known while some inputs are not constants. */
    public static boolean foldsWithNonConstants(Node n) {
        return n.kind().equals("aten::__is__") || n.kind().equals("aten::__isnot__");
    }

    public static Object fold(Node n, List<Object> a) {
        String k = n.kind();
        if (foldsWithNonConstants(n)) return isNone(n, a, k.equals("aten::__is__"));
        for (Object o : a) if (!(o == null || o instanceof Long || o instanceof Double || o instanceof Boolean || o instanceof String || o instanceof List<?>)) return Constants.NOT_CONSTANT;
        try {
            return switch (a.size()) {
                case 1 -> unary(k, a.get(0));
                case 2 -> binary(k, a.get(0), a.get(1));
                default -> Constants.NOT_CONSTANT;
            };
        } catch (ArithmeticException e) {
            return Constants.NOT_CONSTANT;
        }
    }

    /** {@code x is None}: known when one side is the None constant and the other cannot be None (or is None). */
    private static Object isNone(Node n, List<Object> a, boolean is) {
        for (int i = 0; i < 2; i++) {
            if (a.get(i) != null) continue;       // not the None constant (or not constant at all)
            var other = n.input(1 - i).type();
            if (other instanceof NoneType) return is;
            if (!(other instanceof OptionalType) && !(other instanceof AnyType)) return !is;
        }
        return Constants.NOT_CONSTANT;
    }

    private static Object unary(String k, Object x) {
        return switch (k) {
            case "aten::neg" -> x instanceof Long l ? (Object) (-l) : x instanceof Double d ? (Object) (-d) : Constants.NOT_CONSTANT;
            case "aten::__not__" -> x instanceof Boolean b ? (Object) !b : Constants.NOT_CONSTANT;
            case "aten::Int" -> x instanceof Double d ? (Object) (long) d.doubleValue() : x instanceof Boolean b ? (Object) (b ? 1L : 0L) : x instanceof Long ? x : Constants.NOT_CONSTANT;
            case "aten::Float" -> x instanceof Long l ? (Object) l.doubleValue() : x instanceof Boolean b ? (Object) (b ? 1.0 : 0.0) : x instanceof Double ? x : Constants.NOT_CONSTANT;
            case "aten::Bool" -> x instanceof Long l ? (Object) (l != 0) : x instanceof Double d ? (Object) (d != 0) : x instanceof Boolean ? x : Constants.NOT_CONSTANT;
            case "aten::len" -> x instanceof List<?> l ? (Object) (long) l.size() : x instanceof String s ? (Object) (long) s.length() : Constants.NOT_CONSTANT;
            default -> Constants.NOT_CONSTANT;
        };
    }

    private static Object binary(String k, Object x, Object y) {
        if (x instanceof Boolean bx && y instanceof Boolean by) {
            switch (k) {
                case "aten::__and__": return bx && by;
                case "aten::__or__": return bx || by;
                case "aten::__xor__": return bx ^ by;
                case "aten::eq": return bx.equals(by);
                case "aten::ne": return !bx.equals(by);
                default: return Constants.NOT_CONSTANT;
            }
        }
        if (x instanceof String sx && y instanceof String sy) {
            return switch (k) {
                case "aten::add" -> sx + sy;
                case "aten::eq" -> sx.equals(sy);
                case "aten::ne" -> !sx.equals(sy);
                default -> Constants.NOT_CONSTANT;
            };
        }
        if (!(x instanceof Long || x instanceof Double) || !(y instanceof Long || y instanceof Double)) return Constants.NOT_CONSTANT;
        if (x instanceof Long lx && y instanceof Long ly) {
            return switch (k) {
                case "aten::add" -> Math.addExact(lx, ly);
                case "aten::sub" -> Math.subtractExact(lx, ly);
                case "aten::mul" -> Math.multiplyExact(lx, ly);
                case "aten::floordiv" -> Math.floorDiv(lx, ly);
                case "aten::remainder", "aten::__mod__" -> Math.floorMod(lx, ly);
                case "aten::div" -> { if (ly == 0) throw new ArithmeticException(); yield (double) lx / ly; }
                case "prim::min" -> Math.min(lx, ly);
                case "prim::max" -> Math.max(lx, ly);
                default -> compare(k, Long.compare(lx, ly));
            };
        }
        double dx = ((Number) x).doubleValue(), dy = ((Number) y).doubleValue();
        return switch (k) {
            case "aten::add" -> dx + dy;
            case "aten::sub" -> dx - dy;
            case "aten::mul" -> dx * dy;
            case "aten::div" -> { if (dy == 0) throw new ArithmeticException(); yield dx / dy; }
            case "aten::floordiv" -> { if (dy == 0) throw new ArithmeticException(); yield Math.floor(dx / dy); }
            case "prim::min" -> Math.min(dx, dy);
            case "prim::max" -> Math.max(dx, dy);
            default -> compare(k, Double.compare(dx, dy));
        };
    }

    private static Object compare(String k, int c) {
        return switch (k) {
            case "aten::eq" -> c == 0;
            case "aten::ne" -> c != 0;
            case "aten::lt" -> c < 0;
            case "aten::le" -> c <= 0;
            case "aten::gt" -> c > 0;
            case "aten::ge" -> c >= 0;
            default -> Constants.NOT_CONSTANT;
        };
    }
}
