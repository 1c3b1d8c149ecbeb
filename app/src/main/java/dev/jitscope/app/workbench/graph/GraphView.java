package dev.jitscope.app.workbench.graph;

import dev.jitscope.app.workbench.graph.GraphLayoutModel.BlockBox;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutEdge;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.ui.fx_viewer.FxViewPanel;
import org.graphstream.ui.fx_viewer.FxViewer;
import org.graphstream.ui.graphicGraph.GraphicGraph;
import org.graphstream.ui.javafx.FxGraphRenderer;
import org.graphstream.ui.view.View;
import org.graphstream.ui.view.Viewer;
import org.graphstream.ui.view.camera.Camera;
import org.graphstream.ui.view.util.InteractiveElement;
import org.graphstream.ui.view.util.MouseManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * Draws the view model's layout with GraphStream's JavaFX viewer at ELK's positions (GraphStream's
 * own layout stays off). Drag pans, the wheel zooms, a click selects; nothing here computes layout.
 */
public final class GraphView extends BorderPane {
    static {
        System.setProperty("org.graphstream.ui", "javafx");
    }

    private final GraphViewModel model;
    private final MultiGraph graph = new MultiGraph("ir"); // x * x uses one value twice: two parallel edges
    private final FxViewPanel panel;
    private String selectedGsId;
    private double dragX, dragY;
    private boolean dragged;
    private boolean dark;

    public GraphView(GraphViewModel model) {
        this.model = model;
        getStyleClass().add("graph-view");
        graph.setAttribute("ui.stylesheet", stylesheet(false));
        graph.setAttribute("ui.antialias");
        graph.setAttribute("ui.quality");
        FxViewer viewer = new FxViewer(graph, Viewer.ThreadingModel.GRAPH_IN_GUI_THREAD);
        viewer.disableAutoLayout();
        panel = (FxViewPanel) viewer.addDefaultView(false, new FxGraphRenderer());
        panel.setMouseManager(new NoMouseManager());
        panel.setId("graphCanvas");
        installNavigation();
        setTop(searchBar());
        setCenter(panel);

        model.layoutProperty().addListener((obs, old, l) -> show(l));
        model.selectedProperty().addListener((obs, old, n) -> highlight(n));
        if (model.layoutProperty().get() != null) show(model.layoutProperty().get());
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
        fit.setOnAction(e -> fit());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(6, search, previous, next, hits, gap, status, fit);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        bar.getStyleClass().add("graph-toolbar");
        return bar;
    }

    private void installNavigation() {
        panel.addEventHandler(ScrollEvent.SCROLL, e -> zoom(e.getDeltaY() > 0 ? 0.85 : 1 / 0.85));
        panel.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        panel.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            Camera camera = panel.getCamera();
            double ratio = camera.getMetrics().ratioPx2Gu;
            var c = camera.getViewCenter();
            camera.setViewCenter(c.x - (e.getX() - dragX) / ratio, c.y + (e.getY() - dragY) / ratio, 0);
            dragX = e.getX();
            dragY = e.getY();
            dragged = true;
        });
        panel.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (dragged || e.getButton() != MouseButton.PRIMARY) return;
            // GraphStream's own hit test inflates gu-sized boxes and answers a neighbour; ELK's boxes are exact.
            GraphLayoutModel l = model.layoutProperty().get();
            if (l == null) return;
            var gu = panel.getCamera().transformPxToGu(e.getX(), e.getY());
            model.selectedProperty().set(l.nodeAt(gu.x, -gu.y));
        });
    }

    public void zoom(double factor) {
        Camera camera = panel.getCamera();
        camera.setViewPercent(Math.max(0.02, Math.min(4, camera.getViewPercent() * factor)));
    }

    public void fit() { panel.getCamera().resetView(); }

    public void setDark(boolean dark) {
        this.dark = dark;
        graph.setAttribute("ui.stylesheet", stylesheet(dark));
    }

    /** Number of IR nodes drawn (frames of blocks excluded): what the user counts on screen. */
    public int drawnNodeCount() {
        return (int) graph.nodes().filter(n -> !n.getId().startsWith("frame:")).count();
    }

    /** Centres the view on {@code n} at {@code viewPercent} of the whole graph (1 = fit). */
    public void focus(LayoutNode n, double viewPercent) {
        reveal(n);
        panel.getCamera().setViewPercent(viewPercent);
    }

    private void reveal(LayoutNode n) {
        if (n != null) panel.getCamera().setViewCenter(n.centerX(), -n.centerY(), 0);
    }

    private void show(GraphLayoutModel l) {
        graph.clear();
        graph.setAttribute("ui.stylesheet", stylesheet(dark));
        graph.setAttribute("ui.antialias");
        selectedGsId = null;
        if (l == null) return;
        for (BlockBox b : l.blocks()) {
            var frame = graph.addNode("frame:" + b.id());
            frame.setAttribute("ui.class", "block");
            place(frame, b.x(), b.y(), b.width(), b.height());
        }
        for (LayoutNode n : l.nodes()) {
            if (n.container()) {
                var frame = graph.addNode("frame:" + n.id());
                frame.setAttribute("ui.class", "container");
                place(frame, n.x(), n.y(), n.width(), n.height());
                var header = graph.addNode(n.id());
                header.setAttribute("ui.class", n.category().cssClass());
                header.setAttribute("ui.label", n.label());
                double w = Math.min(n.width() - 8, n.label().length() * 7.2 + 16);
                place(header, n.centerX() - w / 2, n.y() + 2, w, ElkGraphLayout.NODE_HEIGHT);
            } else {
                var node = graph.addNode(n.id());
                node.setAttribute("ui.class", n.category().cssClass());
                node.setAttribute("ui.label", n.label());
                place(node, n.x(), n.y(), n.width(), n.height());
            }
        }
        for (LayoutEdge e : l.edges()) {
            var edge = graph.addEdge(e.id(), e.from(), e.to(), true);
            edge.setAttribute("ui.label", e.label());
        }
        fit();
    }

    /** GraphStream places a node by its centre and its y axis points up; ELK gives top-left, y down. */
    private static void place(org.graphstream.graph.Node node, double x, double y, double w, double h) {
        node.setAttribute("xyz", x + w / 2, -(y + h / 2), 0);
        node.setAttribute("ui.style", String.format(java.util.Locale.ROOT, "size: %dgu, %dgu;", Math.round(w), Math.round(h)));
    }

    private void highlight(LayoutNode n) {
        if (selectedGsId != null && graph.getNode(selectedGsId) != null) graph.getNode(selectedGsId).removeAttribute("ui.selected");
        selectedGsId = n == null ? null : n.id();
        if (selectedGsId != null && graph.getNode(selectedGsId) != null) graph.getNode(selectedGsId).setAttribute("ui.selected");
    }

    private static String stylesheet(boolean dark) {
        String name = dark ? "graph-dark.gss" : "graph-light.gss";
        try (InputStream in = GraphView.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces GraphStream's default manager, which would drag nodes away from ELK's positions. */
    private static final class NoMouseManager implements MouseManager {
        @Override public void init(GraphicGraph graph, View view) { }
        @Override public void release() { }
        @Override public EnumSet<InteractiveElement> getManagedTypes() { return EnumSet.noneOf(InteractiveElement.class); }
    }
}
