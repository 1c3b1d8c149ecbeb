package dev.jitscope.app.workbench.passes;

import dev.jitscope.app.workbench.graph.GraphStreamView;
import dev.jitscope.app.workbench.graph.NodeMark;
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
    private final GraphStreamView beforeView, afterView;
    private final Label beforeTitle = new Label("Before"), afterTitle = new Label("After");
    private final Label legendAdded = new Label("added"), legendRemoved = new Label("removed"), legendRewired = new Label("rewired");

    public PassStepperView(PassStepperModel model) {
        this.model = model;
        // the main graph's renderer (ELK layout drawn by GraphStream), smaller, with the diff's colours over it
        beforeView = new GraphStreamView(model.beforeGraph());
        afterView = new GraphStreamView(model.afterGraph());
        beforeView.canvasPane().setId("beforeGraph");
        afterView.canvasPane().setId("afterGraph");
        beforeView.setOpenBigGraphsAtInputs(false);
        afterView.setOpenBigGraphsAtInputs(false);

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

        model.selectedProperty().addListener((obs, old, s) -> {
            beforeView.setMarks(model.beforeMarks());
            afterView.setMarks(model.afterMarks());
            beforeTitle.setText(s == null ? "Before" : "Before " + s.result().name() + " (" + s.result().nodesBefore() + " nodes)");
            afterTitle.setText(s == null ? "After" : "After " + s.result().name() + " (" + s.result().nodesAfter() + " nodes)");
            var d = s == null ? null : s.result().diff();
            legendAdded.setText(d == null ? "added" : d.added().size() + " added");
            legendRemoved.setText(d == null ? "removed" : d.removed().size() + " removed");
            legendRewired.setText(d == null ? "rewired" : d.rewired().size() + " rewired");
        });
        beforeTitle.setId("beforeTitle");
        afterTitle.setId("afterTitle");

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

        SplitPane graphs = new SplitPane(titled(beforeTitle, beforeView), titled(afterTitle, afterView));
        BorderPane graphsWithLegend = new BorderPane(graphs);
        graphsWithLegend.setBottom(legend());
        SplitPane right = new SplitPane(graphsWithLegend, diff);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.6);
        SplitPane body = new SplitPane(steps, right);
        body.setDividerPositions(0.3);
        setCenter(body);
    }

    public GraphStreamView beforeView() { return beforeView; }
    public GraphStreamView afterView() { return afterView; }

    public void setDark(boolean dark) {
        beforeView.setDark(dark);
        afterView.setDark(dark);
    }

    /** What the colours mean, in the colours themselves, with the selected pass's counts. */
    private HBox legend() {
        HBox legend = new HBox(10);
        legend.setId("passLegend");
        legend.setPadding(new Insets(2, 4, 2, 4));
        legendAdded.getStyleClass().addAll("legend", NodeMark.ADDED.cssClass());
        legendRemoved.getStyleClass().addAll("legend", NodeMark.REMOVED.cssClass());
        legendRewired.getStyleClass().addAll("legend", NodeMark.REWIRED.cssClass());
        legend.getChildren().addAll(legendAdded, legendRemoved, legendRewired);
        return legend;
    }

    private static BorderPane titled(Label label, javafx.scene.Node content) {
        label.getStyleClass().add("pane-title");
        BorderPane pane = new BorderPane(content);
        pane.setTop(label);
        return pane;
    }
}
