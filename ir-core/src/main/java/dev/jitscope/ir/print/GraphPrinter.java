package dev.jitscope.ir.print;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a graph in the text form of PyTorch's {@code str(graph)}:
 * <pre>
 * graph(%x.1 : Tensor,
 *       %n : int):
 *   %2 : int = prim::Constant[value=1]() # m.py:3:12
 *   return (%2)
 * </pre>
 * Value names are debug names (or ids), made unique with a {@code .N} suffix when two values share
 * one. Source comments use PyTorch's 0-based columns.
 */
public final class GraphPrinter {
    private final boolean sourceComments;
    private final Map<Value, String> names = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final StringBuilder out = new StringBuilder();

    private GraphPrinter(boolean sourceComments) { this.sourceComments = sourceComments; }

    /** The graph with {@code # file:line:col} source comments, as PyTorch prints it. */
    public static String print(Graph g) { return print(g, true); }

    public static String print(Graph g, boolean sourceComments) {
        GraphPrinter p = new GraphPrinter(sourceComments);
        p.printGraph(g);
        return p.out.toString();
    }

    /** One node (nested blocks included) as it would appear at top level of a printed graph. */
    public static String printNode(Node n, boolean sourceComments) {
        GraphPrinter p = new GraphPrinter(sourceComments);
        p.node(n, 1);
        return p.out.toString();
    }

    private void printGraph(Graph g) {
        out.append("graph(");
        List<Value> in = g.inputs();
        for (int i = 0; i < in.size(); i++) {
            if (i > 0) out.append(",\n      ");
            typed(in.get(i));
        }
        out.append("):\n");
        for (Node n : g.nodes()) node(n, 1);
        out.append("  return (");
        refs(g.outputs());
        out.append(")\n");
    }

    private void node(Node n, int level) {
        indent(level);
        List<Value> outs = n.outputs();
        for (int i = 0; i < outs.size(); i++) {
            if (i > 0) out.append(", ");
            typed(outs.get(i));
        }
        out.append(" = ").append(n.kind());
        attributes(n);
        out.append('(');
        refs(n.inputs());
        out.append(')');
        SourceRange r = n.range();
        if (sourceComments && r != null && r.source() != null && r.source().name() != null) {
            out.append(" # ").append(r.file()).append(':').append(r.line()).append(':').append(r.column() - 1);
        }
        out.append('\n');
        for (int b = 0; b < n.blocks().size(); b++) block(n.blocks().get(b), b, level + 1);
    }

    private void attributes(Node n) {
        Map<String, Object> attrs = n.attributes();
        boolean noneConstant = n.kind().equals(Node.CONSTANT) && attrs.size() == 1 && attrs.containsKey("value") && attrs.get("value") == null;
        if (attrs.isEmpty() || noneConstant) return;
        out.append('[');
        boolean first = true;
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (!first) out.append(", ");
            first = false;
            out.append(e.getKey()).append('=');
            ConstantFormat.append(out, e.getValue());
        }
        out.append(']');
    }

    private void block(Block b, int index, int level) {
        indent(level);
        out.append("block").append(index).append('(');
        List<Value> in = b.inputs();
        for (int i = 0; i < in.size(); i++) {
            if (i > 0) out.append(", ");
            typed(in.get(i));
        }
        out.append("):\n");
        for (Node n : b.nodes()) node(n, level + 1);
        indent(level + 1);
        out.append("-> (");
        refs(b.outputs());
        out.append(")\n");
    }

    private void indent(int level) { out.append("  ".repeat(level)); }

    private void typed(Value v) {
        out.append('%').append(name(v)).append(" : ").append(v.type() == null ? "Tensor" : v.type().str());
    }

    private void refs(List<Value> vs) {
        for (int i = 0; i < vs.size(); i++) {
            if (i > 0) out.append(", ");
            out.append('%').append(name(vs.get(i)));
        }
    }

    private String name(Value v) {
        String n = names.get(v);
        if (n != null) return n;
        String wanted = v.hasDebugName() ? v.debugName() : String.valueOf(v.id());
        n = wanted;
        if (taken.contains(n)) {
            String base = stripSuffix(wanted);
            int k = 1;
            while (taken.contains(base + "." + k)) k++;
            n = base + "." + k;
        }
        taken.add(n);
        names.put(v, n);
        return n;
    }

    /** {@code x.3} → {@code x}; a name that is only digits keeps its digits. */
    private static String stripSuffix(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) return name;
        for (int i = dot + 1; i < name.length(); i++) if (!Character.isDigit(name.charAt(i))) return name;
        return name.substring(0, dot);
    }
}
