package dev.jitscope.app.workbench.run;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

import java.util.Locale;
import java.util.function.Function;

/** Inputs table (editable shape or .npy path), Run, outputs table, and time per operator kind. */
public final class RunView extends BorderPane {

    public RunView(RunModel model) {
        Button run = new Button("Run forward");
        run.setId("runForward");
        run.setOnAction(e -> model.run());
        Label status = new Label();
        status.setId("runStatus");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(8, run, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        setTop(bar);

        TableView<RunModel.InputRow> inputs = new TableView<>(model.inputs());
        inputs.setId("runInputs");
        inputs.setEditable(true);
        inputs.getColumns().add(column("input", RunModel.InputRow::name));
        inputs.getColumns().add(column("type", RunModel.InputRow::type));
        TableColumn<RunModel.InputRow, String> spec = new TableColumn<>("shape or .npy path");
        spec.setCellValueFactory(c -> c.getValue().specProperty());
        spec.setCellFactory(TextFieldTableCell.forTableColumn());
        spec.setEditable(true);
        spec.setPrefWidth(260);
        inputs.getColumns().add(spec);

        TableView<RunModel.OutputRow> outputs = new TableView<>(model.outputs());
        outputs.setId("runOutputs");
        outputs.getStyleClass().add("run-table");
        outputs.getColumns().add(column("output", RunModel.OutputRow::index));
        outputs.getColumns().add(column("type", RunModel.OutputRow::type));
        outputs.getColumns().add(column("shape", RunModel.OutputRow::shape));
        TableColumn<RunModel.OutputRow, String> values = column("first values", RunModel.OutputRow::values);
        values.setPrefWidth(420);
        outputs.getColumns().add(values);
        outputs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        inputs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);

        TableView<RunModel.NodeTiming> timings = new TableView<>(model.timings());
        timings.setId("runTimings");
        timings.getStyleClass().add("run-table");
        timings.getColumns().add(column("operator", RunModel.NodeTiming::kind));
        timings.getColumns().add(column("calls", t -> Integer.toString(t.calls())));
        timings.getColumns().add(column("ms", t -> String.format(Locale.ROOT, "%.3f", t.ms())));
        timings.getColumns().add(column("output shape", RunModel.NodeTiming::lastShape));
        timings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);

        SplitPane left = new SplitPane(inputs, outputs);
        left.setOrientation(Orientation.VERTICAL);
        SplitPane body = new SplitPane(left, timings);
        body.setDividerPositions(0.58);
        setCenter(body);
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(120);
        return c;
    }
}
