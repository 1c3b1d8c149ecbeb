package dev.jitscope.app.workbench.shell;

import dev.jitscope.app.workbench.editor.LexerHighlighter;
import dev.jitscope.app.workbench.editor.SourceEditor;
import dev.jitscope.app.workbench.graph.GraphStreamView;
import dev.jitscope.app.workbench.graph.GraphView;
import dev.jitscope.app.workbench.graph.NodeProperties;
import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.app.workbench.passes.PassStepperView;
import dev.jitscope.app.workbench.run.RunView;
import dev.jitscope.app.workbench.trace.TraceDiffView;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Tensor;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.control.StatusBar;

import java.util.List;

/** The workbench window: menus and toolbar on top, module tree | tabs | properties, editor and problems below. */
public final class MainWindow {
    private final WorkbenchViewModel model;
    private final WindowState state;
    private final BorderPane root = new BorderPane();
    private final GraphView graphView;
    /** GraphStream renderer of the same graph, made on first use (View ▸ GraphStream renderer). */
    private GraphStreamView graphStreamView;
    private boolean preferGraphStream = true;
    private boolean darkTheme;
    private final SourceEditor editor = new SourceEditor(new LexerHighlighter());
    private final PropertySheet properties = new PropertySheet();
    private final TreeView<String> moduleTree = new TreeView<>();
    private final PassStepperView passView;
    private final RunView runView;
    private final TraceDiffView traceView;
    private final TabPane tabs = new TabPane();
    private final SplitPane columns = new SplitPane();
    private final SplitPane rows = new SplitPane();
    private final Scene scene;
    private Stage stage;

    public MainWindow(WorkbenchViewModel model, WindowState state) {
        this.model = model;
        this.state = state;
        this.graphView = new GraphView(model.graph());
        this.passView = new PassStepperView(model.passes());
        this.runView = new RunView(model.run());
        this.traceView = new TraceDiffView(model.traceDiff());
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(body());
        root.setBottom(statusBar());
        scene = new Scene(root, 1500, 940);
        scene.getStylesheets().add(MainWindow.class.getResource("base.css").toExternalForm());
        setTheme(false);
        bind();
        useGraphStream(true);
        model.graph().layoutProperty().addListener((obs, old, l) -> {
            if (preferGraphStream && GraphStreamView.isLarge(l) != GraphStreamView.isLarge(old)) useGraphStream(true);
        });
    }

    public Scene scene() { return scene; }
    public GraphView graphView() { return graphView; }

    /** The GraphStream renderer, or null while the canvas one shows. */
    public GraphStreamView graphStreamView() { return graphView.getCenter() == graphStreamView ? graphStreamView : null; }

    /**
     * Switches the Graph tab between the canvas renderer and GraphStream's viewer; both draw ELK's
     * layout. GraphStream is the user's choice for graphs up to {@link GraphStreamView#LARGE_GRAPH}
     * nodes; larger ones always show on the canvas, which draws only what is on screen.
     */
    public void useGraphStream(boolean on) {
        preferGraphStream = on;
        on = on && !GraphStreamView.isLarge(model.graph().layoutProperty().get());
        if (on && graphStreamView == null) {
            graphStreamView = new GraphStreamView(model.graph());
            graphStreamView.setSkipLargeGraphs(true);
            graphStreamView.setDark(darkTheme);
            graphView.marked().addListener((javafx.collections.SetChangeListener<GraphLayoutModel.LayoutNode>) c -> {
                if (c.wasAdded()) graphStreamView.marked().add(c.getElementAdded());
                if (c.wasRemoved()) graphStreamView.marked().remove(c.getElementRemoved());
            });
        }
        graphView.showInstead(on ? graphStreamView : null, on ? graphStreamView::fit : null);
        if (on) graphStreamView.fit();
    }

    /** Centres the graph on {@code n} at {@code zoom} pixels per layout unit, in whichever renderer shows. */
    public void focusGraph(GraphLayoutModel.LayoutNode n, double zoom) {
        if (graphStreamView() != null) graphStreamView.focus(n, zoom); else graphView.focus(n, zoom);
    }

    private void fitGraph() {
        if (graphStreamView() != null) graphStreamView.fit(); else graphView.fit();
    }

    private void zoomGraph(double factor) {
        if (graphStreamView() != null) graphStreamView.zoom(factor); else graphView.zoom(1 / factor);
    }
    public SourceEditor editor() { return editor; }
    public PassStepperView passView() { return passView; }
    public TraceDiffView traceView() { return traceView; }
    public TabPane tabs() { return tabs; }
    public TreeItem<String> moduleTreeRoot() { return moduleTree.getRoot(); }

    public void show(Stage stage) {
        this.stage = stage;
        stage.setTitle("JitScope");
        stage.setScene(scene);
        state.restore(stage);
        stage.setOnHidden(e -> {
            state.save(stage);
            state.save("columns", columns);
            state.save("rows", rows);
        });
        stage.show();
        state.restore("columns", columns);
        state.restore("rows", rows);
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open…", "Shortcut+O", this::openFile);
        Menu recent = new Menu("Recent");
        recent.getItems().add(item("ControlFlowModel (sample)", null, model::openSample));
        MenuItem export = item("Export archive…", "Shortcut+E", this::exportArchive);
        export.setId("exportArchive");
        export.disableProperty().bind(model.moduleProperty().isNull());
        MenuItem quit = item("Quit", "Shortcut+Q", Platform::exit);
        Menu file = new Menu("File", null, open, recent, export, new SeparatorMenuItem(), quit);

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        light.setToggleGroup(themes);
        light.setSelected(true);
        light.setOnAction(e -> setTheme(false));
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        dark.setId("darkTheme");
        dark.setToggleGroup(themes);
        dark.setOnAction(e -> setTheme(true));
        CheckMenuItem graphStream = new CheckMenuItem("GraphStream renderer");
        graphStream.setId("graphStreamToggle");
        graphStream.setSelected(true);
        graphStream.setOnAction(e -> useGraphStream(graphStream.isSelected()));
        Menu view = new Menu("View", null, item("Fit", "Shortcut+0", this::fitGraph),
                item("Zoom In", "Shortcut+PLUS", () -> zoomGraph(0.8)),
                item("Zoom Out", "Shortcut+MINUS", () -> zoomGraph(1.25)), new SeparatorMenuItem(), graphStream,
                new SeparatorMenuItem(), light, dark);
        Menu run = new Menu("Run", null, item("Compile", "F5", () -> model.compile(editor.getText())),
                item("Run forward", "F6", () -> { tabs.getSelectionModel().select(2); model.run().run(); }),
                item("Run pass pipeline", "F7", () -> { tabs.getSelectionModel().select(1); model.passes().run(); }),
                item("Trace vs script diff", "F8", () -> { tabs.getSelectionModel().select(3); model.traceDiff().run(); }),
                item("Cancel diff", "Shortcut+PERIOD", model.traceDiff()::cancel));
        Menu help = new Menu("Help", null, item("About JitScope", null, () -> { }));
        return new MenuBar(file, view, run, help);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        Button open = new Button("Open");
        open.setOnAction(e -> openFile());
        Button compile = new Button("Compile");
        compile.setId("compileButton");
        compile.setOnAction(e -> model.compile(editor.getText()));
        Button export = new Button("Export");
        export.setId("exportButton");
        export.setOnAction(e -> exportArchive());
        export.disableProperty().bind(model.moduleProperty().isNull());
        Button fit = new Button("Fit graph");
        fit.setOnAction(e -> fitGraph());
        CheckBox inlined = new CheckBox("Inlined");
        inlined.setId("inlinedToggle");
        inlined.selectedProperty().bindBidirectional(model.inlinedProperty());
        return new ToolBar(open, compile, export, fit, inlined);
    }

    private SplitPane body() {
        moduleTree.setId("moduleTree");
        properties.setId("nodeProperties");
        properties.setModeSwitcherVisible(false);
        properties.setSearchBoxVisible(false);
        properties.setMode(PropertySheet.Mode.CATEGORY);
        properties.setCategoryComparator(NodeProperties.CATEGORY_ORDER);

        tabs.getTabs().setAll(new Tab("Graph", graphView), new Tab("Passes", passView), new Tab("Run", runView),
                new Tab("Trace vs Script", traceView));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("centreTabs");

        columns.getItems().addAll(titled("Module", moduleTree), tabs, titled("Node", properties));
        columns.setDividerPositions(0.16, 0.78);

        ListView<WorkbenchViewModel.Problem> problems = new ListView<>(model.problems());
        problems.getSelectionModel().selectedItemProperty().addListener((obs, old, p) -> { if (p != null) editor.reveal(p.range()); });
        problems.setId("problems");
        problems.getStyleClass().add("problems-list");
        SplitPane bottom = new SplitPane(titled("Source", editor), titled("Problems", problems));
        bottom.setDividerPositions(0.68);
        rows.setOrientation(Orientation.VERTICAL);
        rows.getItems().addAll(columns, bottom);
        rows.setDividerPositions(0.66);
        return rows;
    }

    private static BorderPane titled(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        BorderPane pane = new BorderPane(content);
        pane.setTop(label);
        return pane;
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("statusBar");
        bar.textProperty().bind(javafx.beans.binding.Bindings.when(model.activityProperty().isEmpty())
                .then(model.compileStateProperty()).otherwise(model.activityProperty()));
        bar.progressProperty().bind(model.progressProperty());
        Label device = new Label();
        device.textProperty().bind(model.deviceProperty().concat(" "));
        bar.getRightItems().add(device);
        return bar;
    }

    private void bind() {
        // a divergence site clicked: the editor shows its source (the graphs mark its nodes themselves)
        model.traceDiff().selectedSiteProperty().addListener((obs, old, s) -> { if (s != null && s.range() != null) editor.reveal(s.range()); });
        model.finishedProperty().addListener((obs, old, text) -> notifyFinished(text));
        model.traceDiff().runningProperty().addListener((obs, was, now) -> {
            if (was && !now) notifyFinished(model.traceDiff().statusProperty().get());
        });
        model.moduleProperty().addListener((obs, old, m) -> {
            if (m == null) return;
            if (!m.source().text().equals(editor.getText())) editor.setText(m.source().text());
            moduleTree.setRoot(m.instance() != null ? tree(m.instance(), m.type().simpleName())
                    : m.type() != null ? tree(m.type()) : new TreeItem<>(m.title() + "()"));
            moduleTree.getRoot().setExpanded(true);
            if (stage != null) stage.setTitle("JitScope — " + m.title());
        });
        model.problems().addListener((javafx.collections.ListChangeListener<WorkbenchViewModel.Problem>) c ->
                editor.showProblem(model.problems().isEmpty() ? null : model.problems().get(0).range()));
        editor.setOnPause(() -> model.compileIfChanged(editor.getText()));
        // the caret's line marks the nodes built from it
        editor.area().currentParagraphProperty().addListener((obs, old, p) -> markCaretLine());
        model.graph().layoutProperty().addListener((obs, old, l) -> markCaretLine());
        model.graph().selectedProperty().addListener((obs, old, n) -> {
            properties.getItems().setAll(n == null || n.irNode() == null ? List.of() : NodeProperties.of(n.irNode()));
            if (n != null && n.irNode() != null) editor.reveal(n.irNode().range());
        });
    }

    private void markCaretLine() {
        GraphLayoutModel l = model.graph().layoutProperty().get();
        if (l == null) return;
        int line = editor.caretLine();
        String text = editor.getText();
        graphView.marked().clear();
        for (GraphLayoutModel.LayoutNode n : l.nodes()) {
            var r = n.irNode() == null ? null : n.irNode().range();
            if (r != null && r.line() == line && r.source().text().equals(text)) graphView.marked().add(n);
        }
    }

    /** An archive's instance: submodules, then parameters and buffers with dtype and shape. */
    private static TreeItem<String> tree(ScriptObject module, String name) {
        TreeItem<String> root = new TreeItem<>(name + " : " + module.type().simpleName());
        ClassType type = module.type();
        for (int i = 0; i < type.attributes().size(); i++) {
            ClassType.Attribute a = type.attributes().get(i);
            Object v = module.slot(i);
            if (v instanceof ScriptObject child && child.type().isModule()) {
                root.getChildren().add(tree(child, a.name()));
            } else {
                String kind = switch (a.kind()) { case PARAMETER -> " (parameter)"; case BUFFER -> " (buffer)"; default -> ""; };
                String value = v instanceof Tensor t ? t.dtype().storageName + java.util.Arrays.toString(t.shape())
                        : v == null ? "None" : a.type().annotation() + " = " + v;
                root.getChildren().add(new TreeItem<>(a.name() + kind + " : " + value));
            }
        }
        for (String method : type.methods().keySet()) root.getChildren().add(new TreeItem<>(method + "()"));
        return root;
    }

    private static TreeItem<String> tree(ClassType type) {
        TreeItem<String> root = new TreeItem<>(type.simpleName());
        for (ClassType.Attribute a : type.attributes()) {
            TreeItem<String> item = new TreeItem<>(a.name() + " : " + a.type().annotation());
            if (a.type() instanceof ClassType sub) item.getChildren().setAll(tree(sub).getChildren());
            root.getChildren().add(item);
        }
        for (String method : type.methods().keySet()) root.getChildren().add(new TreeItem<>(method + "()"));
        return root;
    }

    /** Lets the screenshot tour switch themes as the View menu does. */
    void setThemeForTour(boolean dark) { setTheme(dark); }

    private void setTheme(boolean dark) {
        String light = MainWindow.class.getResource("light.css").toExternalForm();
        String darkSheet = MainWindow.class.getResource("dark.css").toExternalForm();
        scene.getStylesheets().removeAll(light, darkSheet);
        scene.getStylesheets().add(dark ? darkSheet : light);
        darkTheme = dark;
        graphView.setDark(dark);
        if (graphStreamView != null) graphStreamView.setDark(dark);
        passView.setDark(dark);
        traceView.setDark(dark);
    }

    /** Where File → Export writes: a save dialog, or what a test supplies instead (the dialog is native). */
    public void setExportChooser(java.util.function.Function<String, java.nio.file.Path> chooser) { exportChooser = chooser; }

    private java.util.function.Function<String, java.nio.file.Path> exportChooser = this::chooseExportFile;

    private java.nio.file.Path chooseExportFile(String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export archive");
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("torch.jit.save archive", "*.pt"));
        var file = chooser.showSaveDialog(stage);
        return file == null ? null : file.toPath();
    }

    private void exportArchive() {
        OpenedModel m = model.moduleProperty().get();
        if (m == null) return;
        String name = m.title().endsWith(".pt") ? m.title().replace(".pt", "-export.pt") : m.className() + ".pt";
        java.nio.file.Path out = exportChooser.apply(name);
        if (out != null) model.export(out);
    }

    /** A finished long task pops a ControlsFX notification over the window's corner. */
    private void notifyFinished(String text) {
        if (text == null || stage == null || !stage.isShowing()) return;
        org.controlsfx.control.Notifications.create().owner(stage).title("JitScope").text(text)
                .hideAfter(javafx.util.Duration.seconds(4)).showInformation();
    }

    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("TorchScript archive or source", "*.pt", "*.py"),
                new FileChooser.ExtensionFilter("torch.jit.save archive", "*.pt"),
                new FileChooser.ExtensionFilter("TorchScript source", "*.py"));
        var file = chooser.showOpenDialog(stage);
        if (file != null) model.open(file.toPath());
    }
}
