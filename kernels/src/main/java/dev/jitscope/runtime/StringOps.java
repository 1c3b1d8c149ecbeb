package dev.jitscope.runtime;

import dev.jitscope.diag.JitScopeException;

import java.util.ArrayList;
import java.util.List;

import static dev.jitscope.runtime.Args.l;

/** Python's str methods as TorchScript exposes them (register_prim_ops' string section). */
final class StringOps {
    private StringOps() { }

    static void registerAll(OperatorRegistry r) {
        r.register("aten::startswith(str self, str substr, int start=0, int end=-1) -> bool",
                a -> window(a).startsWith((String) a[1]));
        r.register("aten::endswith(str self, str substr, int start=0, int end=-1) -> bool",
                a -> window(a).endsWith((String) a[1]));
        r.register("aten::find(str self, str substr, int start=0, int end=-1) -> int", a -> {
            String s = (String) a[0];
            int from = clamp(l(a[2]), s.length());
            int k = window(a).indexOf((String) a[1]);
            return k < 0 ? -1L : (long) (k + from);
        });
        r.register("aten::lower(str self) -> str", a -> ((String) a[0]).toLowerCase(java.util.Locale.ROOT));
        r.register("aten::upper(str self) -> str", a -> ((String) a[0]).toUpperCase(java.util.Locale.ROOT));
        r.register("aten::strip(str self, str chars=\" \\n\\t\\f\\v\") -> str", a -> strip((String) a[0], (String) a[1], true, true));
        r.register("aten::lstrip(str self, str chars=\" \\n\\t\\f\\v\") -> str", a -> strip((String) a[0], (String) a[1], true, false));
        r.register("aten::rstrip(str self, str chars=\" \\n\\t\\f\\v\") -> str", a -> strip((String) a[0], (String) a[1], false, true));
        r.register("aten::replace(str self, str old, str new, int max=-1) -> str", a -> replace((String) a[0], (String) a[1], (String) a[2], l(a[3])));
        r.register("aten::join(str self, str[] values) -> str", a -> {
            List<?> parts = (List<?>) a[1];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) sb.append(i > 0 ? (String) a[0] : "").append((String) parts.get(i));
            return sb.toString();
        });
        r.register("aten::split.str(str self, str? separator=None, int max=-1) -> str[]", a -> split((String) a[0], (String) a[1], l(a[2])));
        r.register("aten::add.str(str a, str b) -> str", a -> (String) a[0] + a[1]);
        r.register("aten::isdigit(str self) -> bool", a -> !((String) a[0]).isEmpty() && ((String) a[0]).chars().allMatch(Character::isDigit));
    }

    /** self[start:end] with Python's clamping of negative and out-of-range bounds. */
    private static String window(Object[] a) {
        String s = (String) a[0];
        int from = clamp(l(a[2]), s.length()), to = clamp(l(a[3]), s.length());
        // the schema's end=-1 default means "to the end", as PyTorch's string ops treat it
        if (l(a[3]) == -1) to = s.length();
        return from >= to ? "" : s.substring(from, to);
    }

    private static int clamp(long k, int n) {
        if (k < 0) k += n;
        return (int) Math.max(0, Math.min(n, k));
    }

    private static String strip(String s, String chars, boolean left, boolean right) {
        int b = 0, e = s.length();
        while (left && b < e && chars.indexOf(s.charAt(b)) >= 0) b++;
        while (right && e > b && chars.indexOf(s.charAt(e - 1)) >= 0) e--;
        return s.substring(b, e);
    }

    private static String replace(String s, String old, String neu, long max) {
        if (max < 0) return s.replace(old, neu);
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (long n = 0; n < max; n++) {
            int k = s.indexOf(old, from);
            if (k < 0) break;
            sb.append(s, from, k).append(neu);
            from = k + old.length();
            if (old.isEmpty()) { if (from < s.length()) sb.append(s.charAt(from)); from++; if (from > s.length()) break; }
        }
        if (from <= s.length()) sb.append(s.substring(from));
        return sb.toString();
    }

    private static List<Object> split(String s, String sep, long max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            // whitespace split: runs of blanks separate, leading/trailing ones vanish
            for (String p : s.strip().split("\\s+", max < 0 ? 0 : (int) max + 1)) if (!p.isEmpty()) out.add(p);
            return out;
        }
        if (sep.isEmpty()) throw new JitScopeException("ValueError: empty separator");
        int from = 0;
        while (max < 0 || out.size() < max) {
            int k = s.indexOf(sep, from);
            if (k < 0) break;
            out.add(s.substring(from, k));
            from = k + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }
}
