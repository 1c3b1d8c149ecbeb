package dev.jitscope.app.workbench.shell;

import dev.jitscope.app.workbench.graph.GraphViewModel;
import dev.jitscope.diag.JitScopeException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.Executor;

/** The whole window's state: the module being edited, its compile state and problems, the graph screen. */
public final class WorkbenchViewModel {
    private final GraphViewModel graph;
    private final ObjectProperty<SampleModule> module = new SimpleObjectProperty<>();
    private final StringProperty compileState = new SimpleStringProperty("not compiled");
    private final StringProperty device = new SimpleStringProperty("CPU");
    private final ObservableList<String> problems = FXCollections.observableArrayList();

    public WorkbenchViewModel(Executor background) {
        this.graph = new GraphViewModel(background);
        module.addListener((obs, old, m) -> graph.graphProperty().set(m == null ? null : m.forward()));
    }

    public GraphViewModel graph() { return graph; }
    public ObjectProperty<SampleModule> moduleProperty() { return module; }
    public StringProperty compileStateProperty() { return compileState; }
    public StringProperty deviceProperty() { return device; }
    public ObservableList<String> problems() { return problems; }

    public void openSample() {
        try {
            show(SampleModule.controlFlowModel());
        } catch (JitScopeException e) {
            fail(e);
        }
    }

    /** Compiles the editor's text; a user mistake lands in Problems, never as a stack trace. */
    public void compile(String text) {
        SampleModule current = module.get();
        if (current == null) return;
        try {
            show(current.recompile(text));
        } catch (JitScopeException e) {
            fail(e);
        }
    }

    private void show(SampleModule m) {
        problems.clear();
        module.set(m);
        compileState.set("compiled " + m.className() + ".forward (" + m.forward().block().allNodes().size() + " nodes)");
    }

    private void fail(JitScopeException e) {
        problems.setAll(e.render());
        compileState.set("compile error");
    }
}
