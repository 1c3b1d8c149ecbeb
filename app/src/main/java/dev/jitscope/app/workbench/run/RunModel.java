package dev.jitscope.app.workbench.run;

import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.Tensor;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The run panel's state: one input row per graph input after {@code self} (a shape such as
 * {@code 1, 4} for random normal values, or the path of a {@code .npy} file), the outputs of the
 * last run, and the time spent per operator kind as the Interpreter's profiler reported it.
 */
public final class RunModel {
    /** An editable input: its name and type, and the text the user typed. */
    public static final class InputRow {
        private final String name, type;
        private final StringProperty spec = new SimpleStringProperty();

        InputRow(String name, String type, String spec) { this.name = name; this.type = type; this.spec.set(spec); }
        public String name() { return name; }
        public String type() { return type; }
        public StringProperty specProperty() { return spec; }
    }

    public record OutputRow(String index, String type, String shape, String values) {}

    public record NodeTiming(String kind, int calls, double ms, String lastShape) {}

    private final Executor background;
    private final ObservableList<InputRow> inputs = FXCollections.observableArrayList();
    private final ObservableList<OutputRow> outputs = FXCollections.observableArrayList();
    private final ObservableList<NodeTiming> timings = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private OpenedModel model;
    private List<Object> lastResult = List.of();

    public RunModel(Executor background) { this.background = background; }

    public ObservableList<InputRow> inputs() { return inputs; }
    public ObservableList<OutputRow> outputs() { return outputs; }
    public ObservableList<NodeTiming> timings() { return timings; }
    public StringProperty statusProperty() { return status; }
    /** The values the last run returned, unflattened. */
    public List<Object> lastResult() { return lastResult; }

    public void setModel(OpenedModel m) {
        model = m;
        outputs.clear();
        timings.clear();
        inputs.clear();
        if (m == null) return;
        List<Value> in = m.forward().inputs();
        for (int i = m.type() == null ? 0 : 1; i < in.size(); i++) {
            Value v = in.get(i);
            inputs.add(new InputRow(v.debugName(), v.type().str(), v.type() instanceof TensorType ? "1, 4" : "1"));
        }
        status.set(m.runnable() ? "inputs: a shape (random normal values) or a .npy path; then Run"
                : "no weights to run with: " + m.className() + "'s __init__ could not run without arguments; open a .pt archive");
    }

    /** Runs forward off the FX thread; any mistake (bad shape, bad .npy, kernel error) lands in the status line. */
    public void run() {
        OpenedModel m = model;
        if (m == null || !m.runnable()) return;
        List<Object> args = new ArrayList<>();
        args.add(m.instance());
        try {
            for (InputRow r : inputs) args.add(parse(r));
        } catch (JitScopeException e) {
            status.set(e.getMessage());
            return;
        }
        status.set("running…");
        Map<String, long[]> perKind = new LinkedHashMap<>();
        Map<String, String> shapes = new LinkedHashMap<>();
        long[] total = new long[1];
        Task<List<Object>> task = new Task<>() {
            @Override protected List<Object> call() {
                Interpreter interpreter = new Interpreter();
                interpreter.setProfiler((Node n, long nanos, Object[] outs) -> {
                    long[] acc = perKind.computeIfAbsent(n.kind(), k -> new long[2]);
                    acc[0]++;
                    acc[1] += nanos;
                    if (outs.length > 0 && outs[0] instanceof Tensor t) shapes.put(n.kind(), Arrays.toString(t.shape()));
                });
                long start = System.nanoTime();
                List<Object> result = interpreter.run(m.forward(), args);
                total[0] = System.nanoTime() - start;
                return result;
            }
        };
        task.setOnSucceeded(e -> {
            if (model != m) return;
            lastResult = task.getValue();
            List<OutputRow> rows = new ArrayList<>();
            flatten("", task.getValue(), rows);
            outputs.setAll(rows);
            timings.setAll(perKind.entrySet().stream()
                    .map(x -> new NodeTiming(x.getKey(), (int) x.getValue()[0], x.getValue()[1] / 1e6, shapes.getOrDefault(x.getKey(), "")))
                    .sorted((a, b) -> Double.compare(b.ms(), a.ms())).toList());
            status.set(String.format(Locale.ROOT, "ran forward in %.2f ms", total[0] / 1e6));
        });
        task.setOnFailed(e -> status.set("run failed: " + (task.getException() instanceof JitScopeException j ? j.getMessage() : task.getException())));
        background.execute(task);
    }

    private static Object parse(InputRow r) {
        // seed 0: the same inputs each run, so timings and outputs compare
        return InputText.parse(r.name(), r.type(), r.specProperty().get(), 0);
    }

    private static void flatten(String prefix, Object v, List<OutputRow> rows) {
        if (v instanceof List<?> list && !(v instanceof Tensor)) {
            for (int i = 0; i < list.size(); i++) flatten(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, list.get(i), rows);
        } else if (v instanceof Tuple t) {
            flatten(prefix, t.items(), rows);
        } else if (v instanceof Tensor t) {
            rows.add(new OutputRow(prefix, "Tensor " + t.dtype().storageName, Arrays.toString(t.shape()), preview(t)));
        } else {
            rows.add(new OutputRow(prefix, v == null ? "None" : v.getClass().getSimpleName(), "", String.valueOf(v)));
        }
    }

    private static String preview(Tensor t) {
        int n = Math.min(6, t.numel());
        String head = java.util.stream.IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "%.4f", t.getDouble(i)))
                .collect(Collectors.joining(", "));
        return "[" + head + (t.numel() > n ? ", …]" : "]");
    }
}
