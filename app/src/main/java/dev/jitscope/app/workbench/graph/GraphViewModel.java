package dev.jitscope.app.workbench.graph;

import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import dev.jitscope.ir.Graph;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * State of the graph screen: the graph shown, its ELK layout (computed on {@code layoutExecutor},
 * never on the FX thread), the selected node, and the search with its current hit.
 */
public final class GraphViewModel {
    private final Executor layoutExecutor;
    private final ObjectProperty<Graph> graph = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<GraphLayoutModel> layout = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<LayoutNode> selected = new SimpleObjectProperty<>();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final IntegerProperty hitCount = new SimpleIntegerProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private List<LayoutNode> hits = List.of();
    private int hitIndex = -1;

    public GraphViewModel(Executor layoutExecutor) {
        this.layoutExecutor = layoutExecutor;
        graph.addListener((obs, old, g) -> relayout(g));
        layoutExecutor.execute(ElkGraphLayout::warmUp);
        searchText.addListener((obs, old, q) -> research());
        layout.addListener((obs, old, l) -> research());
    }

    private void relayout(Graph g) {
        selected.set(null);
        if (g == null) { layout.set(null); return; }
        status.set("laying out " + g.block().allNodes().size() + " nodes…");
        long[] millis = new long[2];
        Task<GraphLayoutModel> task = new Task<>() {
            @Override protected GraphLayoutModel call() {
                // timed here, not from the request: waiting in the executor's queue is not layout time
                // CPU time too: on a busy machine the wall time says more about the neighbours than about ELK
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long start = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
                GraphLayoutModel l = ElkGraphLayout.layout(g);
                millis[0] = (System.nanoTime() - start) / 1_000_000;
                millis[1] = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
                return l;
            }
        };
        task.setOnSucceeded(e -> {
            if (graph.get() != g) return;
            layout.set(task.getValue());
            status.set(String.format("%d nodes laid out in %d ms (CPU %d ms)", task.getValue().nodes().size(), millis[0], millis[1]));
        });
        task.setOnFailed(e -> status.set("layout failed: " + task.getException()));
        layoutExecutor.execute(task);
    }

    private void research() {
        GraphLayoutModel l = layout.get();
        hits = l == null ? List.of() : l.search(searchText.get());
        hitIndex = -1;
        hitCount.set(hits.size());
    }

    public ObjectProperty<Graph> graphProperty() { return graph; }
    public ReadOnlyObjectProperty<GraphLayoutModel> layoutProperty() { return layout.getReadOnlyProperty(); }
    public ObjectProperty<LayoutNode> selectedProperty() { return selected; }
    public StringProperty searchTextProperty() { return searchText; }
    public IntegerProperty hitCountProperty() { return hitCount; }
    public StringProperty statusProperty() { return status; }

    /** Selects the next search hit (wrapping); returns it, or null when nothing matches. */
    public LayoutNode nextHit() { return step(1); }

    public LayoutNode previousHit() { return step(-1); }

    private LayoutNode step(int delta) {
        if (hits.isEmpty()) return null;
        hitIndex = Math.floorMod(hitIndex + delta, hits.size());
        selected.set(hits.get(hitIndex));
        return hits.get(hitIndex);
    }
}
