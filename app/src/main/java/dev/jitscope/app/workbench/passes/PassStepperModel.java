package dev.jitscope.app.workbench.passes;

import dev.jitscope.app.workbench.graph.GraphViewModel;
import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.app.workbench.graph.NodeMark;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.transform.GraphCopier;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassRegistry;
import dev.jitscope.passes.manager.GraphSnapshot;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.manager.PassRunResult;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The pass stepper's state: a pipeline run over a copy of the open model's forward graph, one pass
 * at a time through {@link PassManager}, keeping the graph after every step so the user can step
 * back and forth and compare before with after.
 */
public final class PassStepperModel {
    /** One pass of the pipeline: what PassManager measured, and the graphs around it. */
    public record Step(PassRunResult result, Graph before, Graph after) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "%s %-21s %-9s %3d→%-3d %5.1f ms", result.changed() ? "●" : "○",
                    result.name(), result.changed() ? "changed" : "unchanged", result.nodesBefore(), result.nodesAfter(), result.ms());
        }
    }

    private final Executor background;
    private final PassRegistry registry = PassRegistry.standard();
    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private final ObjectProperty<Step> selected = new SimpleObjectProperty<>();
    private final StringProperty pipeline = new SimpleStringProperty("default");
    private final StringProperty status = new SimpleStringProperty("");
    private final GraphViewModel before, after;
    private OpenedModel model;

    public PassStepperModel(Executor background) {
        this.background = background;
        this.before = new GraphViewModel(background);
        this.after = new GraphViewModel(background);
        selected.addListener((obs, old, s) -> {
            before.graphProperty().set(s == null ? null : s.before());
            after.graphProperty().set(s == null ? null : s.after());
        });
    }

    public ObservableList<Step> steps() { return steps; }
    public ObjectProperty<Step> selectedProperty() { return selected; }
    /** Comma-separated pass names; "default" and "inference" stand for PassRegistry's pipelines. */
    public StringProperty pipelineProperty() { return pipeline; }
    public StringProperty statusProperty() { return status; }
    public GraphViewModel beforeGraph() { return before; }
    public GraphViewModel afterGraph() { return after; }
    public List<String> passNames() { return registry.all().stream().map(Pass::name).toList(); }

    public void setModel(OpenedModel m) {
        model = m;
        selected.set(null);
        steps.clear();
        status.set(m == null ? "" : "press Run to step " + pipeline.get() + " over " + m.className() + ".forward");
    }

    /** Runs the pipeline off the FX thread; a failing pass ends the list with its message in the status. */
    public void run() {
        OpenedModel m = model;
        if (m == null) return;
        List<Pass> passes;
        try {
            passes = registry.pipeline(pipeline.get());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        status.set("running " + passes.size() + " passes…");
        List<Step> done = new ArrayList<>();
        Task<String> task = new Task<>() {
            @Override protected String call() {
                PassContext ctx = new PassContext(GraphCopier.copy(m.forward()), m.instance());
                PassManager manager = PassManager.instrumented();
                for (Pass p : passes) {
                    Graph in = GraphCopier.copy(ctx.graph());
                    try {
                        PassRunResult r = manager.run(List.of(p), ctx).get(0);
                        done.add(new Step(r, in, GraphCopier.copy(ctx.graph())));
                    } catch (RuntimeException e) {
                        return "pass " + p.name() + " failed: " + e.getMessage();
                    }
                }
                long changed = done.stream().filter(s -> s.result().changed()).count();
                return String.format("%d passes, %d changed the graph: %d → %d nodes", done.size(), changed,
                        done.isEmpty() ? 0 : done.get(0).result().nodesBefore(), done.isEmpty() ? 0 : done.get(done.size() - 1).result().nodesAfter());
            }
        };
        task.setOnSucceeded(e -> {
            if (model != m) return;
            steps.setAll(done);
            status.set(task.getValue());
            steps.stream().filter(s -> s.result().changed()).findFirst().ifPresent(selected::set);
        });
        task.setOnFailed(e -> status.set("pipeline failed: " + task.getException()));
        background.execute(task);
    }

    /**
     * The selected pass's {@link dev.jitscope.passes.manager.StructuralDiff} laid onto the "before"
     * graph: the nodes it removed.
     */
    public Map<Node, NodeMark> beforeMarks() {
        Step s = selected.get();
        return s == null ? Map.of() : marks(s.before(), Map.of(NodeMark.REMOVED, s.result().diff().removed()));
    }

    /** ... and onto the "after" graph: the nodes it added, and those it kept but fed from other producers. */
    public Map<Node, NodeMark> afterMarks() {
        Step s = selected.get();
        return s == null ? Map.of() : marks(s.after(), Map.of(NodeMark.ADDED, s.result().diff().added(),
                NodeMark.REWIRED, s.result().diff().rewired()));
    }

    /** The diff names nodes by label; the step's graphs are copies of what was snapshotted, so labels match. */
    private static Map<Node, NodeMark> marks(Graph g, Map<NodeMark, List<String>> byMark) {
        Map<String, NodeMark> wanted = new HashMap<>();
        byMark.forEach((mark, labels) -> labels.forEach(l -> wanted.put(l, mark)));
        Map<Node, NodeMark> out = new IdentityHashMap<>();
        GraphSnapshot.labels(g).forEach((n, label) -> {
            NodeMark m = wanted.get(label);
            if (m != null) out.put(n, m);
        });
        return out;
    }

    /** The printed IR before and after the selected step, as a line diff. */
    public List<TextDiff.Line> diff() {
        Step s = selected.get();
        if (s == null) return List.of();
        return TextDiff.lines(GraphPrinter.printWithoutRanges(s.before()), GraphPrinter.printWithoutRanges(s.after()));
    }
}
