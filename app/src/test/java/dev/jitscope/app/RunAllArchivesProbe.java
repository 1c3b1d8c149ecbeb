package dev.jitscope.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.Function;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.emit.FunctionSignature;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kernels developer's probe, not part of the suite (its name is no *Test): runs forward of every
 * archive of an interop suite made by {@code make_interop_suite.py} (directory in system property
 * {@code jitscope.interop}, default /tmp/interop) and prints, per archive, whether our outputs match
 * PyTorch's, the largest difference and the run time, then the failures grouped by message (the
 * missing operators). Run: {@code mvn -o -q -pl app -am test -Dtest=RunAllArchivesProbe
 * -Dsurefire.failIfNoSpecifiedTests=false -Djitscope.interop=/tmp/interop [-Djitscope.only=name,...]}.
 */
class RunAllArchivesProbe {

    @Test
    void runEveryArchive() throws Exception {
        Path dir = Path.of(System.getProperty("jitscope.interop", "/tmp/interop"));
        Assumptions.assumeTrue(Files.exists(dir.resolve("manifest.json")), "no suite at " + dir);
        String only = System.getProperty("jitscope.only", "");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        Map<String, List<String>> failures = new TreeMap<>();
        int ok = 0, total = 0;
        for (JsonNode a : manifest.get("archives")) {
            String name = a.get("name").asText();
            if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) continue;
            total++;
            String verdict;
            try {
                verdict = runArchive(dir, a);
                if (verdict.startsWith("ok")) ok++;
            } catch (Throwable e) {
                String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
                failures.computeIfAbsent(msg, k -> new ArrayList<>()).add(name);
                verdict = "FAIL " + msg;
                if (!(e instanceof dev.jitscope.diag.JitScopeException)) e.printStackTrace(System.out);
            }
            System.out.printf("%-22s %s%n", name, verdict);
        }
        System.out.printf("%n%d/%d archives match PyTorch%n", ok, total);
        failures.forEach((m, names) -> System.out.println("  " + m + "  <- " + names));
    }

    private static String runArchive(Path dir, JsonNode a) {
        LoadedModel model = ModelImporter.load(dir.resolve(a.get("file").asText()));
        Interpreter interp = new Interpreter();
        for (LoadedModel.PendingState p : model.pendingStates()) {
            Function setstate = p.object().type().method("__setstate__");
            interp.run(setstate.graph(), List.of(p.object(), p.state()));
        }
        Function forward = model.root().type().method("forward");
        if (a.get("name").asText().equals(System.getProperty("jitscope.dump"))) System.out.println(forward.graph());
        double worst = 0;
        long nanos = 0;
        for (JsonNode c : a.get("cases")) {
            List<Object> inputs = new ArrayList<>();
            inputs.add(model.root());
            for (JsonNode f : c.get("inputs")) inputs.add(Npy.read(dir.resolve(f.asText())));
            // arguments the manifest leaves out take the defaults of forward's signature (mask=None ...)
            if (forward.schema() instanceof FunctionSignature sig)
                for (int k = inputs.size(); k < sig.params().size(); k++)
                    inputs.add(sig.params().get(k).defaultValue() instanceof Ast.Const c0 ? c0.value() : null);
            long t0 = System.nanoTime();
            List<Object> out = interp.run(forward.graph(), inputs);
            nanos += System.nanoTime() - t0;
            List<Object> flat = new ArrayList<>();
            for (Object o : out) flatten(o, flat);
            JsonNode expected = c.get("outputs");
            if (flat.size() != expected.size()) return "MISMATCH " + flat.size() + " outputs, PyTorch " + expected.size();
            for (int i = 0; i < flat.size(); i++) {
                if (expected.get(i).isNull()) {
                    if (flat.get(i) != null) return "MISMATCH output " + i + " should be None";
                    continue;
                }
                Tensor want = Npy.read(dir.resolve(expected.get(i).asText()));
                Object got = flat.get(i);
                Tensor g = got instanceof Tensor t ? t : null;
                if (g == null) {
                    double gv = got instanceof Boolean b ? (b ? 1 : 0) : ((Number) got).doubleValue();
                    if (Math.abs(gv - want.getDouble(0)) > 1e-6) return "MISMATCH output " + i + ": " + got + " vs " + want.getDouble(0);
                    continue;
                }
                if (!java.util.Arrays.equals(g.shape(), want.shape()))
                    return "MISMATCH output " + i + " shape " + java.util.Arrays.toString(g.shape()) + " vs " + java.util.Arrays.toString(want.shape());
                Tensor gc = g;
                for (int k = 0; k < want.numel(); k++) {
                    double w = want.getDouble(k), d = Math.abs(gc.getDouble(k) - w);
                    double rel = d / (1e-3 + Math.abs(w));
                    if (Double.isNaN(d) && !Double.isNaN(w)) return "MISMATCH output " + i + " NaN at " + k;
                    worst = Math.max(worst, rel);
                }
            }
        }
        return String.format("%s maxrel %.2e  %.1f ms", worst < 1e-2 ? "ok" : "MISMATCH", worst, nanos / 1e6);
    }

    private static void flatten(Object o, List<Object> out) {
        if (o instanceof Tuple t) for (Object x : t.items()) flatten(x, out);
        else if (o instanceof List<?> l) for (Object x : l) flatten(x, out);
        else out.add(o);
    }

    /**
     * Times forward on the archives of {@code bench/run_benchmarks.py --make-only} (directory in
     * {@code jitscope.bench}) and prints the medians beside PyTorch's, until {@code jitscope bench} is on main.
     */
    @Test
    void benchmark() throws Exception {
        String d = System.getProperty("jitscope.bench");
        Assumptions.assumeTrue(d != null, "set -Djitscope.bench=DIR to time the benchmark archives");
        JsonNode bench = new ObjectMapper().readTree(Path.of(d, "bench.json").toFile());
        int iters = Integer.getInteger("jitscope.iters", 10), warmup = Integer.getInteger("jitscope.warmup", 3);
        String only = System.getProperty("jitscope.only", "");
        var it = bench.get("models").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!only.isEmpty() && !List.of(only.split(",")).contains(e.getKey())) continue;
            LoadedModel model = ModelImporter.load(Path.of(e.getValue().get("archive").asText()));
            Interpreter interp = new Interpreter();
            Function forward = model.root().type().method("forward");
            List<Object> inputs = new ArrayList<>(List.of(model.root(), Npy.read(Path.of(e.getValue().get("input").asText()))));
            if (forward.schema() instanceof FunctionSignature sig)
                for (int k = inputs.size(); k < sig.params().size(); k++) inputs.add(null);
            for (int i = 0; i < warmup; i++) interp.run(forward.graph(), inputs);
            double[] ms = new double[iters];
            for (int i = 0; i < iters; i++) {
                long t0 = System.nanoTime();
                interp.run(forward.graph(), inputs);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            java.util.Arrays.sort(ms);
            if (Boolean.getBoolean("jitscope.profile")) {
                Map<String, long[]> byKind = new TreeMap<>();
                interp.setProfiler((node, nanos, outs) -> {
                    long[] acc = byKind.computeIfAbsent(node.kind(), k -> new long[2]);
                    acc[0] += nanos;
                    acc[1]++;
                });
                for (int i = 0; i < iters; i++) interp.run(forward.graph(), inputs);   // totals over iters runs
                interp.setProfiler(null);
                byKind.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(12)
                        .forEach(k -> System.out.printf("    %-36s %9.3f ms  x%d%n", k.getKey(), k.getValue()[0] / 1e6, k.getValue()[1]));
            }
            double torch = e.getValue().get("pytorch").get("median_ms").asDouble();
            System.out.printf("%-20s JitScope median %9.2f ms (min %9.2f)  PyTorch %9.2f ms  ratio %.2f%n",
                    e.getKey(), ms[iters / 2], ms[0], torch, ms[iters / 2] / torch);
        }
    }
}
