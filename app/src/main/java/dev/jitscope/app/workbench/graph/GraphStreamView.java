package dev.jitscope.app.workbench.graph;

import dev.jitscope.app.workbench.graph.GraphLayoutModel.BlockBox;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutEdge;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.graphstream.graph.Element;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.ui.fx_viewer.FxDefaultView;
import org.graphstream.ui.fx_viewer.FxViewer;
import org.graphstream.ui.geom.Point3;
import org.graphstream.ui.graphicGraph.GraphicGraph;
import org.graphstream.ui.view.View;
import org.graphstream.ui.view.Viewer;
import org.graphstream.ui.view.camera.Camera;
import org.graphstream.ui.view.util.InteractiveElement;
import org.graphstream.ui.view.util.MouseManager;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws the view model's ELK layout with GraphStream's JavaFX viewer. Positions and box sizes are
 * both in graph units taken 1:1 from ELK (y flipped: GraphStream's y grows upwards), so boxes scale
 * with zoom exactly as their positions do. Edges follow ELK's routes through hidden zero-size
 * waypoint nodes; if/loop containers and their blocks are background nodes sized to ELK's boxes.
 * GraphStream's own mouse handling (which drags nodes) is replaced: drag pans, the wheel zooms,
 * a click picks through {@link GraphLayoutModel#nodeAt} after {@link Camera#transformPxToGu}.
 */
public final class GraphStreamView extends StackPane {
    static {
        System.setProperty("org.graphstream.ui", "javafx");
    }

    private static final double CAPTION_CHAR = 5.5, CAPTION_LINE = 11, READABLE = 0.35;
    /**
     * Above this many IR nodes GraphStream cannot keep up (it restyles and draws every element each
     * frame, visible or not: ~130 ms of FX-thread CPU per frame for 2,000 nodes fitted, see
     * docs/performance.md), so the main window shows the canvas renderer instead.
     */
    public static final int LARGE_GRAPH = 1000;

    private final GraphViewModel model;
    private final MultiGraph graph = new MultiGraph("jitscope");
    private final FxViewer viewer = new FxViewer(graph, Viewer.ThreadingModel.GRAPH_IN_GUI_THREAD);
    private final FxDefaultView view;
    private final ObservableSet<LayoutNode> marked = FXCollections.observableSet();
    /** Comparison colours by IR node (kept across relayouts: the marks may be set before the layout arrives). */
    private final Map<dev.jitscope.ir.Node, NodeMark> marks = new java.util.IdentityHashMap<>();
    private final Map<LayoutNode, org.graphstream.graph.Node> drawn = new HashMap<>();
    /** "W gu, H gu" → the style class giving a box that size, and each drawn node's size class. */
    private final Map<String, String> sizeClasses = new LinkedHashMap<>();
    private final Map<LayoutNode, String> sizeClassOf = new HashMap<>();
    private GraphPalette palette = GraphPalette.LIGHT;
    private int textSize = -1;
    private double dragX, dragY;
    private boolean dragged;
    private boolean openBigGraphsAtInputs = true;
    private boolean skipLargeGraphs;

    public GraphStreamView(GraphViewModel model) {
        this.model = model;
        getStyleClass().add("graph-view");
        viewer.disableAutoLayout();
        view = (FxDefaultView) viewer.addDefaultView(false);
        view.setId("graphStreamView");
        view.setMouseManager(new NoMouseManager());
        view.getCamera().setAutoFitView(false);
        view.setMinSize(0, 0);
        getChildren().add(view);
        installNavigation();
        model.layoutProperty().addListener((obs, old, l) -> rebuild(l));
        model.selectedProperty().addListener((obs, old, n) -> {
            restyle(old);
            restyle(n);
            revealIfHidden(n);
        });
        marked.addListener((SetChangeListener<LayoutNode>) c -> {
            restyle(c.getElementAdded());
            restyle(c.getElementRemoved());
        });
        rebuild(model.layoutProperty().get());
    }

    private void restyleAll() {
        for (LayoutNode n : drawn.keySet()) restyle(n);
    }

    private void rebuild(GraphLayoutModel l) {
        graph.clear();
        drawn.clear();
        // marks are owned by whoever set them (the caret line may already have marked the new layout's nodes)
        textSize = -1;
        sizeClasses.clear();
        sizeClassOf.clear();
        if (l != null && skipLargeGraphs && isLarge(l)) l = null;
        if (l != null) collectSizes(l);
        // one stylesheet holding every box size, set before the elements exist: a per-element
        // ui.style would make each box its own style group, which cost seconds on thousands of nodes
        applyStyleSheet();
        if (l == null) return;
        // insertion order is paint order within a z-index: frames first, then blocks, edges, boxes
        for (LayoutNode n : l.nodes()) {
            if (n.container()) box("frame" + n.id(), n.x(), n.y(), n.width(), n.height(), "frame");
        }
        for (BlockBox b : l.blocks()) {
            box("block" + b.id(), b.x(), b.y(), b.width(), b.height(), "block");
            caption("bl" + b.id(), b.label(), b.x() + 3, b.y() + 1);
        }
        for (LayoutEdge e : l.edges()) route(e);
        // one label per produced value, just under its producer, stacked where the inputs box sends several out
        Set<Object> named = new HashSet<>();
        List<double[]> placed = new ArrayList<>();
        for (LayoutEdge e : l.edges()) {
            double[] p = e.points();
            if (p.length < 4 || !named.add(e.value())) continue;
            double lw = e.label().length() * CAPTION_CHAR, lx = p[0] + 3, ly = p[1] + 1;
            for (int tries = 0; tries < 4 && overlapsAny(placed, lx, ly, lw); tries++) ly += CAPTION_LINE;
            placed.add(new double[] {lx, ly, lw});
            caption("el" + e.id(), e.label(), lx, ly);
        }
        for (LayoutNode n : l.nodes()) {
            double h = n.container() ? ElkGraphLayout.NODE_HEIGHT : n.height();
            double w = n.container() ? Math.min(n.width() - 8, n.label().length() * 7.2 + 16) : n.width();
            double x = n.container() ? n.centerX() - w / 2 : n.x();
            double y = n.container() ? n.y() + 2 : n.y();
            org.graphstream.graph.Node g = box("n" + n.id(), x, y, w, h, n.category().cssClass());
            g.setAttribute("ui.label", n.label());
            drawn.put(n, g);
        }
        restyleAll();
        showInitially(l);
    }

    private org.graphstream.graph.Node box(String id, double x, double y, double w, double h, String cssClass) {
        org.graphstream.graph.Node g = graph.addNode(id);
        g.setAttribute("xyz", x + w / 2, -(y + h / 2), 0);
        g.setAttribute("ui.class", cssClass + ", " + sizeClasses.get(sizeKey(w, h)));
        g.setAttribute("jitscope.size", w, h);
        return g;
    }

    /** Box sizes repeat (an op's width follows its label's length): one style class per distinct size. */
    private void collectSizes(GraphLayoutModel l) {
        for (LayoutNode n : l.nodes()) {
            if (n.container()) sizeClass(n.width(), n.height());
            double h = n.container() ? ElkGraphLayout.NODE_HEIGHT : n.height();
            double w = n.container() ? Math.min(n.width() - 8, n.label().length() * 7.2 + 16) : n.width();
            sizeClassOf.put(n, sizeClass(w, h));
        }
        for (BlockBox b : l.blocks()) sizeClass(b.width(), b.height());
    }

    private String sizeClass(double w, double h) {
        return sizeClasses.computeIfAbsent(sizeKey(w, h), k -> "size" + sizeClasses.size());
    }

    private static String sizeKey(double w, double h) {
        return String.format(Locale.ROOT, "%.1fgu, %.1fgu", w, h);
    }

    /** A text with no box whose left top corner is at layout point (x, y). */
    private void caption(String id, String text, double x, double y) {
        org.graphstream.graph.Node g = graph.addNode(id);
        g.setAttribute("xyz", x + text.length() * CAPTION_CHAR / 2, -(y + CAPTION_LINE / 2), 0);
        g.setAttribute("ui.class", "caption");
        g.setAttribute("ui.label", text);
    }

    private static boolean overlapsAny(List<double[]> placed, double x, double y, double w) {
        for (double[] r : placed) if (x < r[0] + r[2] && r[0] < x + w && y < r[1] + CAPTION_LINE && r[1] < y + CAPTION_LINE) return true;
        return false;
    }

    /** One GraphStream edge per segment of ELK's route, between hidden waypoints; only the last has an arrow. */
    private void route(LayoutEdge e) {
        double[] p = e.points();
        if (p.length < 4) return;
        String previous = null;
        for (int i = 0; i < p.length; i += 2) {
            String id = "w" + e.id() + "_" + i;
            org.graphstream.graph.Node w = graph.addNode(id);
            w.setAttribute("xyz", p[i], -p[i + 1], 0);
            w.setAttribute("ui.class", "waypoint");
            if (previous != null) {
                Element s = graph.addEdge("s" + id, previous, id, true);
                s.setAttribute("ui.class", i == p.length - 2 ? "last" : "segment");
            }
            previous = id;
        }
    }

    private void restyle(LayoutNode n) {
        org.graphstream.graph.Node g = n == null ? null : drawn.get(n);
        if (g == null) return;
        // GraphStream lets the first class listed win where rules disagree: the states go before the category
        StringBuilder cls = new StringBuilder();
        if (n.equals(model.selectedProperty().get())) cls.append("selected, ");
        if (marked.contains(n)) cls.append("marked, ");
        NodeMark mark = n.irNode() == null ? null : marks.get(n.irNode());
        if (mark != null) cls.append(mark.cssClass()).append(", ");
        g.setAttribute("ui.class", cls.append(n.category().cssClass()).append(", ").append(sizeClassOf.get(n)).toString());
    }

    private void installNavigation() {
        view.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) zoom(e.getDeltaY() > 0 ? 1 / 1.15 : 1.15);
            e.consume();
        });
        view.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        view.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            Camera c = view.getCamera();
            double ratio = c.getMetrics().ratioPx2Gu;
            Point3 center = c.getViewCenter();
            c.setViewCenter(center.x - (e.getX() - dragX) / ratio, center.y + (e.getY() - dragY) / ratio, 0);
            dragX = e.getX();
            dragY = e.getY();
            dragged = true;
        });
        view.addEventFilter(MouseEvent.MOUSE_CLICKED, e -> {
            GraphLayoutModel l = model.layoutProperty().get();
            if (dragged || e.getButton() != MouseButton.PRIMARY || l == null) return;
            Point3 gu = view.getCamera().transformPxToGu(e.getX(), e.getY());
            model.selectedProperty().set(l.nodeAt(gu.x, -gu.y));
        });
    }

    /** Whether {@code l} is past what GraphStream draws at an interactive frame rate. */
    public static boolean isLarge(GraphLayoutModel l) { return l != null && l.nodes().size() > LARGE_GRAPH; }

    /**
     * Builds no scene for {@link #isLarge large} layouts (the owner shows the canvas renderer for
     * them): building one costs seconds on the FX thread and its frames keep costing after.
     */
    public void setSkipLargeGraphs(boolean skip) { skipLargeGraphs = skip; }

    /** Moves the view by (dx, dy) pixels, as a drag would: what the benchmark's panning drives. */
    public void panBy(double dx, double dy) {
        Camera c = view.getCamera();
        double ratio = c.getMetrics().ratioPx2Gu;
        Point3 center = c.getViewCenter();
        c.setViewCenter(center.x - dx / ratio, center.y + dy / ratio, 0);
    }

    /** Runs {@code onFrame} after each frame GraphStream draws (it redraws on its own timer, at most 25 times a second). */
    public void onFrameDrawn(Runnable onFrame) {
        view.setForeLayoutRenderer((g, graph, px2Gu, w, h, minX, minY, maxX, maxY) -> onFrame.run());
    }

    /** Multiplies the visible extent by {@code factor}: below 1 magnifies. */
    public void zoom(double factor) {
        Camera c = view.getCamera();
        c.setViewPercent(Math.max(0.002, Math.min(4, c.getViewPercent() * factor)));
        updateTextSize();
    }

    /** Shows the whole layout. */
    public void fit() {
        view.getCamera().resetView();
        GraphLayoutModel l = model.layoutProperty().get();
        if (l != null) view.getCamera().setViewCenter(l.width() / 2, -l.height() / 2, 0);
        updateTextSize();
    }

    /**
     * A graph that fits readably is fitted; a big one (2,000 nodes would shrink to a hair) opens
     * 1:1 at its inputs, so the first thing seen is legible. Fit shows it all.
     */
    private void showInitially(GraphLayoutModel l) {
        fit();
        if (!openBigGraphsAtInputs || l.nodes().isEmpty() || scale() >= READABLE) return;
        LayoutNode first = l.nodes().get(0);
        setScale(1);
        view.getCamera().setViewCenter(first.centerX(), -(first.y() - 24 + getHeight() / 2), 0);
    }

    /** Side-by-side views (before/after, traced/scripted) compare better fitted: turn 1:1 opening off. */
    public void setOpenBigGraphsAtInputs(boolean v) { openBigGraphsAtInputs = v; }

    /** Centres the view on {@code n} at {@code zoom} pixels per layout unit. */
    public void focus(LayoutNode n, double zoom) {
        if (n == null) return;
        setScale(zoom);
        view.getCamera().setViewCenter(n.centerX(), -n.centerY(), 0);
    }

    /** Search and selection from elsewhere bring an off-screen node into view. */
    private void revealIfHidden(LayoutNode n) {
        javafx.geometry.Bounds b = n == null ? null : drawnBox(n);
        if (b == null || (b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= view.getWidth() && b.getMaxY() <= view.getHeight())) return;
        view.getCamera().setViewCenter(n.centerX(), -n.centerY(), 0);
    }

    private void setScale(double pixelsPerUnit) {
        GraphLayoutModel l = model.layoutProperty().get();
        if (l == null || getWidth() <= 0) return;
        double extent = Math.max(l.width() / getWidth(), l.height() / getHeight());
        view.getCamera().setViewPercent(1 / (extent * pixelsPerUnit));
        updateTextSize();
    }

    /** Where layout point (x, y) is drawn, in screen coordinates (valid once a frame has been drawn). */
    public Point2D toScreen(double x, double y) {
        Point3 px = view.getCamera().transformGuToPx(x, -y, 0);
        return view.localToScreen(px.x, px.y);
    }

    /**
     * The box GraphStream draws for {@code n}, in this view's pixels, worked out from the GraphStream
     * node's own position and size: what tests check for overlaps and click on.
     */
    public javafx.geometry.BoundingBox drawnBox(LayoutNode n) {
        org.graphstream.graph.Node g = drawn.get(n);
        if (g == null) return null;
        Object[] xyz = (Object[]) g.getAttribute("xyz"), size = (Object[]) g.getAttribute("jitscope.size");
        double cx = ((Number) xyz[0]).doubleValue(), cy = ((Number) xyz[1]).doubleValue();
        double hw = ((Number) size[0]).doubleValue() / 2, hh = ((Number) size[1]).doubleValue() / 2;
        Point3 a = view.getCamera().transformGuToPx(cx - hw, cy + hh, 0), b = view.getCamera().transformGuToPx(cx + hw, cy - hh, 0);
        return new javafx.geometry.BoundingBox(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
    }

    /** Number of IR node boxes drawn (frames, blocks, captions and waypoints excluded). */
    public int drawnNodeCount() { return drawn.size(); }

    /** The view GraphStream draws into, for turning {@link #drawnBox} into screen coordinates. */
    public javafx.scene.layout.Pane canvasPane() { return view; }

    public ObservableSet<LayoutNode> marked() { return marked; }

    /** Colours nodes by what a comparison says of them (pass stepper, trace vs script), keyed by IR node; replaces the old marks. */
    public void setMarks(Map<dev.jitscope.ir.Node, NodeMark> newMarks) {
        marks.clear();
        marks.putAll(newMarks);
        restyleAll();
    }

    /** The colour class a drawn node carries now, e.g. "mark-added" (null when unmarked): what the user sees. */
    public NodeMark markOf(LayoutNode n) {
        return n == null || n.irNode() == null || !drawn.containsKey(n) ? null : marks.get(n.irNode());
    }

    public void setDark(boolean dark) {
        palette = dark ? GraphPalette.DARK : GraphPalette.LIGHT;
        applyStyleSheet();
    }

    /** Pixels per layout unit as the view shows it now. */
    public double scale() {
        GraphLayoutModel l = model.layoutProperty().get();
        if (l == null || getWidth() <= 0) return 1;
        double extent = Math.max(l.width() / getWidth(), l.height() / getHeight());
        return 1 / (extent * view.getCamera().getViewPercent());
    }

    /**
     * GraphStream's text sizes are pixels, not graph units: keep labels in proportion to the boxes by
     * restating the text size when the zoom changes, and drop text where it would be unreadable.
     */
    private void updateTextSize() {
        int size = (int) Math.round(12 * Math.min(1.5, scale()));
        if (size < 5) size = 0;
        if (size == textSize) return;
        textSize = size;
        applyStyleSheet();
    }

    private void applyStyleSheet() {
        int t = Math.max(textSize, 0), small = Math.max(t * 3 / 4, 1);
        String textMode = textSize <= 0 ? "hidden" : "normal";
        StringBuilder css = new StringBuilder();
        css.append("graph { fill-color: ").append(hex(palette.background())).append("; padding: 24px; }\n");
        css.append("node { shape: box; size-mode: normal; stroke-mode: plain; stroke-width: 1px; z-index: 4; text-font: monospace; ")
                .append("text-size: ").append(t).append("; text-mode: ").append(textMode).append("; }\n");
        for (NodeCategory c : NodeCategory.values()) {
            css.append("node.").append(c.cssClass()).append(" { fill-color: ").append(hex(palette.fill(c)))
                    .append("; stroke-color: ").append(hex(palette.stroke(c)))
                    .append("; text-color: ").append(hex(palette.text(c))).append("; }\n");
        }
        css.append("node.marked { fill-color: ").append(hex(palette.markedFill())).append("; stroke-color: ")
                .append(hex(palette.markedStroke())).append("; stroke-width: 2px; }\n");
        boolean dark = palette == GraphPalette.DARK;
        for (NodeMark m : NodeMark.values()) {
            css.append("node.").append(m.cssClass()).append(" { fill-color: ").append(hex(m.fill(dark)))
                    .append("; stroke-color: ").append(hex(m.stroke())).append("; stroke-width: 2px; }\n");
        }
        css.append("node.selected { stroke-color: ").append(hex(palette.selection())).append("; stroke-width: 3px; }\n");
        css.append("node.frame { fill-color: ").append(hex(palette.containerFill())).append("; stroke-color: ")
                .append(hex(palette.stroke(NodeCategory.CONTROL_FLOW))).append("; z-index: 0; text-mode: hidden; }\n");
        css.append("node.block { fill-color: ").append(hex(palette.blockFill())).append("; stroke-color: ")
                .append(hex(palette.blockStroke())).append("; z-index: 1; text-mode: hidden; }\n");
        css.append("node.caption { size: 0px; fill-mode: none; stroke-mode: none; z-index: 3; text-size: ").append(small)
                .append("; text-color: ").append(hex(palette.edgeText())).append("; text-background-mode: plain; text-background-color: ")
                .append(hex(palette.background())).append("; }\n");
        css.append("node.waypoint { size: 0px; fill-mode: none; stroke-mode: none; text-mode: hidden; z-index: 2; }\n");
        for (Map.Entry<String, String> size : sizeClasses.entrySet()) {
            css.append("node.").append(size.getValue()).append(" { size: ").append(size.getKey()).append("; }\n");
        }
        css.append("edge { fill-color: ").append(hex(palette.edge())).append("; size: 1px; arrow-size: 0px, 0px; z-index: 2; ")
                .append("text-mode: hidden; }\n");
        css.append("edge.last { arrow-shape: arrow; arrow-size: 7px, 4px; }\n");
        graph.setAttribute("ui.stylesheet", css.toString());
        graph.setAttribute("ui.quality");
        graph.setAttribute("ui.antialias");
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%d)", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255), Math.round(c.getOpacity() * 255));
    }

    /** Replaces GraphStream's default mouse manager, which would let a click drag a box off ELK's layout. */
    private static final class NoMouseManager implements MouseManager {
        @Override public void init(GraphicGraph graph, View view) { }
        @Override public void release() { }
        @Override public EnumSet<InteractiveElement> getManagedTypes() { return EnumSet.noneOf(InteractiveElement.class); }
    }
}
