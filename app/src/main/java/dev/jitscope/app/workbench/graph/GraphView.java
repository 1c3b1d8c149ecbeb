package dev.jitscope.app.workbench.graph;

import dev.jitscope.app.workbench.graph.GraphLayoutModel.BlockBox;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutEdge;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Draws the view model's ELK layout on a canvas, one layout unit = one pixel at zoom 1, edges along
 * ELK's routes. Drag pans, the wheel zooms about the pointer, a click selects; nothing here computes layout.
 */
public final class GraphView extends BorderPane {
    private static final double MIN_SCALE = 0.02, MAX_SCALE = 4, MARGIN = 24, READABLE = 0.35;

    private final GraphViewModel model;
    private final Canvas canvas = new Canvas();
    private final Pane host = new Pane(canvas);
    /** Nodes marked from elsewhere (the editor's caret line): drawn with a yellow fill. */
    private final ObservableSet<LayoutNode> marked = FXCollections.observableSet();
    private GraphPalette palette = GraphPalette.LIGHT;
    private double scale = 1, tx, ty;
    private double dragX, dragY;
    private boolean dragged;
    private boolean openBigGraphsAtInputs = true;
    private boolean pendingInitialView;
    /** What the toolbar's Fit does: fits whichever renderer {@link #showInstead} put in the centre. */
    private Runnable fitAction = this::fit;

    public GraphView(GraphViewModel model) {
        this.model = model;
        getStyleClass().add("graph-view");
        canvas.setId("graphCanvas");
        canvas.widthProperty().bind(host.widthProperty());
        canvas.heightProperty().bind(host.heightProperty());
        canvas.widthProperty().addListener(o -> sized());
        canvas.heightProperty().addListener(o -> sized());
        host.setMinSize(0, 0);
        installNavigation();
        setTop(searchBar());
        setCenter(host);

        model.layoutProperty().addListener((obs, old, l) -> {
            marked.clear();
            showInitially();
        });
        model.selectedProperty().addListener((obs, old, n) -> redraw());
        marked.addListener((javafx.collections.SetChangeListener<LayoutNode>) c -> redraw());
    }

    private HBox searchBar() {
        TextField search = new TextField();
        search.setId("graphSearch");
        search.setPromptText("Find op kind or %value");
        search.textProperty().bindBidirectional(model.searchTextProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) reveal(e.isShiftDown() ? model.previousHit() : model.nextHit());
        });
        Button previous = new Button("▲");
        previous.setId("searchPrevious");
        previous.setOnAction(e -> reveal(model.previousHit()));
        Button next = new Button("▼");
        next.setId("searchNext");
        next.setOnAction(e -> reveal(model.nextHit()));
        Label hits = new Label();
        hits.setId("searchHits");
        hits.textProperty().bind(model.hitCountProperty().asString("%d matches"));
        Button fit = new Button("Fit");
        fit.setId("graphFit");
        fit.setOnAction(e -> fitAction.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label status = new Label();
        status.setId("graphStatus");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(6, search, previous, next, hits, gap, status, fit);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        bar.getStyleClass().add("graph-toolbar");
        return bar;
    }

    private void installNavigation() {
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) zoomAt(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY());
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            tx += e.getX() - dragX;
            ty += e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            dragged = true;
            redraw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (dragged || e.getButton() != MouseButton.PRIMARY) return;
            GraphLayoutModel l = model.layoutProperty().get();
            if (l == null) return;
            model.selectedProperty().set(l.nodeAt((e.getX() - tx) / scale, (e.getY() - ty) / scale));
        });
    }

    /** Moves the view by (dx, dy) pixels and redraws, as a drag would. */
    public void panBy(double dx, double dy) {
        tx += dx;
        ty += dy;
        redraw();
    }

    /** Zooms by {@code factor} (> 1 magnifies) about the view's centre. */
    public void zoom(double factor) { zoomAt(factor, canvas.getWidth() / 2, canvas.getHeight() / 2); }

    private void zoomAt(double factor, double px, double py) {
        double s = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * factor));
        tx = px - (px - tx) * s / scale;
        ty = py - (py - ty) * s / scale;
        scale = s;
        redraw();
    }

    /** Shows the whole graph, never magnified beyond 1:1 so a small graph keeps its natural size. */
    public void fit() {
        GraphLayoutModel l = model.layoutProperty().get();
        double w = canvas.getWidth(), h = canvas.getHeight();
        if (l == null || w <= 0 || h <= 0) { redraw(); return; }
        scale = Math.max(MIN_SCALE, Math.min(1, Math.min((w - 2 * MARGIN) / l.width(), (h - 2 * MARGIN) / l.height())));
        tx = (w - l.width() * scale) / 2;
        ty = Math.max(MARGIN, (h - l.height() * scale) / 2);
        redraw();
    }

    /**
     * A graph that fits readably is fitted; a big one (2,000 nodes would shrink to a hair) opens
     * 1:1 at its inputs, so the first thing seen is legible. Fit shows it all.
     */
    /**
     * A layout that arrived while the canvas was not showing (the main window swaps it in for large
     * graphs) gets its first view once the canvas has a size.
     */
    private void sized() {
        if (pendingInitialView && canvas.getWidth() > 0 && canvas.getHeight() > 0) showInitially(); else redraw();
    }

    private void showInitially() {
        pendingInitialView = canvas.getWidth() <= 0 || canvas.getHeight() <= 0;
        fit();
        GraphLayoutModel l = model.layoutProperty().get();
        if (!openBigGraphsAtInputs || l == null || l.nodes().isEmpty() || scale >= READABLE) return;
        LayoutNode first = l.nodes().get(0);
        scale = 1;
        tx = canvas.getWidth() / 2 - first.centerX();
        ty = MARGIN - first.y();
        redraw();
    }

    /** Side-by-side views (the pass stepper's before/after) compare better fitted: turn 1:1 opening off. */
    public void setOpenBigGraphsAtInputs(boolean v) { openBigGraphsAtInputs = v; }

    /**
     * Puts another renderer of the same view model (the GraphStream view) where the canvas is,
     * keeping the search bar and status above it; {@code null} brings the canvas back.
     */
    public void showInstead(javafx.scene.Node renderer, Runnable fit) {
        setCenter(renderer == null ? host : renderer);
        fitAction = renderer == null ? this::fit : fit;
    }

    public void setDark(boolean dark) {
        palette = dark ? GraphPalette.DARK : GraphPalette.LIGHT;
        redraw();
    }

    public double scale() { return scale; }

    /** Where layout point (x, y) is drawn, in screen coordinates: lets tests click a node as a user would. */
    public Point2D toScreen(double x, double y) { return canvas.localToScreen(x * scale + tx, y * scale + ty); }

    /** Nodes drawn with the "marked" fill, e.g. those whose source range covers the editor's caret line. */
    public ObservableSet<LayoutNode> marked() { return marked; }

    /** Number of IR node boxes drawn (block frames excluded): what the user counts on screen. */
    public int drawnNodeCount() {
        GraphLayoutModel l = model.layoutProperty().get();
        return l == null ? 0 : l.nodes().size();
    }

    /** Centres the view on {@code n} at {@code zoom} layout-units-to-pixels. */
    public void focus(LayoutNode n, double zoom) {
        if (n == null) return;
        scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, zoom));
        reveal(n);
    }

    private void reveal(LayoutNode n) {
        if (n == null) return;
        tx = canvas.getWidth() / 2 - n.centerX() * scale;
        ty = canvas.getHeight() / 2 - n.centerY() * scale;
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        GraphLayoutModel l = model.layoutProperty().get();
        if (l == null) return;
        g.setTransform(scale, 0, 0, scale, tx, ty);
        // world rectangle on screen, so that a zoomed-in view of a big graph draws only what shows
        double x0 = -tx / scale, y0 = -ty / scale, x1 = x0 + w / scale, y1 = y0 + h / scale;
        boolean text = scale >= READABLE;

        for (LayoutNode n : l.nodes()) {
            if (!n.container() || !visible(n.x(), n.y(), n.width(), n.height(), x0, y0, x1, y1)) continue;
            g.setFill(palette.containerFill());
            g.fillRoundRect(n.x(), n.y(), n.width(), n.height(), 8, 8);
            g.setStroke(palette.stroke(NodeCategory.CONTROL_FLOW));
            g.setLineWidth(1);
            g.setLineDashes(5, 3);
            g.strokeRoundRect(n.x(), n.y(), n.width(), n.height(), 8, 8);
            g.setLineDashes((double[]) null);
        }
        for (BlockBox b : l.blocks()) {
            if (!visible(b.x(), b.y(), b.width(), b.height(), x0, y0, x1, y1)) continue;
            g.setFill(palette.blockFill());
            g.fillRect(b.x(), b.y(), b.width(), b.height());
            g.setStroke(palette.blockStroke());
            g.setLineWidth(1);
            g.strokeRect(b.x(), b.y(), b.width(), b.height());
            if (text) {
                g.setFill(palette.edgeText());
                g.setFont(Font.font("monospace", 9));
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
                g.fillText(b.label(), b.x() + 3, b.y() + 1);
            }
        }
        drawEdges(g, l, text, x0, y0, x1, y1);

        LayoutNode selected = model.selectedProperty().get();
        g.setFont(Font.font("monospace", 12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (LayoutNode n : l.nodes()) {
            double nh = n.container() ? ElkGraphLayout.NODE_HEIGHT : n.height();
            double nw = n.container() ? Math.min(n.width() - 8, n.label().length() * 7.2 + 16) : n.width();
            double nx = n.container() ? n.centerX() - nw / 2 : n.x();
            double ny = n.container() ? n.y() + 2 : n.y();
            if (!visible(nx, ny, nw, nh, x0, y0, x1, y1)) continue;
            g.setFill(marked.contains(n) ? palette.markedFill() : palette.fill(n.category()));
            g.fillRoundRect(nx, ny, nw, nh, 6, 6);
            boolean isSelected = n.equals(selected);
            g.setStroke(isSelected ? palette.selection() : marked.contains(n) ? palette.markedStroke() : palette.stroke(n.category()));
            g.setLineWidth(isSelected ? 3 : marked.contains(n) ? 2 : 1);
            g.strokeRoundRect(nx, ny, nw, nh, 6, 6);
            if (text) {
                g.setFill(palette.text(n.category()));
                g.fillText(n.label(), nx + nw / 2, ny + nh / 2);
            }
        }
    }

    private void drawEdges(GraphicsContext g, GraphLayoutModel l, boolean text, double x0, double y0, double x1, double y1) {
        g.setStroke(palette.edge());
        g.setFill(palette.edge());
        g.setLineWidth(1);
        for (LayoutEdge e : l.edges()) {
            double[] p = e.points();
            if (p.length < 4 || !visible(p, x0, y0, x1, y1)) continue;
            g.beginPath();
            g.moveTo(p[0], p[1]);
            for (int i = 2; i < p.length; i += 2) g.lineTo(p[i], p[i + 1]);
            g.stroke();
            arrowHead(g, p[p.length - 4], p[p.length - 3], p[p.length - 2], p[p.length - 1]);
        }
        if (!text) return;
        // one label per produced value, just under its producer: a value used five times is named once
        g.setFont(Font.font("monospace", 9));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        Set<Object> named = new HashSet<>();
        List<double[]> placed = new ArrayList<>();
        for (LayoutEdge e : l.edges()) {
            double[] p = e.points();
            if (p.length < 4 || !named.add(e.value()) || !visible(p[0], p[1], 1, 1, x0, y0, x1, y1)) continue;
            String label = e.label();
            double lw = label.length() * 5.5, lx = p[0] + 3, ly = p[1] + 1;
            // the inputs box sends several values out side by side: stack their labels instead of overprinting
            for (int tries = 0; tries < 4 && overlapsAny(placed, lx, ly, lw); tries++) ly += 11;
            placed.add(new double[] {lx, ly, lw});
            g.setFill(palette.background());
            g.fillRect(lx, ly, lw, 11);
            g.setFill(palette.edgeText());
            g.fillText(label, lx, ly);
        }
    }

    private static boolean overlapsAny(List<double[]> placed, double x, double y, double w) {
        for (double[] r : placed) if (x < r[0] + r[2] && r[0] < x + w && y < r[1] + 11 && r[1] < y + 11) return true;
        return false;
    }

    private static void arrowHead(GraphicsContext g, double ax, double ay, double bx, double by) {
        double len = Math.hypot(bx - ax, by - ay);
        if (len == 0) return;
        double ux = (bx - ax) / len, uy = (by - ay) / len;
        double size = 7, half = 3.5;
        g.fillPolygon(new double[] {bx, bx - ux * size - uy * half, bx - ux * size + uy * half},
                new double[] {by, by - uy * size + ux * half, by - uy * size - ux * half}, 3);
    }

    private static boolean visible(double x, double y, double w, double h, double x0, double y0, double x1, double y1) {
        return x + w >= x0 && x <= x1 && y + h >= y0 && y <= y1;
    }

    private static boolean visible(double[] p, double x0, double y0, double x1, double y1) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < p.length; i += 2) {
            minX = Math.min(minX, p[i]);
            maxX = Math.max(maxX, p[i]);
            minY = Math.min(minY, p[i + 1]);
            maxY = Math.max(maxY, p[i + 1]);
        }
        return visible(minX, minY, maxX - minX, maxY - minY, x0, y0, x1, y1);
    }
}
