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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    @Option(names = "--warmup-seconds", defaultValue = "0", paramLabel = "S",
            description = "keep warming up until S seconds have passed as well as --warmup runs (default: ${DEFAULT-VALUE}); "
                    + "the JVM compiles the interpreter and kernels in the background during the first seconds of a run")
    double warmupSeconds;

    @Option(names = "--iters", defaultValue = "10", paramLabel = "N", description = "timed runs (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--passes", defaultValue = "inference", paramLabel = "none|default|inference|p1,p2,...",
            description = "optimization pipeline applied to a copy of the method's graph before timing, as `run --passes` "
                    + "(default: ${DEFAULT-VALUE}, the frozen graph PyTorch's freeze + optimize_for_inference is timed on)")
    String passes;

    @Option(names = "--profile", description = "after the timed runs, run --iters more with the per-node profiler and print "
            + "the time per operator kind (ms per run, slowest first; with --json as key \"profile\") and the slowest single "
            + "nodes with their output shapes (median ms; key \"slowest_nodes\")")
    boolean profile;

    @Option(names = "--serve", description = "after the warm-up print \"ready\", then run once per line read from standard input and "
            + "print that run's milliseconds, until the input ends: for harnesses that interleave JitScope's runs with another "
            + "runtime's, so that both see the same seconds of the machine (bench/run_benchmarks.py --paired)")
    boolean serve;

    @Option(names = "--json", description = "print one JSON object (keys min_ms, median_ms, p90_ms, ...) instead of text")
    boolean json;

    @Override
    public void run() {
        if (warmup < 0) throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, not " + warmup);
        if (warmupSeconds < 0 || Double.isNaN(warmupSeconds))
            throw new ParameterException(spec.commandLine(), "--warmup-seconds must be 0 or more, not " + warmupSeconds);
        if (iters < 1) throw new ParameterException(spec.commandLine(), "--iters must be 1 or more, not " + iters);
        try (Devices.Session session = Devices.open(device)) {
            run(session);
        }
    }

    private void run(Devices.Session session) {
        MethodCall call = MethodCall.prepare(model, null, source, method, Inputs.of(inputs, positionalInputs), session.interpreter(),
                passes);
        long warmStart = System.nanoTime(), warmNanos = (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() - warmStart < warmNanos; i++) call.invoke();
        if (serve) {
            serve(call, spec.commandLine().getOut());
            return;
        }
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            call.invoke();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Timings t = Timings.of(ms);
        List<NodeTiming> nodes = new ArrayList<>();
        Map<String, double[]> byKind = profile ? profile(session, call, nodes) : Map.of();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", model.toString());
            o.put("method", method);
            o.put("device", device);
            o.put("passes", passes);
            o.put("warmup", warmup);
            o.put("warmup_seconds", warmupSeconds);
            o.put("iters", iters);
            o.put("min_ms", t.min());
            o.put("median_ms", t.median());
            o.put("p90_ms", t.p90());
            o.put("times_ms", ms);
            if (profile) {
                Map<String, Object> p = new LinkedHashMap<>();
                byKind.forEach((k, v) -> p.put(k, Map.of("ms", v[0], "count", v[1])));
                o.put("profile", p);
                List<Object> slow = new ArrayList<>();
                for (NodeTiming n : nodes) slow.add(Map.of("node", n.label(), "median_ms", n.medianMs(), "output", n.output()));
                o.put("slowest_nodes", slow);
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
            if (profile) {
                out.printf("slowest nodes (median ms over %d runs):%n", iters);
                for (NodeTiming n : nodes) out.printf(Locale.ROOT, "  %9.3f ms  %-50s -> %s%n", n.medianMs(), n.label(), n.output());
            }
        }
        out.flush();
    }

    /** One timed run per line of standard input, each answered with its milliseconds on a line of its own. */
    private static void serve(MethodCall call, PrintWriter out) {
        out.println("ready");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            while (in.readLine() != null) {
                long t0 = System.nanoTime();
                call.invoke();
                out.printf(Locale.ROOT, "%.4f%n", (System.nanoTime() - t0) / 1e6);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading standard input: " + e.getMessage(), e);
        }
    }

    /** One node of the graph as the profiler saw it: the median of its own times and its first output's shape. */
    record NodeTiming(String label, double medianMs, String output) { }

    private static final int SLOWEST_NODES = 15;

    /**
     * Operator kind → {ms per run, nodes per run}, slowest first, over --iters profiled runs; {@code slowest} receives
     * the nodes with the largest median time (a median, so one descheduled run does not put a cheap node on top).
     */
    private Map<String, double[]> profile(Devices.Session session, MethodCall call, List<NodeTiming> slowest) {
        Map<String, double[]> acc = new java.util.HashMap<>();
        Map<dev.jitscope.ir.Node, List<Double>> perNode = new java.util.IdentityHashMap<>();
        Map<dev.jitscope.ir.Node, String> shapes = new java.util.IdentityHashMap<>();
        session.interpreter().setProfiler((node, nanos, outs) -> {
            double[] a = acc.computeIfAbsent(node.kind(), k -> new double[2]);
            a[0] += nanos / 1e6;
            a[1]++;
            perNode.computeIfAbsent(node, k -> new ArrayList<>()).add(nanos / 1e6);
            shapes.computeIfAbsent(node, k -> describe(outs));
        });
        try {
            for (int i = 0; i < iters; i++) call.invoke();
        } finally {
            session.interpreter().setProfiler(null);
        }
        Map<String, double[]> sorted = new LinkedHashMap<>();
        acc.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]))
                .forEach(e -> sorted.put(e.getKey(), new double[] {e.getValue()[0] / iters, e.getValue()[1] / iters}));
        perNode.entrySet().stream()
                .map(e -> new NodeTiming(label(e.getKey()), median(e.getValue()), shapes.get(e.getKey())))
                .sorted((x, y) -> Double.compare(y.medianMs(), x.medianMs()))
                .limit(SLOWEST_NODES).forEach(slowest::add);
        return sorted;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static String label(dev.jitscope.ir.Node n) {
        String out = n.outputs().isEmpty() ? "" : n.outputs().get(0) + " = ";
        return out + n.kind();
    }

    private static String describe(Object[] outs) {
        if (outs == null || outs.length == 0) return "()";
        Object o = outs[0];
        return o instanceof dev.jitscope.tensor.Tensor t ? t.dtype().storageName + java.util.Arrays.toString(t.shape())
                : o == null ? "None" : o.getClass().getSimpleName();
    }
}
