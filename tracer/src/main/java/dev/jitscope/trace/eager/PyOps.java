package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast.CmpOp;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's operators: number, string, list and tuple semantics done here; any tensor operand sends
 * the operator to the kernels (a + t → aten::add, 1 - t → aten::rsub, a @ b → aten::matmul, ...).
 * Arithmetic on a number computed from a tensor's shape or data is a SCALAR divergence and keeps
 * the result marked.
 */
final class PyOps {
    private final Evaluator ev;

    PyOps(Evaluator ev) { this.ev = ev; }

    static boolean isNumber(Object v) { return v instanceof Long || v instanceof Double || v instanceof Boolean; }

    private static Object num(Object v) { return v instanceof Boolean b ? (Object) (b ? 1L : 0L) : v; }

    Object binary(TokenKind op, Object l, Object r, SourceRange range) {
        if (l instanceof Tensor || r instanceof Tensor) return tensorBinary(op, l, r, range);
        if (isNumber(l) && isNumber(r)) {
            Object v = numeric(op, l, r, range);
            if (ev.taint.any(l, r)) {
                v = ev.taint.mark(v);
                ev.divergence(DivergenceEvent.Kind.SCALAR, range, v, "a value computed from a tensor's shape or data feeds arithmetic");
            }
            return v;
        }
        switch (op) {
            case PLUS -> {
                if (l instanceof String a && r instanceof String b) return a + b;
                if (l instanceof List<?> a && r instanceof List<?> b) {
                    List<Object> out = new ArrayList<>(a);
                    out.addAll(b);
                    return out;
                }
                if (l instanceof Tuple a && r instanceof Tuple b) {
                    List<Object> out = new ArrayList<>(a.items());
                    out.addAll(b.items());
                    return new Tuple(out);
                }
            }
            case STAR -> {
                if (l instanceof Long || l instanceof Boolean) { Object t = l; l = r; r = t; }
                if (r instanceof Long n) {
                    if (l instanceof String s) return s.repeat((int) Math.max(0, n));
                    if (l instanceof List<?> a) {
                        List<Object> out = new ArrayList<>();
                        for (long i = 0; i < n; i++) out.addAll(a);
                        return out;
                    }
                    if (l instanceof Tuple a) {
                        List<Object> out = new ArrayList<>();
                        for (long i = 0; i < n; i++) out.addAll(a.items());
                        return new Tuple(out);
                    }
                }
            }
            case PERCENT -> {
                if (l instanceof String fmt) return PyFormat.percent(fmt, r instanceof Tuple t ? t.items() : java.util.Arrays.asList(r), range);
            }
            default -> { }
        }
        throw new JitScopeException("TypeError: unsupported operand type(s) for " + symbol(op) + ": '" + PyRepr.typeName(l)
                + "' and '" + PyRepr.typeName(r) + "'", range);
    }

    private Object tensorBinary(TokenKind op, Object l, Object r, SourceRange range) {
        String name = switch (op) {
            case PLUS -> "add"; case MINUS -> "sub"; case STAR -> "mul"; case SLASH -> "div";
            case FLOORDIV -> "floor_divide"; case PERCENT -> "remainder"; case POW -> "pow"; case AT -> "matmul";
            case AMP -> "__and__"; case PIPE -> "__or__"; case CARET -> "__xor__"; case LSHIFT -> "__lshift__"; case RSHIFT -> "__rshift__";
            default -> throw new JitScopeException("unsupported operator " + symbol(op) + " on tensors", range);
        };
        if (l instanceof Tensor) return ev.ops.call("aten::" + name, java.util.Arrays.asList(l, r), Map.of(), range);
        if (!isNumber(l)) throw new JitScopeException("TypeError: unsupported operand type(s) for " + symbol(op) + ": '"
                + PyRepr.typeName(l) + "' and 'Tensor'", range);
        // the reflected forms PyTorch's Tensor.__r*__ use
        return switch (op) {
            case PLUS, STAR, AMP, PIPE, CARET -> ev.ops.call("aten::" + name, java.util.Arrays.asList(r, l), Map.of(), range);
            case MINUS -> ev.ops.call("aten::rsub", java.util.Arrays.asList(r, l), Map.of(), range);
            case SLASH -> ev.ops.call("aten::mul", java.util.Arrays.asList(ev.ops.call("aten::reciprocal", java.util.Arrays.asList(r), Map.of(), range), l), Map.of(), range);
            case POW -> ev.ops.call("aten::pow", java.util.Arrays.asList(l, r), Map.of(), range);
            default -> {
                Object lt = ev.ops.call("aten::scalar_tensor", java.util.Arrays.asList(l), Map.of("dtype", (long) ((Tensor) r).dtype().code), range);
                yield ev.ops.call("aten::" + name, java.util.Arrays.asList(lt, r), Map.of(), range);
            }
        };
    }

    private static Object numeric(TokenKind op, Object a, Object b, SourceRange range) {
        a = num(a);
        b = num(b);
        boolean ints = a instanceof Long && b instanceof Long;
        if (ints) {
            long x = (Long) a, y = (Long) b;
            switch (op) {
                case PLUS: return x + y;
                case MINUS: return x - y;
                case STAR: return x * y;
                case SLASH:
                    if (y == 0) throw new JitScopeException("ZeroDivisionError: division by zero", range);
                    return (double) x / y;
                case FLOORDIV:
                    if (y == 0) throw new JitScopeException("ZeroDivisionError: integer division or modulo by zero", range);
                    return Math.floorDiv(x, y);
                case PERCENT:
                    if (y == 0) throw new JitScopeException("ZeroDivisionError: integer division or modulo by zero", range);
                    return Math.floorMod(x, y);
                case POW:
                    if (y < 0) return Math.pow(x, y);
                    long p = 1;
                    for (long i = 0; i < y; i++) p *= x;
                    return p;
                case AMP: return x & y;
                case PIPE: return x | y;
                case CARET: return x ^ y;
                case LSHIFT: return x << y;
                case RSHIFT: return x >> y;
                default: break;
            }
        } else {
            double x = ((Number) a).doubleValue(), y = ((Number) b).doubleValue();
            switch (op) {
                case PLUS: return x + y;
                case MINUS: return x - y;
                case STAR: return x * y;
                case SLASH:
                    if (y == 0) throw new JitScopeException("ZeroDivisionError: float division by zero", range);
                    return x / y;
                case FLOORDIV:
                    if (y == 0) throw new JitScopeException("ZeroDivisionError: float divmod()", range);
                    return Math.floor(x / y);
                case PERCENT:
                    if (y == 0) throw new JitScopeException("ZeroDivisionError: float modulo", range);
                    double m = x % y;
                    return (m != 0 && (m < 0) != (y < 0)) ? m + y : m;
                case POW: return Math.pow(x, y);
                default: break;
            }
        }
        throw new JitScopeException("TypeError: unsupported operand type(s) for " + symbol(op) + ": '" + PyRepr.typeName(a)
                + "' and '" + PyRepr.typeName(b) + "'", range);
    }

    static String symbol(TokenKind op) {
        return switch (op) {
            case PLUS -> "+"; case MINUS -> "-"; case STAR -> "*"; case SLASH -> "/"; case FLOORDIV -> "//"; case PERCENT -> "%";
            case POW -> "**"; case AT -> "@"; case AMP -> "&"; case PIPE -> "|"; case CARET -> "^"; case LSHIFT -> "<<"; case RSHIFT -> ">>";
            default -> op.name();
        };
    }

    Object unary(TokenKind op, Object v, SourceRange range) {
        if (op == TokenKind.NOT) {
            Object b = !ev.truthy(v, range);
            return ev.taint.is(v) ? ev.taint.mark(b) : b;
        }
        if (v instanceof Tensor t) {
            return switch (op) {
                case MINUS -> ev.ops.call("aten::neg", java.util.Arrays.asList(t), Map.of(), range);
                case TILDE -> ev.ops.call("aten::bitwise_not", java.util.Arrays.asList(t), Map.of(), range);
                default -> t;
            };
        }
        Object n = num(v);
        Object out;
        if (n instanceof Long l) out = switch (op) { case MINUS -> -l; case TILDE -> ~l; default -> l; };
        else if (n instanceof Double d && op != TokenKind.TILDE) out = op == TokenKind.MINUS ? -d : d;
        else throw new JitScopeException("TypeError: bad operand type for unary " + (op == TokenKind.MINUS ? "-" : op == TokenKind.PLUS ? "+" : "~")
                    + ": '" + PyRepr.typeName(v) + "'", range);
        return ev.taint.is(v) ? ev.taint.mark(out) : out;
    }

    Object compare(CmpOp op, Object l, Object r, SourceRange range) {
        switch (op) {
            case IS: return same(l, r);
            case IS_NOT: return !same(l, r);
            case IN: return contains(r, l, range);
            case NOT_IN: return !contains(r, l, range);
            default: break;
        }
        if (l instanceof Tensor || r instanceof Tensor) {
            if (op == CmpOp.EQ || op == CmpOp.NE) {
                if (l == null || r == null) return op == CmpOp.NE;   // t == None is False in Python
            }
            boolean swap = !(l instanceof Tensor);
            CmpOp o = swap ? mirror(op) : op;
            String name = switch (o) { case EQ -> "eq"; case NE -> "ne"; case LT -> "lt"; case LE -> "le"; case GT -> "gt"; default -> "ge"; };
            return ev.ops.call("aten::" + name, swap ? java.util.Arrays.asList(r, l) : java.util.Arrays.asList(l, r), Map.of(), range);
        }
        Object result;
        if (op == CmpOp.EQ) result = equal(l, r);
        else if (op == CmpOp.NE) result = !equal(l, r);
        else {
            int c = order(l, r, range);
            result = switch (op) { case LT -> c < 0; case LE -> c <= 0; case GT -> c > 0; default -> c >= 0; };
        }
        return ev.taint.any(l, r) ? ev.taint.mark(result) : result;
    }

    private static CmpOp mirror(CmpOp op) {
        return switch (op) { case LT -> CmpOp.GT; case LE -> CmpOp.GE; case GT -> CmpOp.LT; case GE -> CmpOp.LE; default -> op; };
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if ((a instanceof Long || a instanceof Boolean) && a.getClass() == b.getClass()) return a.equals(b);
        return a == b;
    }

    static boolean equal(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if (isNumber(a) && isNumber(b)) {
            Object x = num(a), y = num(b);
            if (x instanceof Long p && y instanceof Long q) return p.longValue() == q.longValue();
            return ((Number) x).doubleValue() == ((Number) y).doubleValue();
        }
        if (a instanceof List<?> p && b instanceof List<?> q) return elementsEqual(p, q);
        if (a instanceof Tuple p && b instanceof Tuple q) return elementsEqual(p.items(), q.items());
        if (a instanceof Map<?, ?> p && b instanceof Map<?, ?> q) {
            if (p.size() != q.size()) return false;
            for (Map.Entry<?, ?> e : p.entrySet()) if (!q.containsKey(e.getKey()) || !equal(e.getValue(), q.get(e.getKey()))) return false;
            return true;
        }
        if (a instanceof Tensor || b instanceof Tensor) return a == b;
        return a.equals(b);
    }

    private static boolean elementsEqual(List<?> p, List<?> q) {
        if (p.size() != q.size()) return false;
        for (int i = 0; i < p.size(); i++) if (!equal(p.get(i), q.get(i))) return false;
        return true;
    }

    private int order(Object a, Object b, SourceRange range) {
        if (isNumber(a) && isNumber(b)) {
            Object x = num(a), y = num(b);
            if (x instanceof Long p && y instanceof Long q) return Long.compare(p, q);
            return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
        }
        if (a instanceof String p && b instanceof String q) return p.compareTo(q);
        List<?> p = a instanceof Tuple t ? t.items() : a instanceof List<?> l ? l : null;
        List<?> q = b instanceof Tuple t ? t.items() : b instanceof List<?> l ? l : null;
        if (p != null && q != null && (a instanceof Tuple) == (b instanceof Tuple)) {
            for (int i = 0; i < Math.min(p.size(), q.size()); i++) {
                if (!equal(p.get(i), q.get(i))) return order(p.get(i), q.get(i), range);
            }
            return Integer.compare(p.size(), q.size());
        }
        throw new JitScopeException("TypeError: '<' not supported between instances of '" + PyRepr.typeName(a) + "' and '"
                + PyRepr.typeName(b) + "'", range);
    }

    int compareForSort(Object a, Object b, SourceRange range) { return order(a, b, range); }

    boolean contains(Object container, Object item, SourceRange range) {
        if (container instanceof Map<?, ?> m) return m.containsKey(dictKey(item));
        if (container instanceof String s) {
            if (!(item instanceof String i)) throw new JitScopeException("TypeError: 'in <string>' requires string as left operand", range);
            return s.contains(i);
        }
        if (container instanceof Tensor t) {
            Object eq = ev.ops.call("aten::eq", java.util.Arrays.asList(t, item), Map.of(), range);
            return ev.tensors.toBool((Tensor) ev.ops.call("aten::any", java.util.Arrays.asList(eq), Map.of(), range), range);
        }
        if (container instanceof ModuleInstance m && m.type().findMethod("__contains__") == null) return m.modules().containsKey(item);
        if (container instanceof PyObject o && o.type().findMethod("__contains__") != null)
            return ev.truthy(ev.call(ev.classMember(o.type(), o, "__contains__"), new ArrayList<>(java.util.Arrays.asList(item)), Map.of(), range), range);
        Iterator<Object> it = ev.iterate(container, range);
        while (it.hasNext()) if (equal(it.next(), item)) return true;
        return false;
    }

    /** Dict keys compare by value: bools and ints as Python does (True == 1). */
    static Object dictKey(Object k) { return k; }
}
