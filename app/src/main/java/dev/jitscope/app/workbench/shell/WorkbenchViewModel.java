package dev.jitscope.app.workbench.shell;

import dev.jitscope.app.workbench.graph.GraphViewModel;
import dev.jitscope.app.workbench.passes.PassStepperModel;
import dev.jitscope.app.workbench.run.RunModel;
import dev.jitscope.app.workbench.trace.TraceDiffEngine;
import dev.jitscope.app.workbench.trace.TraceDiffModel;
import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.transform.Inliner;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.concurrent.Task;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The whole window's state: the model open, its compile state and problems, the graph, passes and run screens. */
public final class WorkbenchViewModel {
    /** One entry of the Problems panel: the rendered diagnostic and, when known, where it points. */
    public record Problem(String text, SourceRange range) {
        @Override public String toString() { return text; }
    }

    private final GraphViewModel graph;
    private final PassStepperModel passes;
    private final RunModel run;
    private final TraceDiffModel traceDiff;
    private final ObjectProperty<OpenedModel> module = new SimpleObjectProperty<>();
    private final BooleanProperty inlined = new SimpleBooleanProperty();
    private final StringProperty compileState = new SimpleStringProperty("not compiled");
    private final StringProperty device = new SimpleStringProperty("CPU");
    /** The long task under way or last finished (export…), shown in the status bar instead of the compile state. */
    private final StringProperty activity = new SimpleStringProperty("");
    /** -1 while a long task runs (indeterminate), 0 otherwise: the status bar's progress. */
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    /** Set once per finished long task: the window shows it as a notification. */
    private final StringProperty finished = new SimpleStringProperty();
    private final Executor background, compileExecutor, fx;
    /** Number of the latest open/compile request: older results arriving late are dropped. */
    private long requests;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private String lastAttempt;

    /** Layout, export and passes on {@code background}; compiling on a thread of its own; results on the FX thread. */
    public WorkbenchViewModel(Executor background) {
        this(background, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "workbench-compile");
            t.setDaemon(true);
            return t;
        }), Platform::runLater);
    }

    /** @param fx where results are shown: the FX thread, or the caller's thread in tests without a toolkit */
    public WorkbenchViewModel(Executor background, Executor compileExecutor, Executor fx) {
        this.background = background;
        this.compileExecutor = compileExecutor;
        this.fx = fx;
        this.graph = new GraphViewModel(background);
        this.passes = new PassStepperModel(background);
        this.run = new RunModel(background);
        this.traceDiff = new TraceDiffModel(background, TraceDiffEngine.standard());
        module.addListener((obs, old, m) -> showGraph());
        inlined.addListener((obs, old, v) -> showGraph());
    }

    public GraphViewModel graph() { return graph; }
    public PassStepperModel passes() { return passes; }
    public RunModel run() { return run; }
    public TraceDiffModel traceDiff() { return traceDiff; }
    public ObjectProperty<OpenedModel> moduleProperty() { return module; }
    /** Show the forward graph with every call inlined, as PyTorch's {@code inlined_graph}. */
    public BooleanProperty inlinedProperty() { return inlined; }
    public StringProperty compileStateProperty() { return compileState; }
    public StringProperty deviceProperty() { return device; }
    public ObservableList<Problem> problems() { return problems; }
    public StringProperty activityProperty() { return activity; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty finishedProperty() { return finished; }

    /**
     * File → Export archive: writes the open model to {@code out} off the FX thread. Progress and
     * the outcome (or the diagnostic) go to {@link #activityProperty()}, never to a dialog.
     */
    public void export(Path out) {
        OpenedModel m = module.get();
        if (m == null) return;
        activity.set("exporting " + m.title() + " to " + out + "…");
        progress.set(-1);
        Task<Long> task = new Task<>() {
            @Override protected Long call() throws Exception {
                ArchiveExport.write(m, out);
                return Files.size(out);
            }
        };
        task.setOnSucceeded(e -> {
            progress.set(0);
            activity.set(String.format(Locale.ROOT, "exported %s to %s (%.1f KB)", m.title(), out, task.getValue() / 1024.0));
            announce(activity.get());
        });
        task.setOnFailed(e -> {
            progress.set(0);
            Throwable t = task.getException();
            activity.set("export failed: " + (t instanceof JitScopeException j ? j.getMessage() : String.valueOf(t)));
            announce(activity.get());
        });
        background.execute(task);
    }

    private void showGraph() {
        OpenedModel m = module.get();
        Graph g = m == null ? null : inlined.get() ? Inliner.inline(m.forward()) : m.forward();
        graph.graphProperty().set(g);
        passes.setModel(m);
        run.setModel(m);
        traceDiff.setModel(m);
    }

    public void openSample() {
        build("opening the sample", OpenedModel::controlFlowModel, null);
    }

    /** File → Open: a {@code .pt} archive or a {@code .py} source, chosen by extension. */
    public void open(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        build("opening " + file.getFileName(), () -> name.endsWith(".py") ? OpenedModel.fromSource(file) : OpenedModel.fromArchive(file), null);
    }

    /** Compiles the editor's text; a user mistake lands in Problems, never as a stack trace. */
    public void compile(String text) {
        OpenedModel current = module.get();
        if (current == null) return;
        lastAttempt = text;
        build("compiling", () -> current.recompile(text), text);
    }

    /**
     * Builds a model off the FX thread (loading an archive, running __init__ and scripting take
     * longer than a frame) and shows it, or its diagnostic, back on the FX thread. Only the latest
     * request counts: a slower earlier one finishing later is dropped.
     */
    private void build(String what, java.util.function.Supplier<OpenedModel> builder, String attempt) {
        long ticket = ++requests;
        compileState.set(what + "…");
        CompletableFuture.supplyAsync(builder, compileExecutor).whenComplete((m, error) -> fx.execute(() -> {
            if (ticket != requests) return;
            Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            if (cause == null) show(m);
            else if (cause instanceof JitScopeException e) fail(e);
            else fail(new JitScopeException("internal error while " + what + ": " + cause, attempt == null ? what : "editor"));
        }));
    }

    /**
     * Compiles {@code text} unless it is what was compiled last (successfully or not): the editor
     * calls this after each pause in typing. Typing back the last good text clears its problems.
     */
    public void compileIfChanged(String text) {
        if (module.get() == null || module.get().kind() == OpenedModel.Kind.ARCHIVE || text.equals(lastAttempt)) return;
        compile(text);
    }

    private void show(OpenedModel m) {
        lastAttempt = m.source().text();
        activity.set("");
        problems.clear();
        module.set(m);
        compileState.set((m.kind() == OpenedModel.Kind.ARCHIVE ? "loaded " + m.title() + ": " : "compiled ")
                + m.className() + ".forward (" + m.forward().block().allNodes().size() + " nodes)");
    }

    /** The same message twice still notifies: the property is reset in between. */
    private void announce(String text) {
        finished.set(null);
        finished.set(text);
    }

    private void fail(JitScopeException e) {
        problems.setAll(new Problem(e.render(), e.range()));
        compileState.set("compile error");
    }
}
