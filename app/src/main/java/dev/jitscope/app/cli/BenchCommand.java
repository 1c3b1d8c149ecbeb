package dev.jitscope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jitscope bench MODEL.pt --input X.npy... [--passes P] [--warmup N] [--iters N] [--json]}: times a
 * method on the CPU interpreter, by default after the {@code inference} pipeline (freeze + folds + fusion), as
 * PyTorch's figures are taken on the frozen, optimize_for_inference graph. Warm-up runs are not timed (they compile the graph and let the JIT settle);
 * each timed run is one call of the method, loading and .npy reading excluded.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time a method of a torch.jit.save archive on .npy inputs: min, median and p90 milliseconds.")
public final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Parameters(index = "0", paramLabel = "MODEL.pt|MODEL.py", description = "archive written by torch.jit.save, or model source with --class NAME")
    Path model;

    @Parameters(index = "1..*", paramLabel = "INPUT.npy", description = "inputs may also be given positionally, after MODEL.pt")
    List<Path> positionalInputs = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "X.npy", description = "one .npy per argument after self, in order (repeat the option)")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--method", defaultValue = "forward", description = "method of the root module (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--device", defaultValue = "cpu", description = "device to run on (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iters", defaultValue = "10", paramLabel = "N", description = "timed runs (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--passes", defaultValue = "inference", paramLabel = "none|default|inference|p1,p2,...",
            description = "optimization pipeline applied to a copy of the method's graph before timing, as `run --passes` "
                    + "(default: ${DEFAULT-VALUE}, the frozen graph PyTorch's freeze + optimize_for_inference is timed on)")
    String passes;

    @Option(names = "--profile", description = "after the timed runs, run --iters more with the per-node profiler and print "
            + "the time per operator kind (ms per run, slowest first; with --json as key \"profile\")")
    boolean profile;

    @Option(names = "--json", description = "print one JSON object (keys min_ms, median_ms, p90_ms, ...) instead of text")
    boolean json;

    @Override
    public void run() {
        if (warmup < 0) throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, not " + warmup);
        if (iters < 1) throw new ParameterException(spec.commandLine(), "--iters must be 1 or more, not " + iters);
        try (Devices.Session session = Devices.open(device)) {
            run(session);
        }
    }

    private void run(Devices.Session session) {
        MethodCall call = MethodCall.prepare(model, null, source, method, Inputs.of(inputs, positionalInputs), session.interpreter(),
                passes);
        for (int i = 0; i < warmup; i++) call.invoke();
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            call.invoke();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Timings t = Timings.of(ms);
        Map<String, double[]> byKind = profile ? profile(session, call) : Map.of();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", model.toString());
            o.put("method", method);
            o.put("device", device);
            o.put("passes", passes);
            o.put("warmup", warmup);
            o.put("iters", iters);
            o.put("min_ms", t.min());
            o.put("median_ms", t.median());
            o.put("p90_ms", t.p90());
            if (profile) {
                Map<String, Object> p = new LinkedHashMap<>();
                byKind.forEach((k, v) -> p.put(k, Map.of("ms", v[0], "count", v[1])));
                o.put("profile", p);
            }
            try {
                out.println(new ObjectMapper().writeValueAsString(o));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf(Locale.ROOT, "%s %s on %s (passes %s), %d runs after %d warm-up: min %.3f ms, median %.3f ms, p90 %.3f ms%n",
                    model.getFileName(), method, device, passes, iters, warmup, t.min(), t.median(), t.p90());
            byKind.forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %9.3f ms  x%d%n", k, v[0], (long) v[1]));
        }
        out.flush();
    }

    /** Operator kind → {ms per run, nodes per run}, slowest first, over --iters profiled runs. */
    private Map<String, double[]> profile(Devices.Session session, MethodCall call) {
        Map<String, double[]> acc = new java.util.HashMap<>();
        session.interpreter().setProfiler((node, nanos, outs) -> {
            double[] a = acc.computeIfAbsent(node.kind(), k -> new double[2]);
            a[0] += nanos / 1e6;
            a[1]++;
        });
        try {
            for (int i = 0; i < iters; i++) call.invoke();
        } finally {
            session.interpreter().setProfiler(null);
        }
        Map<String, double[]> sorted = new LinkedHashMap<>();
        acc.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]))
                .forEach(e -> sorted.put(e.getKey(), new double[] {e.getValue()[0] / iters, e.getValue()[1] / iters}));
        return sorted;
    }
}
