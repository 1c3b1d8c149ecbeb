package dev.jitscope.app.workbench.trace;

import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.trace.diff.DiffReport;
import dev.jitscope.trace.diff.DivergenceSite;
import dev.jitscope.trace.diff.InputComparison;
import dev.jitscope.app.workbench.graph.GraphViewModel;
import dev.jitscope.app.workbench.graph.NodeMark;
import dev.jitscope.app.workbench.run.InputText;
import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The trace-vs-script view's state: the input sets (the example the trace records, then check
 * sets), a diff run on its own cancellable background task, and its result as the sites list, the
 * per-input table and the traced/scripted graphs with what the trace dropped marked.
 */
public final class TraceDiffModel {
    /** One row of the input chooser: "example" or "check n", one editable text per forward input. */
    public static final class InputSet {
        private final StringProperty label = new SimpleStringProperty();
        private final List<StringProperty> specs = new ArrayList<>();

        InputSet(String label, List<String> specs) {
            this.label.set(label);
            specs.forEach(s -> this.specs.add(new SimpleStringProperty(s)));
        }

        public String label() { return label.get(); }
        public StringProperty labelProperty() { return label; }
        public List<StringProperty> specs() { return specs; }
    }

    /** A forward input after self: its name and type. */
    public record Input(String name, String type) { }

    private final Executor layoutExecutor;
    private final TraceDiffEngine engine;
    private final ObservableList<Input> inputs = FXCollections.observableArrayList();
    private final ObservableList<InputSet> sets = FXCollections.observableArrayList();
    private final ObservableList<DivergenceSite> sites = FXCollections.observableArrayList();
    private final ObservableList<InputComparison> comparisons = FXCollections.observableArrayList();
    private final ObjectProperty<DivergenceSite> selectedSite = new SimpleObjectProperty<>();
    private final ObjectProperty<DiffReport> result = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final GraphViewModel traced, scripted;
    private OpenedModel model;
    private Task<DiffReport> task;

    public TraceDiffModel(Executor layoutExecutor, TraceDiffEngine engine) {
        this.layoutExecutor = layoutExecutor;
        this.engine = engine;
        this.traced = new GraphViewModel(layoutExecutor);
        this.scripted = new GraphViewModel(layoutExecutor);
    }

    public ObservableList<Input> inputs() { return inputs; }
    public ObservableList<InputSet> sets() { return sets; }
    public ObservableList<DivergenceSite> sites() { return sites; }
    public ObservableList<InputComparison> comparisons() { return comparisons; }
    public ObjectProperty<DivergenceSite> selectedSiteProperty() { return selectedSite; }
    public ObjectProperty<DiffReport> resultProperty() { return result; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty runningProperty() { return running; }
    public GraphViewModel tracedGraph() { return traced; }
    public GraphViewModel scriptedGraph() { return scripted; }

    /** A new model: its forward inputs, an example set and one check set that shifts the values. */
    public void setModel(OpenedModel m) {
        cancel();
        model = m;
        clearResult();
        inputs.clear();
        sets.clear();
        if (m == null) return;
        List<Value> in = m.forward().inputs();
        for (int i = m.type() == null ? 0 : 1; i < in.size(); i++) inputs.add(new Input(in.get(i).debugName(), in.get(i).type().str()));
        sets.add(new InputSet("example", defaults(0)));
        sets.add(new InputSet("check 1", defaults(1)));
        status.set(m.kind() == OpenedModel.Kind.ARCHIVE
                ? "an archive has no Python source to trace: open a .py model (or the sample) for the diff"
                : "inputs: a shape (random normal; \"+ 1\" shifts the values) or a .npy path; then Run diff");
    }

    private List<String> defaults(int set) {
        return inputs.stream().map(i -> i.type().startsWith("Tensor") ? (set == 0 ? "3, 4" : "3, 4 + " + set) : "1").toList();
    }

    public void addCheckSet() {
        sets.add(new InputSet("check " + sets.size(), defaults(sets.size())));
    }

    public void removeSet(InputSet s) {
        if (sets.indexOf(s) > 0) sets.remove(s);   // the example set stays
        for (int i = 1; i < sets.size(); i++) sets.get(i).labelProperty().set("check " + i);
    }

    private void clearResult() {
        sites.clear();
        comparisons.clear();
        selectedSite.set(null);
        result.set(null);
        traced.graphProperty().set(null);
        scripted.graphProperty().set(null);
    }

    /** Runs the diff on its own thread; {@link #cancel()} abandons it. Mistakes land in the status line. */
    public void run() {
        OpenedModel m = model;
        if (m == null || running.get()) return;
        if (m.kind() == OpenedModel.Kind.ARCHIVE || m.type() == null) {
            status.set("the diff traces a module class from Python source: open a .py model (or the sample)");
            return;
        }
        List<List<Object>> values = new ArrayList<>();
        try {
            for (int s = 0; s < sets.size(); s++) {
                List<Object> set = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    Input in = inputs.get(i);
                    set.add(InputText.parse(in.name() + " of " + sets.get(s).label(), in.type(), sets.get(s).specs().get(i).get(), s));
                }
                values.add(set);
            }
        } catch (JitScopeException e) {
            status.set(e.getMessage());
            return;
        }
        clearResult();
        running.set(true);
        status.set("tracing " + m.className() + " and comparing it with the scripted model on " + values.size() + " input sets…");
        Task<DiffReport> t = new Task<>() {
            @Override protected DiffReport call() {
                return engine.run(m.source(), m.className(), values.get(0), values.subList(1, values.size()));
            }
        };
        task = t;
        t.setOnSucceeded(e -> {
            if (task != t || model != m) return;
            show(t.getValue());
            running.set(false);   // after the status: the window announces it when running ends
        });
        t.setOnFailed(e -> {
            if (task != t) return;
            Throwable x = t.getException();
            status.set("diff failed: " + (x instanceof JitScopeException j ? j.getMessage() : String.valueOf(x)));
            running.set(false);
        });
        Thread thread = new Thread(t, "trace-diff");
        thread.setDaemon(true);
        thread.start();
    }

    /** Abandons a running diff: its result, if it still comes, is dropped. */
    public void cancel() {
        Task<DiffReport> t = task;
        if (t == null || !running.get()) return;
        task = null;
        t.cancel(true);
        status.set("diff cancelled");
        running.set(false);
    }

    private void show(DiffReport r) {
        result.set(r);
        sites.setAll(r.sites());
        comparisons.setAll(r.inputs());
        traced.graphProperty().set(r.tracedGraph());
        scripted.graphProperty().set(r.scriptedGraph());
        long diverging = r.inputs().stream().filter(InputComparison::diverges).count();
        status.set(String.format(Locale.ROOT, "%d divergence site%s; %d of %d input sets diverge; the trace dropped %d scripted nodes",
                r.sites().size(), r.sites().size() == 1 ? "" : "s", diverging, r.inputs().size(), r.scriptedOnly().size()));
    }

    /** The scripted graph's colours: what the trace dropped. */
    public Map<Node, NodeMark> scriptedMarks() {
        DiffReport r = result.get();
        Map<Node, NodeMark> marks = new IdentityHashMap<>();
        if (r != null) r.scriptedOnly().forEach(n -> marks.put(n, NodeMark.DROPPED));
        return marks;
    }

    /** A site's row: where, what kind, what the trace kept, why, and the source line itself. */
    public static String siteRow(DivergenceSite s) {
        SourceRange r = s.range();
        String line = r == null ? "" : r.source().text().split("\n", -1)[r.line() - 1].strip();
        return String.format(Locale.ROOT, "#%d  %d:%d  %s  %s — %s%n      %s", s.index(), r == null ? 0 : s.line(), r == null ? 0 : s.column(),
                s.kind().name().toLowerCase(Locale.ROOT), s.traced(), s.message(), line);
    }

    /** The boxes of {@code layout} built from source that overlaps {@code site}'s range (same file): what a click on a site highlights. */
    public static List<GraphLayoutModel.LayoutNode> nodesAt(DivergenceSite site, GraphLayoutModel layout) {
        if (site == null || site.range() == null || layout == null) return List.of();
        SourceRange s = site.range();
        List<GraphLayoutModel.LayoutNode> out = new ArrayList<>();
        for (GraphLayoutModel.LayoutNode n : layout.nodes()) {
            SourceRange r = n.irNode() == null ? null : n.irNode().range();
            if (r != null && r.source().name().equals(s.source().name()) && r.start() < s.end() && s.start() < r.end()) out.add(n);
        }
        return out;
    }
}
