package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.SourceRange;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** str.format / f-string holes with Python's format-spec mini-language, and printf-style '%'. */
final class PyFormat {
    private PyFormat() { }

    static String format(String template, List<Object> args, Map<String, Object> kwargs, SourceRange r) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') { out.append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') { out.append('}'); i++; continue; }
            if (c != '{') { out.append(c); continue; }
            int close = template.indexOf('}', i);
            if (close < 0) throw new JitScopeException("ValueError: Single '{' encountered in format string", r);
            String field = template.substring(i + 1, close);
            String spec = "";
            int colon = field.indexOf(':');
            if (colon >= 0) { spec = field.substring(colon + 1); field = field.substring(0, colon); }
            int bang = field.indexOf('!');
            boolean repr = false;
            if (bang >= 0) { repr = field.substring(bang + 1).equals("r"); field = field.substring(0, bang); }
            Object v;
            if (field.isEmpty()) {
                if (auto >= args.size()) throw new JitScopeException("IndexError: Replacement index " + auto + " out of range for positional args tuple", r);
                v = args.get(auto++);
            } else if (field.chars().allMatch(Character::isDigit)) {
                int k = Integer.parseInt(field);
                if (k >= args.size()) throw new JitScopeException("IndexError: Replacement index " + k + " out of range for positional args tuple", r);
                v = args.get(k);
            } else {
                if (!kwargs.containsKey(field)) throw new JitScopeException("KeyError: " + PyRepr.repr(field), r);
                v = kwargs.get(field);
            }
            out.append(repr ? applySpec(PyRepr.repr(v), spec, r) : applySpec(v, spec, r));
            i = close;
        }
        return out.toString();
    }

    /** Python's format(value, spec) for the common specs: fill/align, sign, width, ',', precision, type d/f/e/g/%/s. */
    static String applySpec(Object v, String spec, SourceRange r) {
        if (spec.isEmpty()) return PyRepr.str(v);
        int p = 0;
        char fill = ' ', align = 0;
        if (spec.length() >= 2 && "<>^=".indexOf(spec.charAt(1)) >= 0) { fill = spec.charAt(0); align = spec.charAt(1); p = 2; }
        else if ("<>^=".indexOf(spec.charAt(0)) >= 0) { align = spec.charAt(0); p = 1; }
        char sign = '-';
        if (p < spec.length() && "+- ".indexOf(spec.charAt(p)) >= 0) sign = spec.charAt(p++);
        if (p < spec.length() && spec.charAt(p) == '0') { fill = '0'; if (align == 0) align = '='; p++; }
        int width = 0;
        while (p < spec.length() && Character.isDigit(spec.charAt(p))) width = width * 10 + (spec.charAt(p++) - '0');
        boolean comma = false;
        if (p < spec.length() && spec.charAt(p) == ',') { comma = true; p++; }
        int precision = -1;
        if (p < spec.length() && spec.charAt(p) == '.') {
            p++;
            precision = 0;
            while (p < spec.length() && Character.isDigit(spec.charAt(p))) precision = precision * 10 + (spec.charAt(p++) - '0');
        }
        char type = p < spec.length() ? spec.charAt(p) : 0;
        String body;
        boolean numeric = v instanceof Long || v instanceof Double || v instanceof Boolean;
        if (v instanceof Boolean b && type == 0) { body = b ? "True" : "False"; numeric = false; }
        else if (numeric) {
            double d = ((Number) (v instanceof Boolean b ? (Object) (b ? 1L : 0L) : v)).doubleValue();
            switch (type) {
                case 'd' -> {
                    if (!(v instanceof Long || v instanceof Boolean)) throw new JitScopeException("ValueError: Unknown format code 'd' for object of type 'float'", r);
                    body = comma ? String.format(Locale.ROOT, "%,d", (long) d) : Long.toString((long) d);
                }
                case 'f', 'F' -> body = String.format(Locale.ROOT, comma ? "%,." + (precision < 0 ? 6 : precision) + "f" : "%." + (precision < 0 ? 6 : precision) + "f", d);
                case 'e', 'E' -> {
                    body = String.format(Locale.ROOT, "%." + (precision < 0 ? 6 : precision) + "e", d);
                    if (type == 'E') body = body.toUpperCase(Locale.ROOT);
                }
                case '%' -> body = String.format(Locale.ROOT, "%." + (precision < 0 ? 6 : precision) + "f", d * 100) + "%";
                case 'g', 'G' -> body = general(d, precision < 0 ? 6 : Math.max(precision, 1));
                default -> {
                    if (precision >= 0 && v instanceof Double) body = general(d, Math.max(precision, 1));
                    else body = comma && v instanceof Long ? String.format(Locale.ROOT, "%,d", (long) d) : PyRepr.str(v);
                }
            }
            if (sign == '+' && d >= 0) body = "+" + body;
            else if (sign == ' ' && d >= 0) body = " " + body;
        } else {
            body = PyRepr.str(v);
            if (precision >= 0 && body.length() > precision) body = body.substring(0, precision);
        }
        if (body.length() >= width) return body;
        String pad = String.valueOf(fill).repeat(width - body.length());
        if (align == 0) align = numeric ? '>' : '<';
        return switch (align) {
            case '<' -> body + pad;
            case '^' -> pad.substring(0, pad.length() / 2) + body + pad.substring(pad.length() / 2);
            case '=' -> (body.startsWith("-") || body.startsWith("+")) ? body.charAt(0) + pad + body.substring(1) : pad + body;
            default -> pad + body;
        };
    }

    /** %g: precision significant digits, trailing zeros removed. */
    private static String general(double d, int precision) {
        if (d == 0) return "0";
        int exp = (int) Math.floor(Math.log10(Math.abs(d)));
        String s;
        if (exp < -4 || exp >= precision) {
            s = String.format(Locale.ROOT, "%." + (precision - 1) + "e", d);
            String mant = s.substring(0, s.indexOf('e'));
            String e = s.substring(s.indexOf('e') + 1);
            if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            int ev = Integer.parseInt(e);
            return mant + "e" + (ev < 0 ? "-" : "+") + String.format("%02d", Math.abs(ev));
        }
        s = String.format(Locale.ROOT, "%." + Math.max(0, precision - 1 - exp) + "f", d);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** "%d items, %.2f" % (n, x). */
    static String percent(String fmt, List<Object> args, SourceRange r) {
        StringBuilder out = new StringBuilder();
        int ai = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') { out.append(c); continue; }
            if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '%') { out.append('%'); i++; continue; }
            int j = i + 1;
            while (j < fmt.length() && "0123456789.-+ ".indexOf(fmt.charAt(j)) >= 0) j++;
            if (j >= fmt.length()) throw new JitScopeException("ValueError: incomplete format", r);
            String flags = fmt.substring(i + 1, j);
            char type = fmt.charAt(j);
            if (ai >= args.size()) throw new JitScopeException("TypeError: not enough arguments for format string", r);
            Object v = args.get(ai++);
            String spec;
            switch (type) {
                case 's' -> spec = flags.startsWith("-") ? "<" + flags.substring(1) : flags;
                case 'r' -> { v = PyRepr.repr(v); spec = flags; }
                case 'd', 'i' -> { if (v instanceof Double d) v = (long) (double) d; spec = flags + "d"; }
                case 'f', 'e', 'g' -> { if (v instanceof Long l) v = (double) l; spec = flags + type; }
                default -> throw new JitScopeException("ValueError: unsupported format character '" + type + "'", r);
            }
            if (spec.startsWith("-")) spec = "<" + spec.substring(1);
            out.append(applySpec(v, spec, r));
            i = j;
        }
        if (ai < args.size()) throw new JitScopeException("TypeError: not all arguments converted during string formatting", r);
        return out.toString();
    }
}
