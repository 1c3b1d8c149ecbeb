package dev.jitscope.app.workbench.graph;

import dev.jitscope.app.workbench.graph.GraphLayoutModel.BlockBox;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutEdge;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays an IR graph out with ELK layered, top to bottom. prim::If / prim::Loop become ELK
 * containers holding one child container per block, so ELK routes edges across the nesting itself.
 */
public final class ElkGraphLayout {
    static final double NODE_HEIGHT = 26;
    static final double HEADER = 30;
    private static final double CHAR_WIDTH = 7.2;
    /**
     * Graphs with more nodes than this draw prim::If / prim::Loop as single boxes: nesting their
     * blocks makes ELK lay out the whole hierarchy at once, several times the cost of a flat
     * layout (an inlined resnet18 has a batch-norm {@code if self.training} per layer).
     */
    public static final int EXPAND_BLOCKS_UP_TO = 500;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private final Map<Node, ElkNode> elkOf = new IdentityHashMap<>();
    private final Map<ElkNode, Block> blockOf = new IdentityHashMap<>();
    private final Map<Node, String> ids = new IdentityHashMap<>();
    private final List<Node> order = new ArrayList<>();
    private final List<ElkEdge> elkEdges = new ArrayList<>();
    private boolean expandBlocks = true;

    private ElkGraphLayout() {}

    /** Runs ELK; call it off the JavaFX thread, it takes seconds for thousands of nodes. */
    public static GraphLayoutModel layout(Graph graph) {
        return new ElkGraphLayout().run(graph);
    }

    private GraphLayoutModel run(Graph graph) {
        expandBlocks = graph.block().allNodes().size() <= EXPAND_BLOCKS_UP_TO;
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 18.0);
        addBlock(root, graph.block(), true);
        // ELK's compound (whole-hierarchy) run costs several times a flat one: ask for it only when blocks nest
        if (!blockOf.isEmpty()) root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        // crossing minimisation dominates on big graphs; fewer sweeps keep thousands of nodes interactive
        if (order.size() > 500) root.setProperty(LayeredOptions.THOROUGHNESS, 2);
        List<LayoutEdge> edges = connect(graph.block());
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<LayoutNode> nodes = new ArrayList<>();
        Map<Node, LayoutNode> byIr = new LinkedHashMap<>();
        for (Node n : order) {
            ElkNode e = elkOf.get(n);
            double[] abs = absolute(e);
            LayoutNode ln = new LayoutNode(ids.get(n), label(n), NodeCategory.of(n.kind()), n,
                    expandBlocks && !n.blocks().isEmpty(), abs[0], abs[1], e.getWidth(), e.getHeight());
            nodes.add(ln);
            byIr.put(n, ln);
        }
        List<BlockBox> boxes = new ArrayList<>();
        for (Map.Entry<ElkNode, Block> b : blockOf.entrySet()) {
            ElkNode e = b.getKey();
            double[] abs = absolute(e);
            boxes.add(new BlockBox("b" + boxes.size(), "block" + b.getValue().owningNode().blocks().indexOf(b.getValue()),
                    abs[0], abs[1], e.getWidth(), e.getHeight()));
        }
        for (int i = 0; i < edges.size(); i++) edges.set(i, edges.get(i).withPoints(route(elkEdges.get(i))));
        return new GraphLayoutModel(List.copyOf(nodes), List.copyOf(edges), List.copyOf(boxes), byIr,
                root.getWidth(), root.getHeight());
    }

    /** ELK coordinates are relative to the parent; the view wants them absolute. */
    private static double[] absolute(ElkNode e) {
        double x = e.getX(), y = e.getY();
        for (ElkNode p = e.getParent(); p != null; p = p.getParent()) {
            x += p.getX();
            y += p.getY();
        }
        return new double[] {x, y};
    }

    private void addBlock(ElkNode parent, Block block, boolean top) {
        if (top || !block.inputs().isEmpty()) addNode(parent, block.paramNode());
        for (Node n : block.nodes()) addNode(parent, n);
        addNode(parent, block.returnNode());
    }

    private void addNode(ElkNode parent, Node n) {
        ElkNode e = ElkGraphUtil.createNode(parent);
        String label = label(n);
        e.setDimensions(Math.max(60, label.length() * CHAR_WIDTH + 16), NODE_HEIGHT);
        ids.put(n, "n" + order.size());
        order.add(n);
        elkOf.put(n, e);
        if (expandBlocks && !n.blocks().isEmpty()) {
            e.setProperty(CoreOptions.PADDING, new ElkPadding(HEADER, 10, 10, 10));
            for (Block b : n.blocks()) {
                ElkNode frame = ElkGraphUtil.createNode(e);
                frame.setProperty(CoreOptions.PADDING, new ElkPadding(12, 10, 10, 10));
                blockOf.put(frame, b);
                addBlock(frame, b, false);
            }
        }
    }

    /** A collapsed if/loop says how many blocks it hides. */
    private String label(Node n) {
        String label = ValueLabels.nodeLabel(n);
        return expandBlocks || n.blocks().isEmpty() ? label : label + " [" + n.blocks().size() + (n.blocks().size() == 1 ? " block]" : " blocks]");
    }

    private List<LayoutEdge> connect(Block top) {
        List<LayoutEdge> edges = new ArrayList<>();
        for (Node user : order) {
            for (Value v : user.inputs()) {
                Node producer = v.node();
                ElkNode from = elkOf.get(producer);
                ElkNode to = elkOf.get(user);
                if (from == null || to == null || from == to) continue;
                // An edge from a container to one of its own children would ask ELK for a cycle through the frame.
                if (isAncestor(from, to)) continue;
                ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
                ElkGraphUtil.updateContainment(edge);
                elkEdges.add(edge);
                edges.add(new LayoutEdge("e" + edges.size(), ids.get(producer), ids.get(user), v, new double[0]));
            }
        }
        return edges;
    }

    /**
     * The edge's polyline in absolute coordinates: ELK routes around boxes with bend points, and
     * drawing straight lines instead would cut through the nodes in between.
     */
    private static double[] route(ElkEdge edge) {
        if (edge.getSections().isEmpty()) return new double[0];
        ElkEdgeSection s = edge.getSections().get(0);
        double[] origin = edge.getContainingNode() == null ? new double[2] : absolute(edge.getContainingNode());
        double[] pts = new double[4 + 2 * s.getBendPoints().size()];
        int i = 0;
        pts[i++] = origin[0] + s.getStartX();
        pts[i++] = origin[1] + s.getStartY();
        for (ElkBendPoint b : s.getBendPoints()) {
            pts[i++] = origin[0] + b.getX();
            pts[i++] = origin[1] + b.getY();
        }
        pts[i++] = origin[0] + s.getEndX();
        pts[i] = origin[1] + s.getEndY();
        return pts;
    }

    /** Lays out a tiny graph so that ELK's classes are loaded (and their signed jars verified) before the user waits. */
    public static void warmUp() {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        ElkNode a = ElkGraphUtil.createNode(root), c = ElkGraphUtil.createNode(root), inner = ElkGraphUtil.createNode(c);
        for (ElkNode n : List.of(a, c, inner)) n.setDimensions(40, 20);
        ElkGraphUtil.updateContainment(ElkGraphUtil.createSimpleEdge(a, inner));
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
    }

    private static boolean isAncestor(ElkNode a, ElkNode b) {
        for (ElkNode p = b.getParent(); p != null; p = p.getParent()) if (p == a) return true;
        for (ElkNode p = a.getParent(); p != null; p = p.getParent()) if (p == b) return true;
        return false;
    }
}
