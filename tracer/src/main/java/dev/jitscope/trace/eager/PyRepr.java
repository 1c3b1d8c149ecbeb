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

    /** torch's tensor __repr__ (torch/_tensor_str.py): one width for all elements, int/fixed/sci modes, 80-column rows. */
    static String tensorRepr(Tensor t) {
        String prefix = "tensor(";
        StringBuilder sb = new StringBuilder(prefix);
        String suffix = "";
        if (t.dtype() != DType.FLOAT32 && t.dtype() != DType.INT64 && t.dtype() != DType.BOOL) suffix = ", dtype=torch." + t.dtype().torchName;
        if (t.numel() == 0) {
            sb.append("[]");
            if (t.dim() != 1) suffix = ", size=" + repr(shapeTuple(t)) + suffix;
        } else {
            TensorFormatter f = new TensorFormatter(t);
            sb.append(f.render(t, prefix.length()));
        }
        return sb.append(suffix).append(')').toString();
    }

    private static Tuple shapeTuple(Tensor t) {
        java.util.List<Object> dims = new java.util.ArrayList<>();
        for (int d : t.shape()) dims.add((long) d);
        return new Tuple(dims);
    }

    /** The element formatter of torch/_tensor_str.py (_Formatter), precision 4, line width 80. */
    private static final class TensorFormatter {
        final boolean floating, bool;
        boolean intMode = true, sciMode;
        int maxWidth = 1;

        TensorFormatter(Tensor t) {
            floating = t.dtype().isFloatingPoint();
            bool = t.dtype() == DType.BOOL;
            int n = t.numel();
            if (!floating) {
                for (int i = 0; i < n; i++) maxWidth = Math.max(maxWidth, plain(t.getDouble(i)).length());
                return;
            }
            double min = Double.POSITIVE_INFINITY, max = 0;
            java.util.List<Double> finite = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                double v = t.getDouble(i);
                if (Double.isFinite(v) && v != 0) {
                    finite.add(v);
                    min = Math.min(min, Math.abs(v));
                    max = Math.max(max, Math.abs(v));
                    if (v != Math.ceil(v)) intMode = false;
                }
            }
            if (finite.isEmpty()) return;
            if (intMode) {
                if (max / min > 1000 || max > 1e8) {
                    sciMode = true;
                    for (double v : finite) maxWidth = Math.max(maxWidth, sci(v).length());
                } else {
                    for (double v : finite) maxWidth = Math.max(maxWidth, String.format(java.util.Locale.ROOT, "%.0f", v).length() + 1);
                }
            } else {
                if (max / min > 1000 || max > 1e8 || min < 1e-4) {
                    sciMode = true;
                    for (double v : finite) maxWidth = Math.max(maxWidth, sci(v).length());
                } else {
                    for (double v : finite) maxWidth = Math.max(maxWidth, String.format(java.util.Locale.ROOT, "%.4f", v).length());
                }
            }
        }

        private String plain(double v) {
            if (bool) return v != 0 ? "True" : "False";
            return Long.toString((long) v);
        }

        private static String sci(double v) {
            String s = String.format(java.util.Locale.ROOT, "%.4e", v);
            int e = s.indexOf('e');
            int exp = Integer.parseInt(s.substring(e + 1));
            return s.substring(0, e) + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }

        String format(double v) {
            String r;
            if (!floating) r = plain(v);
            else if (Double.isNaN(v)) r = "nan";
            else if (Double.isInfinite(v)) r = v > 0 ? "inf" : "-inf";
            else if (sciMode) r = sci(v);
            else if (intMode) r = String.format(java.util.Locale.ROOT, "%.0f", v) + ".";
            else r = String.format(java.util.Locale.ROOT, "%.4f", v);
            return " ".repeat(Math.max(0, maxWidth - r.length())) + r;
        }

        String render(Tensor t, int indent) {
            if (t.dim() == 0) return format(t.getDouble(0)).strip();
            int[] flat = {0};
            return level(t, 0, indent, flat);
        }

        private String level(Tensor t, int dim, int indent, int[] flat) {
            int n = t.shape()[dim];
            if (dim == t.dim() - 1) {
                int perLine = Math.max(1, (int) Math.floor((80 - indent) / (double) (maxWidth + 2)));
                java.util.List<String> lines = new java.util.ArrayList<>();
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    if (i > 0 && i % perLine == 0) { lines.add(line.toString()); line.setLength(0); }
                    if (line.length() > 0) line.append(", ");
                    line.append(format(t.getDouble(flat[0]++)));
                }
                lines.add(line.toString());
                return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) parts.add(level(t, dim + 1, indent + 1, flat));
            String sep = "," + "\n".repeat(t.dim() - dim - 1) + " ".repeat(indent + 1);
            return "[" + String.join(sep, parts) + "]";
        }
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
