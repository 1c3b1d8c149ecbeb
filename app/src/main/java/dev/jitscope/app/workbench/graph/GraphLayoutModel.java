package dev.jitscope.app.workbench.graph;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the graph view draws, in absolute layout coordinates (y grows downwards, as ELK computes
 * them): one box per IR node, one box per nested block, one edge per (producer, user) use.
 * Built off the UI thread by {@link ElkGraphLayout}; holds no JavaFX state so tests run without a display.
 */
public record GraphLayoutModel(List<LayoutNode> nodes, List<LayoutEdge> edges, List<BlockBox> blocks,
                               Map<Node, LayoutNode> byIrNode, double width, double height) {

    /** A drawn IR node. {@code container} is true for prim::If/prim::Loop whose blocks nest inside it. */
    public record LayoutNode(String id, String label, NodeCategory category, Node irNode, boolean container,
                             double x, double y, double width, double height) {
        public double centerX() { return x + width / 2; }
        public double centerY() { return y + height / 2; }
    }

    /**
     * A data-flow edge: value {@code value} produced by {@code from}, used by {@code to}, routed
     * along {@code points} (x0, y0, x1, y1, ... in absolute layout coordinates, first point at the producer).
     */
    public record LayoutEdge(String id, String from, String to, Value value, double[] points) {
        public String label() { return ValueLabels.edgeLabel(value); }

        LayoutEdge withPoints(double[] p) { return new LayoutEdge(id, from, to, value, p); }
    }

    /** The frame of one block of a prim::If / prim::Loop. */
    public record BlockBox(String id, String label, double x, double y, double width, double height) {}

    public LayoutNode node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The node under layout point (x, y): the innermost one, so a click inside an if's block picks
     * the op there rather than the if. A container counts only through its header row.
     */
    public LayoutNode nodeAt(double x, double y) {
        LayoutNode best = null;
        for (LayoutNode n : nodes) {
            double bottom = n.container() ? n.y() + ElkGraphLayout.HEADER : n.y() + n.height();
            if (x >= n.x() && x <= n.x() + n.width() && y >= n.y() && y <= bottom) best = n;
        }
        return best;
    }

    /** Nodes whose op kind or any output name contains {@code query} (case-insensitive), in layout order. */
    public List<LayoutNode> search(String query) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) return List.of();
        return nodes.stream().filter(n -> n.irNode() != null && matches(n.irNode(), q)).toList();
    }

    private static boolean matches(Node n, String q) {
        if (n.kind().toLowerCase(Locale.ROOT).contains(q)) return true;
        for (Value v : n.outputs()) {
            if (ValueLabels.name(v).toLowerCase(Locale.ROOT).contains(q)) return true;
        }
        return false;
    }
}
