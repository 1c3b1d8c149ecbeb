package dev.jitscope.app.workbench.graph;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;

/** The short texts the graph view shows for values and nodes. */
public final class ValueLabels {
    private ValueLabels() {}

    public static String name(Value v) {
        return "%" + (v.hasDebugName() ? v.debugName() : String.valueOf(v.id()));
    }

    public static String nameAndType(Value v) {
        return name(v) + " : " + v.type().str();
    }

    /**
     * What an edge is labelled with: name and type, module classes by their simple name
     * ({@code __torch__.torch.nn.modules.linear.___torch_mangle_0.Linear} reads as {@code Linear}).
     */
    public static String edgeLabel(Value v) {
        return name(v) + " : " + QUALIFIED_CLASS.matcher(v.type().str()).replaceAll("$1");
    }

    private static final java.util.regex.Pattern QUALIFIED_CLASS = java.util.regex.Pattern.compile("__torch__\\.(?:\\w+\\.)*(\\w+)");

    /** The op kind plus the attribute a reader needs to tell twin nodes apart (constant value, attribute name). */
    public static String nodeLabel(Node n) {
        if (n.kind().equals(Node.PARAM)) return "inputs";
        if (n.kind().equals(Node.RETURN)) return "return";
        if (n.kind().equals(Node.CONSTANT)) {
            Object value = n.attr("value");
            String text = value == null ? "None" : value.toString();
            if (text.length() > 24) text = text.substring(0, 21) + "...";
            return "Constant[" + text + "]";
        }
        Object name = n.attr("name");
        if (name instanceof String s) return n.kind() + "[" + s + "]";
        return n.kind();
    }
}
