package dev.jitscope.trace.eager;

import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Python's str() and repr() of interpreter values. */
final class PyRepr {
    private PyRepr() { }

    static String str(Object v) {
        if (v instanceof String s) return s;
        if (v instanceof Device d) return d.toString();
        return repr(v);
    }

    static String repr(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Long l) return Long.toString(l);
        if (v instanceof Double d) return floatRepr(d);
        if (v instanceof String s) return quote(s);
        if (v instanceof Tuple t) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < t.size(); i++) sb.append(i > 0 ? ", " : "").append(repr(t.get(i)));
            return sb.append(t.size() == 1 ? ",)" : ")").toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) sb.append(i > 0 ? ", " : "").append(repr(l.get(i)));
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet())
                sb.append(sb.length() > 1 ? ", " : "").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            return sb.append('}').toString();
        }
        if (v instanceof Tensor t) return tensorRepr(t);
        if (v instanceof Device d) return "device(type='" + d.type() + "'" + (d.index() >= 0 ? ", index=" + d.index() : "") + ")";
        return v.toString();
    }

    /** Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = bd.unscaledValue().abs().toString();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mant + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = bd.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    static String quote(String s) {
        String q = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        StringBuilder sb = new StringBuilder(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (q.equals("'") && c == '\'') sb.append("\\'");
                    else sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }

    /** A PyTorch-like rendering: tensor([[1., 2.], [3., 4.]]) with 4 decimals for non-integral floats. */
    static String tensorRepr(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        boolean floating = t.dtype().isFloatingPoint();
        boolean integral = true;
        if (floating) for (int i = 0; i < t.numel() && integral; i++) { double x = element(t, i); integral = x == Math.rint(x) && Math.abs(x) < 1e8; }
        appendLevel(sb, t, 0, 0, floating, integral, 7);
        if (t.dtype() != DType.FLOAT32 && t.dtype() != DType.INT64 && t.dtype() != DType.BOOL) sb.append(", dtype=torch.").append(t.dtype().torchName);
        return sb.append(')').toString();
    }

    private static int appendLevel(StringBuilder sb, Tensor t, int dim, int flat, boolean floating, boolean integral, int indent) {
        if (dim == t.dim()) {
            double x = element(t, flat);
            if (t.dtype() == DType.BOOL) sb.append(x != 0 ? "True" : "False");
            else if (!floating) sb.append((long) x);
            else if (integral) sb.append((long) x).append('.');
            else sb.append(String.format("%.4f", x));
            return flat + 1;
        }
        sb.append('[');
        for (int i = 0; i < t.shape()[dim]; i++) {
            if (i > 0) {
                sb.append(',');
                if (dim < t.dim() - 1) sb.append("\n".repeat(t.dim() - 1 - dim)).append(" ".repeat(indent + dim + 1));
                else sb.append(' ');
            }
            flat = appendLevel(sb, t, dim + 1, flat, floating, integral, indent);
        }
        sb.append(']');
        return flat;
    }

    /** Element at a row-major flat index of the logical shape (strides honoured). */
    static double element(Tensor t, int flat) {
        int off = t.offset();
        for (int d = t.dim() - 1; d >= 0; d--) {
            int n = t.shape()[d];
            off += (flat % n) * t.strides()[d];
            flat /= n;
        }
        return storageDouble(t, off);
    }

    static double storageDouble(Tensor t, int off) {
        Object a = t.storage().array();
        if (a instanceof float[] f) return f[off];
        if (a instanceof double[] d) return d[off];
        if (a instanceof long[] l) return l[off];
        if (a instanceof int[] i) return i[off];
        if (a instanceof short[] s) return s[off];
        byte b = ((byte[]) a)[off];
        return t.dtype() == DType.UINT8 ? (b & 0xff) : b;
    }

    static String typeName(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Long) return "int";
        if (v instanceof Double) return "float";
        if (v instanceof String) return "str";
        if (v instanceof Tensor) return "Tensor";
        if (v instanceof Tuple) return "tuple";
        if (v instanceof List<?>) return "list";
        if (v instanceof Map<?, ?>) return "dict";
        if (v instanceof PyObject o) return o.type().name();
        if (v instanceof PyClass) return "type";
        if (v instanceof Device) return "device";
        if (v instanceof BoundMethod || v instanceof PyFunction || v instanceof NativeFunction) return "function";
        return v.getClass().getSimpleName();
    }
}
