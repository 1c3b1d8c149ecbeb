package dev.jitscope.ir.print;

import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Formats attribute values the way PyTorch's graph dump does: bools as 1/0, integral doubles as
 * {@code 1.}, other doubles with 17 significant digits ({@code %.17g}), strings double-quoted with C
 * escapes, one-element tensors as {@code {2}}, larger ones as {@code <Tensor>}.
 */
public final class ConstantFormat {
    private ConstantFormat() { }

    public static String format(Object v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    static void append(StringBuilder sb, Object v) {
        if (v == null) sb.append("None");
        else if (v instanceof Boolean b) sb.append(b ? "1" : "0");
        else if (v instanceof Double d) sb.append(formatDouble(d));
        else if (v instanceof Float f) sb.append(formatDouble(f.doubleValue()));
        else if (v instanceof Number n) sb.append(n.longValue());
        else if (v instanceof String s) sb.append(quote(s));
        else if (v instanceof Device d) sb.append(quote(d.toString()));
        else if (v instanceof Tensor t) appendTensor(sb, t);
        else if (v instanceof List<?> l) appendSeq(sb, "[", l, "]");
        else if (v instanceof Tuple t) appendSeq(sb, "(", t.items(), t.size() == 1 ? ",)" : ")");
        else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                append(sb, e.getKey());
                sb.append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        } else sb.append(v);
    }

    private static void appendSeq(StringBuilder sb, String open, List<?> items, String close) {
        sb.append(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(", ");
            append(sb, items.get(i));
        }
        sb.append(close);
    }

    private static void appendTensor(StringBuilder sb, Tensor t) {
        // PyTorch shows one-element tensors like the boxed scalars they usually are.
        if (t.numel() != 1) { sb.append("<Tensor>"); return; }
        double d = t.getDouble(0);
        sb.append('{');
        if (t.dtype().isFloatingPoint()) sb.append(formatG(d, 6));
        else if (t.dtype() == dev.jitscope.tensor.DType.BOOL) sb.append(d != 0 ? 1 : 0);
        else sb.append((long) d);
        sb.append('}');
    }

    /** A double as PyTorch's IValue printer writes it. */
    public static String formatDouble(double d) {
        if (!Double.isNaN(d) && !Double.isInfinite(d) && Math.abs(d) < 1e10 && d == (long) d) return (long) d + ".";
        return formatG(d, 17);
    }

    /** C's {@code %.<precision>g}. */
    public static String formatG(double d, int precision) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        String out;
        if (exp < -4 || exp >= precision) {
            BigDecimal mant = rounded.movePointLeft(exp);
            String m = stripZeros(mant.toPlainString());
            out = m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        } else {
            out = stripZeros(rounded.toPlainString());
        }
        return out;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }

    /** Double-quoted with C escapes, as PyTorch prints string attributes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case '\b' -> sb.append("\\b");
                case 0x07 -> sb.append("\\a");
                case 0x0b -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\%03o", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
