package dev.jitscope.app.workbench.trace;

import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.trace.diff.DivergenceSite;
import dev.jitscope.trace.diff.InputComparison;
import dev.jitscope.app.workbench.graph.GraphStreamView;
import dev.jitscope.app.workbench.graph.NodeMark;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Trace vs Script: the input sets on top with Run diff / Cancel, the divergence sites on the left,
 * the traced and scripted graphs side by side (what the trace dropped in red, the selected site's
 * nodes in yellow in both), and the per-input comparison underneath with diverging rows flagged.
 */
public final class TraceDiffView extends BorderPane {
    private final TraceDiffModel model;
    private final GraphStreamView tracedView, scriptedView;
    private final TableView<TraceDiffModel.InputSet> setsTable = new TableView<>();

    public TraceDiffView(TraceDiffModel model) {
        this.model = model;
        tracedView = new GraphStreamView(model.tracedGraph());
        scriptedView = new GraphStreamView(model.scriptedGraph());
        tracedView.canvasPane().setId("tracedGraph");
        scriptedView.canvasPane().setId("scriptedGraph");
        tracedView.setOpenBigGraphsAtInputs(false);
        scriptedView.setOpenBigGraphsAtInputs(false);

        setTop(inputBar());
        ListView<DivergenceSite> sites = new ListView<>(model.sites());
        sites.setId("diffSites");
        sites.getStyleClass().add("pass-steps");
        sites.setPlaceholder(new Label("no divergence sites yet"));
        sites.setCellFactory(v -> new ListCell<>() {
            {
                // a long message wraps inside the list instead of widening the cell past it
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override protected void updateItem(DivergenceSite s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : TraceDiffModel.siteRow(s));
            }
        });
        sites.getSelectionModel().selectedItemProperty().addListener((obs, old, s) -> model.selectedSiteProperty().set(s));
        model.selectedSiteProperty().addListener((obs, old, s) -> {
            if (s != sites.getSelectionModel().getSelectedItem()) sites.getSelectionModel().select(s);
            highlightSite();
        });
        model.tracedGraph().layoutProperty().addListener((obs, old, l) -> highlightSite());
        model.scriptedGraph().layoutProperty().addListener((obs, old, l) -> highlightSite());
        model.resultProperty().addListener((obs, old, r) -> scriptedView.setMarks(model.scriptedMarks()));

        SplitPane graphs = new SplitPane(titled("Traced (what torch.jit.trace recorded)", tracedView),
                titled("Scripted (inlined), what the trace dropped in red", scriptedView));
        BorderPane graphsWithLegend = new BorderPane(graphs);
        graphsWithLegend.setBottom(legend());
        SplitPane middle = new SplitPane(titled("Divergence sites", sites), graphsWithLegend);
        middle.setDividerPositions(0.3);

        SplitPane body = new SplitPane(middle, titled("Outputs per input set", comparisonTable()));
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.72);
        setCenter(body);
    }

    public GraphStreamView tracedView() { return tracedView; }
    public GraphStreamView scriptedView() { return scriptedView; }

    private VBox inputBar() {
        Button run = new Button("Run diff");
        run.setId("runDiff");
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelDiff");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        Button add = new Button("Add check set");
        add.setId("addCheckSet");
        add.setOnAction(e -> model.addCheckSet());
        Button remove = new Button("Remove set");
        remove.setOnAction(e -> model.removeSet(setsTable.getSelectionModel().getSelectedItem()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.runningProperty());
        Label status = new Label();
        status.setId("diffStatus");
        status.textProperty().bind(model.statusProperty());
        for (Button b : new Button[] {run, cancel, add, remove}) b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.setMinWidth(0);
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        status.setTooltip(new javafx.scene.control.Tooltip());
        status.getTooltip().textProperty().bind(model.statusProperty());
        HBox bar = new HBox(6, run, cancel, add, remove, progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));

        setsTable.setId("diffInputSets");
        setsTable.setItems(model.sets());
        setsTable.setEditable(true);
        setsTable.setPrefHeight(96);
        setsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        model.inputs().addListener((ListChangeListener<TraceDiffModel.Input>) c -> rebuildInputColumns());
        rebuildInputColumns();
        return new VBox(bar, setsTable);
    }

    /** One editable column per forward input (the model decides how many). */
    private void rebuildInputColumns() {
        setsTable.getColumns().clear();
        TableColumn<TraceDiffModel.InputSet, String> label = new TableColumn<>("input set");
        label.setCellValueFactory(c -> c.getValue().labelProperty());
        label.setEditable(false);
        label.setPrefWidth(90);
        label.setMaxWidth(140);
        setsTable.getColumns().add(label);
        for (int i = 0; i < model.inputs().size(); i++) {
            int index = i;
            TraceDiffModel.Input in = model.inputs().get(i);
            TableColumn<TraceDiffModel.InputSet, String> spec = new TableColumn<>(in.name() + " : " + in.type() + "  (shape, shape + shift, or .npy)");
            spec.setCellValueFactory(c -> c.getValue().specs().get(index));
            spec.setCellFactory(TextFieldTableCell.forTableColumn());
            spec.setEditable(true);
            spec.setPrefWidth(400);
            setsTable.getColumns().add(spec);
        }
    }

    private TableView<InputComparison> comparisonTable() {
        TableView<InputComparison> table = new TableView<>(model.comparisons());
        table.setId("diffInputs");
        table.getStyleClass().add("run-table");
        table.setPlaceholder(new Label("run the diff to compare traced and scripted outputs"));
        table.getColumns().add(column("input set", c -> c.index() == 0 ? "example" : "check " + c.index()));
        table.getColumns().add(column("diverges", c -> c.diverges() ? "⚠ yes" : "no"));
        table.getColumns().add(column("max |traced − scripted|", c -> Double.isNaN(c.maxAbsDiff()) ? "—" : String.format(Locale.ROOT, "%.3g", c.maxAbsDiff())));
        table.getColumns().add(column("flipped sites", c -> c.flippedSites().stream().map(i -> "#" + i).collect(Collectors.joining(" "))));
        TableColumn<InputComparison, String> reason = column("why", c -> c.reason() == null ? "" : c.reason());
        reason.setPrefWidth(520);
        table.getColumns().add(reason);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(InputComparison c, boolean empty) {
                super.updateItem(c, empty);
                getStyleClass().remove("flagged");
                if (!empty && c != null && c.diverges()) getStyleClass().add("flagged");
            }
        });
        return table;
    }

    /** The selected site's nodes in both graphs, marked as the caret line marks nodes in the Graph tab. */
    private void highlightSite() {
        DivergenceSite s = model.selectedSiteProperty().get();
        mark(tracedView, TraceDiffModel.nodesAt(s, model.tracedGraph().layoutProperty().get()));
        mark(scriptedView, TraceDiffModel.nodesAt(s, model.scriptedGraph().layoutProperty().get()));
    }

    private static void mark(GraphStreamView view, java.util.List<GraphLayoutModel.LayoutNode> nodes) {
        view.marked().clear();
        view.marked().addAll(nodes);
    }

    public void setDark(boolean dark) {
        tracedView.setDark(dark);
        scriptedView.setDark(dark);
    }

    private static HBox legend() {
        Label dropped = new Label("dropped by the trace");
        dropped.getStyleClass().addAll("legend", NodeMark.DROPPED.cssClass());
        Label site = new Label("selected site");
        site.getStyleClass().addAll("legend", "marked");
        HBox legend = new HBox(10, dropped, site);
        legend.setPadding(new Insets(2, 4, 2, 4));
        return legend;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(120);
        return c;
    }

    private static BorderPane titled(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        BorderPane pane = new BorderPane(content);
        pane.setTop(label);
        return pane;
    }
}
