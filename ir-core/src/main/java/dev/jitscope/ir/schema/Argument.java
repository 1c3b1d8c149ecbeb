package dev.jitscope.ir.schema;

import dev.jitscope.ir.print.ConstantFormat;
import dev.jitscope.ir.type.JitType;
import java.util.List;

/**
 * One argument or return of a {@link FunctionSchema}.
 *
 * @param name         argument name; may be null for returns
 * @param type         the type calls are checked against (ScalarType/Layout/MemoryFormat/SymInt are
 *                     {@code int}, Dimname is {@code str}, as in TorchScript)
 * @param typeText     the type as the schema spells it, alias annotations included
 *                     ({@code ScalarType?}, {@code Tensor(a!)}, {@code int[2]}); null = {@code type.str()}
 * @param listSize     N of a fixed-size list type {@code int[N]}, or null
 * @param hasDefault   whether a default is declared ({@code defaultValue} null then means None)
 * @param defaultValue runtime value: Long, Double, Boolean, String, null, List
 * @param defaultText  the default as written; null = formatted from the value
 * @param kwargOnly    declared after {@code *}
 * @param alias        the outermost alias annotation, or null
 */
public record Argument(String name, JitType type, String typeText, Integer listSize, boolean hasDefault,
                       Object defaultValue, String defaultText, boolean kwargOnly, AliasInfo alias) {

    public static Argument of(String name, JitType type) {
        return new Argument(name, type, null, null, false, null, null, false, null);
    }

    public Argument withDefault(Object value) {
        return new Argument(name, type, typeText, listSize, true, value, null, kwargOnly, alias);
    }

    public Argument kwargOnly(boolean k) {
        return new Argument(name, type, typeText, listSize, hasDefault, defaultValue, defaultText, k, alias);
    }

    public boolean isWrite() { return alias != null && alias.isWrite(); }

    /** The type as schemas print it. */
    public String typeString() {
        if (typeText != null) return typeText;
        return type.str() + (alias != null ? alias.toString() : "");
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(typeString());
        if (name != null) sb.append(' ').append(name);
        if (hasDefault) sb.append('=').append(defaultText != null ? defaultText : formatDefault(defaultValue));
        return sb.toString();
    }

    private static String formatDefault(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) sb.append(i > 0 ? ", " : "").append(formatDefault(l.get(i)));
            return sb.append(']').toString();
        }
        return ConstantFormat.format(v);
    }
}
