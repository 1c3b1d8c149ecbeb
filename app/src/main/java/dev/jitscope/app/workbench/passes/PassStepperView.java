package dev.jitscope.app.workbench.passes;

import dev.jitscope.app.workbench.graph.GraphView;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * Pipeline list on the left (changed passes marked ●), the graph before and after the selected
 * pass side by side, and the printed IR's line diff underneath.
 */
public final class PassStepperView extends BorderPane {
    private final PassStepperModel model;
    private final ListView<TextDiff.Line> diff = new ListView<>();
    private final GraphView beforeView, afterView;

    public PassStepperView(PassStepperModel model) {
        this.model = model;
        beforeView = new GraphView(model.beforeGraph());
        afterView = new GraphView(model.afterGraph());
        // one search bar in the window: the Graph tab's (its ids must stay unique for lookups)
        beforeView.setTop(null);
        afterView.setTop(null);
        beforeView.setOpenBigGraphsAtInputs(false);
        afterView.setOpenBigGraphsAtInputs(false);
        beforeView.lookup("#graphCanvas").setId("beforeCanvas");
        afterView.lookup("#graphCanvas").setId("afterCanvas");

        ComboBox<String> pipeline = new ComboBox<>();
        pipeline.setId("pipelineSpec");
        pipeline.setEditable(true);
        pipeline.getItems().addAll("default", "inference");
        pipeline.getItems().addAll(model.passNames());
        pipeline.valueProperty().bindBidirectional(model.pipelineProperty());
        Button run = new Button("Run pipeline");
        run.setId("runPipeline");
        run.setOnAction(e -> model.run());
        Label status = new Label();
        status.setId("passStatus");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(6, new Label("Pipeline"), pipeline, run, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        setTop(bar);

        ListView<PassStepperModel.Step> steps = new ListView<>(model.steps());
        steps.setId("passSteps");
        steps.getStyleClass().add("pass-steps");
        steps.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(PassStepperModel.Step s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.toString());
                getStyleClass().removeAll("pass-changed", "pass-unchanged");
                if (!empty && s != null) getStyleClass().add(s.result().changed() ? "pass-changed" : "pass-unchanged");
            }
        });
        steps.getSelectionModel().selectedItemProperty().addListener((obs, old, s) -> { if (s != null) model.selectedProperty().set(s); });
        model.selectedProperty().addListener((obs, old, s) -> {
            if (s != null && steps.getSelectionModel().getSelectedItem() != s) steps.getSelectionModel().select(s);
            diff.getItems().setAll(model.diff());
        });

        model.afterGraph().layoutProperty().addListener((obs, old, l) -> {
            if (l == null) return;
            var fresh = model.newNodes();
            afterView.marked().clear();
            l.nodes().stream().filter(n -> n.irNode() != null && fresh.contains(n.irNode())).forEach(afterView.marked()::add);
        });

        diff.setId("irDiff");
        diff.getStyleClass().add("ir-diff");
        diff.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(TextDiff.Line l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : l.toString());
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (!empty && l != null && l.kind() != TextDiff.Kind.SAME)
                    getStyleClass().add(l.kind() == TextDiff.Kind.ADDED ? "diff-added" : "diff-removed");
            }
        });

        SplitPane graphs = new SplitPane(titled("Before", beforeView), titled("After", afterView));
        SplitPane right = new SplitPane(graphs, diff);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.6);
        SplitPane body = new SplitPane(steps, right);
        body.setDividerPositions(0.42);
        setCenter(body);
    }

    public GraphView beforeView() { return beforeView; }
    public GraphView afterView() { return afterView; }

    public void setDark(boolean dark) {
        beforeView.setDark(dark);
        afterView.setDark(dark);
    }

    private static BorderPane titled(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        BorderPane pane = new BorderPane(content);
        pane.setTop(label);
        return pane;
    }
}
