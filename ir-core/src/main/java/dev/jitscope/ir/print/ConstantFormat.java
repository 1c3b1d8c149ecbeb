package dev.jitscope.ir.print;

import dev.jitscope.ir.Function;
import dev.jitscope.ir.value.Device;
import dev.jitscope.tensor.Tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/** Attribute values written the way PyTorch's ir.cpp writes them, so printed graphs diff cleanly against PyTorch's. */
public final class ConstantFormat {
    private ConstantFormat() { }

    public static String format(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof Double d) return formatDouble(d);
        if (v instanceof Float f) return formatDouble(f.doubleValue());
        if (v instanceof Number n) return Long.toString(n.longValue());
        if (v instanceof String s) return quote(s);
        if (v instanceof Device d) return quote(d.toString());
        if (v instanceof Tensor t) return t.shape().length == 0 ? "{" + scalar(t) + "}" : "<Tensor>";
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) sb.append(i > 0 ? ", " : "").append(format(list.get(i)));
            return sb.append(']').toString();
        }
        if (v instanceof Function f) return f.qualifiedName();
        return String.valueOf(v);
    }

    private static String scalar(Tensor t) {
        double d = t.getDouble(0);
        // a boxed scalar goes through the stream's default format, C's %g (6 significant digits)
        return t.dtype().isFloatingPoint() ? formatG(d, 6) : Long.toString((long) d);
    }

    /**
     * C's {@code %.17g} with a trailing '.' when the result would read as an integer — PyTorch
     * prints 1.0 as {@code 1.} and 1e-5 as {@code 1.0000000000000001e-05}.
     */
    public static String formatDouble(double d) {
        // IValue's printer: integral values below 1e10 print as "N.", everything else as %.17g
        if (Double.isFinite(d) && Math.abs(d) < 1e10 && d == Math.rint(d)) return (long) d + ".";
        return formatG(d, 17);
    }

    /** C's {@code %.<precision>g}. */
    static String formatG(double d, int precision) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String m = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return m + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
