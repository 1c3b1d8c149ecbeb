package dev.jitscope.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed operator schema, e.g. {@code aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor}:
 * the single source of truth for a kernel's argument order and defaults. A small parser of our own until
 * ir-core's FunctionSchema is available to the runtime.
 */
public record OpSchema(String name, String overload, List<Arg> args, List<String> returns, String text) {

    /** Sentinel for "no default". */
    public static final Object REQUIRED = new Object() { @Override public String toString() { return "<required>"; } };

    public record Arg(String name, String type, Object defaultValue, boolean kwargOnly) {
        public boolean hasDefault() { return defaultValue != REQUIRED; }
    }

    public static OpSchema parse(String text) {
        int open = text.indexOf('('), close = matching(text, open);
        if (open < 0 || close < 0) throw new IllegalArgumentException("malformed schema: " + text);
        String qualified = text.substring(0, open).trim();
        int dot = qualified.indexOf('.', qualified.indexOf("::") + 2);
        String name = dot < 0 ? qualified : qualified.substring(0, dot);
        String overload = dot < 0 ? "" : qualified.substring(dot + 1);
        List<Arg> args = new ArrayList<>();
        boolean kwOnly = false;
        for (String part : splitTop(text.substring(open + 1, close))) {
            if (part.isEmpty()) continue;
            if (part.equals("*")) { kwOnly = true; continue; }
            int eq = indexTop(part, '=');
            String decl = eq < 0 ? part : part.substring(0, eq).trim();
            int sp = decl.lastIndexOf(' ');
            String type = stripAlias(decl.substring(0, sp).trim()), argName = decl.substring(sp + 1).trim();
            Object dflt = eq < 0 ? REQUIRED : parseDefault(part.substring(eq + 1).trim(), type);
            args.add(new Arg(argName, type, dflt, kwOnly));
        }
        List<String> returns = new ArrayList<>();
        int arrow = text.indexOf("->", close);
        if (arrow >= 0) {
            String r = text.substring(arrow + 2).trim();
            if (r.startsWith("(")) r = r.substring(1, matching(r, 0));
            for (String p : splitTop(r)) if (!p.isEmpty()) returns.add(stripAlias(p.split(" ")[0]));
        }
        return new OpSchema(name, overload, Collections.unmodifiableList(args), Collections.unmodifiableList(returns), text);
    }

    private static String stripAlias(String type) { return type.replaceAll("\\([a-z]!?\\)", "").replaceAll("\\(a -> \\*\\)", ""); }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') depth++;
            else if ((c == ')' || c == ']') && --depth == 0) return i;
        }
        return -1;
    }

    private static int indexTop(String s, char ch) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') depth++; else if (c == ')' || c == ']') depth--;
            else if (c == ch && depth == 0) return i;
        }
        return -1;
    }

    private static List<String> splitTop(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') quote = !quote;
            if (quote) continue;
            if (c == '(' || c == '[') depth++; else if (c == ')' || c == ']') depth--;
            else if (c == ',' && depth == 0) { out.add(s.substring(start, i).trim()); start = i + 1; }
        }
        out.add(s.substring(start).trim());
        return out;
    }

    static Object parseDefault(String v, String type) {
        if (v.equals("None")) return null;
        if (v.equals("True")) return Boolean.TRUE;
        if (v.equals("False")) return Boolean.FALSE;
        if (v.startsWith("'") || v.startsWith("\"")) return v.substring(1, v.length() - 1);
        if (v.startsWith("[")) {
            List<Object> list = new ArrayList<>();
            for (String p : splitTop(v.substring(1, v.length() - 1))) if (!p.isEmpty()) list.add(parseDefault(p, elementType(type)));
            return list;
        }
        if (type.startsWith("int[") && !type.equals("int[]")) {
            // int[2] stride=1 means [1, 1]
            int n = Integer.parseInt(type.substring(4, type.length() - 1));
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) list.add(Long.parseLong(v));
            return list;
        }
        if (type.startsWith("float") || v.contains(".") || v.contains("e-")) {
            try { return Double.parseDouble(v); } catch (NumberFormatException ignored) { }
        }
        try { return Long.parseLong(v); } catch (NumberFormatException e) { return v; }   // enum names like contiguous_format
    }

    private static String elementType(String type) {
        int b = type.indexOf('[');
        return b < 0 ? type : type.substring(0, b);
    }

    public String qualifiedName() { return overload.isEmpty() ? name : name + "." + overload; }

    @Override public String toString() { return text; }
}
