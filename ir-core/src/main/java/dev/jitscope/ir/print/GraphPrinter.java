package dev.jitscope.ir.print;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph in PyTorch's text form, the form {@code print(module.graph)} shows:
 * <pre>
 * graph(%self : __torch__.MyCell,
 *       %x.1 : Tensor):
 *   %4 : int = prim::Constant[value=1]()
 *   %7 : Tensor = aten::add(%x.1, %x.1, %4) # model.py:12:14
 *   return (%7)
 * </pre>
 * Graph-valued attributes (a fusion group's subgraph) are printed after the graph as
 * {@code with prim::FusionGroup_0 = graph(...)}, as PyTorch does.
 */
public final class GraphPrinter {
    private final boolean sourceComments;

    private GraphPrinter(boolean sourceComments) { this.sourceComments = sourceComments; }

    /** The text PyTorch prints, with {@code # file:line:col} comments. */
    public static String print(Graph g) { return new GraphPrinter(true).render(g); }

    /** Without source comments: what tests and diffs compare. */
    public static String printWithoutRanges(Graph g) { return new GraphPrinter(false).render(g); }

    private String render(Graph g) {
        StringBuilder out = new StringBuilder();
        List<Graph> subgraphs = new ArrayList<>();
        write(g, out, subgraphs);
        for (int i = 0; i < subgraphs.size(); i++) {
            // subgraphs can themselves hold subgraphs; the list grows while we walk it
            Graph sub = subgraphs.get(i);
            out.append("with ").append(subgraphKinds.get(i)).append('_').append(i).append(" = ");
            write(sub, out, subgraphs);
        }
        return out.toString();
    }

    private final List<String> subgraphKinds = new ArrayList<>();

    private void write(Graph g, StringBuilder out, List<Graph> subgraphs) {
        ValueNames names = new ValueNames(g);
        out.append("graph(");
        List<Value> inputs = g.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (i > 0) out.append(",\n      ");
            out.append(names.of(inputs.get(i))).append(" : ").append(inputs.get(i).type().str());
        }
        out.append("):\n");
        for (Node n : g.nodes()) writeNode(n, 1, names, out, subgraphs);
        out.append("  return (").append(join(g.outputs(), names)).append(")\n");
    }

    private void writeNode(Node n, int depth, ValueNames names, StringBuilder out, List<Graph> subgraphs) {
        indent(out, depth);
        List<Value> outs = n.outputs();
        for (int i = 0; i < outs.size(); i++) {
            if (i > 0) out.append(", ");
            out.append(names.of(outs.get(i))).append(" : ").append(outs.get(i).type().str());
        }
        out.append(" = ").append(n.kind());
        writeAttributes(n, out, subgraphs);
        out.append('(').append(join(n.inputs(), names)).append(')');
        if (n.scope() != null && !n.scope().isEmpty()) out.append(", scope: ").append(n.scope());
        // code loaded from an archive prints where its debug info says it came from, as PyTorch does
        SourceRange r = n.range() == null ? null : n.range().original();
        if (sourceComments && r != null) {
            out.append(" # ").append(r.file()).append(':').append(r.line()).append(':').append(r.column() - 1);   // PyTorch counts columns from 0
        }
        out.append('\n');
        for (int b = 0; b < n.blocks().size(); b++) {
            Block block = n.blocks().get(b);
            indent(out, depth + 1);
            out.append("block").append(b).append('(');
            List<Value> params = block.inputs();
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) out.append(", ");
                out.append(names.of(params.get(i))).append(" : ").append(params.get(i).type().str());
            }
            out.append("):\n");
            for (Node inner : block.nodes()) writeNode(inner, depth + 2, names, out, subgraphs);
            indent(out, depth + 2);
            out.append("-> (").append(join(block.outputs(), names)).append(")\n");
        }
    }

    private void writeAttributes(Node n, StringBuilder out, List<Graph> subgraphs) {
        Map<String, Object> attrs = n.attributes();
        // a None constant has no value to show: PyTorch prints it as prim::Constant()
        if (attrs.isEmpty() || n.kind().equals(Node.CONSTANT) && attrs.size() == 1 && attrs.containsKey("value") && attrs.get("value") == null) return;
        out.append('[');
        boolean first = true;
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (!first) out.append(", ");
            first = false;
            out.append(e.getKey()).append('=');
            if (e.getValue() instanceof Graph sub) {
                if (!subgraphs.contains(sub)) {
                    subgraphs.add(sub);
                    subgraphKinds.add(n.kind());
                }
                out.append("<Graph>");
            } else {
                out.append(ConstantFormat.format(e.getValue()));
            }
        }
        out.append(']');
    }

    private static String join(List<Value> values, ValueNames names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) sb.append(i > 0 ? ", " : "").append(names.of(values.get(i)));
        return sb.toString();
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
