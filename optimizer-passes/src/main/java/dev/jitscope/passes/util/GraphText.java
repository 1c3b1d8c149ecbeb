package dev.jitscope.passes.util;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints a graph in PyTorch's {@code graph.str()} layout for pass snapshots and tests.
 * NB: a stand-in until the ir-core printer (branch ircore) lands on main; value names are the debug
 * name when it is unique within the graph, else the numeric id, so two prints of an unchanged graph
 * are identical (the fingerprint relies on that).
 */
public final class GraphText {
    private final Map<Value, String> names = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final StringBuilder out = new StringBuilder();
    /** Subgraph attributes (fusion groups), printed after the graph as PyTorch does: "with prim::FusionGroup_0 = graph(...)". */
    private final java.util.List<String> subgraphs = new java.util.ArrayList<>();

    private GraphText() {}

    public static String print(Graph g) {
        GraphText p = new GraphText();
        p.out.append("graph(");
        List<Value> ins = g.inputs();
        for (int i = 0; i < ins.size(); i++) {
            if (i > 0) p.out.append(",\n      ");
            p.out.append(p.decl(ins.get(i)));
        }
        p.out.append("):\n");
        p.body(g.block(), "  ");
        p.out.append("  return (").append(p.refs(g.outputs())).append(")\n");
        for (String sub : p.subgraphs) p.out.append(sub);
        return p.out.toString();
    }

    private void body(Block b, String indent) {
        for (Node n : b.nodes()) {
            out.append(indent);
            if (!n.outputs().isEmpty())
                out.append(n.outputs().stream().map(this::decl).collect(Collectors.joining(", "))).append(" = ");
            String kind = n.kind();
            var plain = n.attributes().entrySet().stream().filter(e -> !(e.getValue() instanceof Graph)).toList();
            for (var e : n.attributes().entrySet())
                if (e.getValue() instanceof Graph sg) {
                    kind = n.kind() + "_" + subgraphs.size();
                    subgraphs.add("with " + kind + " = " + print(sg));
                }
            out.append(kind);
            if (!plain.isEmpty()) {
                out.append('[');
                out.append(plain.stream().map(e -> e.getKey() + "=" + attrText(e.getValue())).collect(Collectors.joining(", ")));
                out.append(']');
            }
            out.append('(').append(refs(n.inputs())).append(")\n");
            for (int i = 0; i < n.blocks().size(); i++) {
                Block nb = n.blocks().get(i);
                out.append(indent).append("  block").append(i).append('(')
                        .append(nb.inputs().stream().map(this::decl).collect(Collectors.joining(", "))).append("):\n");
                body(nb, indent + "    ");
                out.append(indent).append("    -> (").append(refs(nb.outputs())).append(")\n");
            }
        }
    }

    private String decl(Value v) { return name(v) + " : " + v.type().str(); }

    private String refs(List<Value> vs) { return vs.stream().map(this::name).collect(Collectors.joining(", ")); }

    private String name(Value v) {
        return names.computeIfAbsent(v, k -> {
            String n = k.hasDebugName() && !taken.contains(k.debugName()) ? k.debugName() : String.valueOf(k.id());
            while (!taken.add(n)) n = n + "_";
            return "%" + n;
        });
    }

    /** Attribute values as PyTorch prints them: strings quoted, bools as 0/1, None for null. */
    public static String attrText(Object v) {
        if (v == null) return "None";
        if (v instanceof String s) return "\"" + s + "\"";
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof Graph) return "<Graph>";
        if (v instanceof dev.jitscope.tensor.Tensor) return "<Tensor>";
        if (v instanceof List<?> l) return l.stream().map(GraphText::attrText).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(v);
    }
}
