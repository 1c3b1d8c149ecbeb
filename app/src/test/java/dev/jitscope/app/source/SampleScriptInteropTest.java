package dev.jitscope.app.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.app.cli.CliProcess;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.app.cli.RunCommand;
import dev.jitscope.app.interop.InteropRunTest;
import dev.jitscope.app.interop.OpKindCensus;
import dev.jitscope.samples.SampleModels;
import dev.jitscope.tensor.Npy;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 4 on every shipped sample: {@code jitscope script MODEL.py --class NAME -o OUT.pt} writes an
 * archive that {@code torch.jit.load} runs; on fresh random inputs (drawn by Python from the sample's
 * input specs) {@code jitscope run OUT.pt} computes what PyTorch computes on that archive
 * (InteropRunTest's tolerance: ‖ours − torch‖ / ‖torch‖ ≤ 1e-4, integers exact); and the operator kinds of
 * {@code jitscope graph MODEL.py --class NAME --inlined} are those of PyTorch's own
 * {@code torch.jit.script} of the same file (exactly for the tutorial models, Σmin/Σmax ≥ 0.95 for
 * the others, as the interop suite requires).
 */
class SampleScriptInteropTest {
    static final long TIMEOUT_S = 300;
    private static final Set<String> TUTORIAL = Set.of("SimpleModel", "ControlFlowModel", "MyCell");

    private record Prepared(SampleModels.Sample sample, Path source, Path archive, CliRunResult script) { }

    @TestFactory
    Stream<DynamicTest> everySampleScriptsLoadsInPyTorchAndMatches() throws Exception {
        PythonReference.requirePyTorch();
        Path dir = Files.createTempDirectory("jitscope-samples");
        long seed = System.nanoTime() & 0xffffffL;   // fresh inputs each run; the seed is in every message
        List<Prepared> prepared = new ArrayList<>();
        List<Map<String, Object>> plan = new ArrayList<>();
        for (SampleModels.Sample s : SampleModels.ALL) {
            Path source = dir.resolve(s.file());
            Files.writeString(source, s.source());
            Path archive = dir.resolve(s.className() + ".pt");
            CliRunResult script = CliProcess.run(TIMEOUT_S, "script", source.toString(), "--class", s.className(), "-o", archive.toString());
            prepared.add(new Prepared(s, source, archive, script));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", s.className());
            entry.put("source", source.toString());
            entry.put("class", s.className());
            entry.put("inputs", s.inputs());
            entry.put("archive", archive.toString());
            entry.put("dir", dir.resolve(s.className()).toString());
            plan.add(entry);
        }
        Path planFile = dir.resolve("plan.json"), resultFile = dir.resolve("result.json");
        new ObjectMapper().writeValue(planFile.toFile(), Map.of("seed", seed, "samples", plan));
        PythonReference.runResource(SampleScriptInteropTest.class, "check_samples.py", dir,
                List.of(planFile.toString(), resultFile.toString()), 900);
        JsonNode results = new ObjectMapper().readTree(resultFile.toFile());
        return prepared.stream().flatMap(p -> Stream.of(
                DynamicTest.dynamicTest(p.sample().className() + ": scripted archive runs in PyTorch and matches jitscope run",
                        () -> checkOutputs(p, results.get(p.sample().className()), seed)),
                DynamicTest.dynamicTest(p.sample().className() + ": operator kinds match torch.jit.script of the same file",
                        () -> checkKinds(p, results.get(p.sample().className())))));
    }

    private static void checkOutputs(Prepared p, JsonNode r, long seed) throws Exception {
        String what = p.sample().className() + " (input seed " + seed + ")";
        if (p.script().exitCode() != 0) fail(what + ": jitscope script exit " + p.script().exitCode() + "\n" + p.script().stderr());
        if (!r.get("load_error").isNull()) fail(what + ": torch.jit.load/run of JitScope's archive: " + r.get("load_error").asText());
        List<String> args = new ArrayList<>(List.of("run", p.archive().toString()));
        for (JsonNode in : r.get("inputs")) args.addAll(List.of("--input", in.asText()));
        Path out = Files.createTempDirectory("jitscope-sample-run");
        args.addAll(List.of("--out", out.toString()));
        CliRunResult run = CliProcess.run(TIMEOUT_S, args.toArray(String[]::new));
        if (run.exitCode() != 0) fail(what + ": jitscope run exit " + run.exitCode() + "\n" + run.stderr());
        JsonNode outputs = r.get("outputs");
        assertEquals(outputs.size(), run.stdout().lines().count(), () -> what + ": outputs\n" + run.stdout());
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).isNull()) continue;
            Path file = out.resolve(RunCommand.outputName(i) + ".npy");
            if (!Files.exists(file)) fail(what + ": no output " + i + "\n" + run.stdout());
            InteropRunTest.compare(what + " output " + i, Npy.read(Path.of(outputs.get(i).asText())), Npy.read(file));
        }
    }

    private static void checkKinds(Prepared p, JsonNode r) throws Exception {
        String name = p.sample().className();
        if (!r.get("script_error").isNull()) fail(name + ": PyTorch could not script the sample: " + r.get("script_error").asText());
        CliRunResult graph = CliProcess.run(TIMEOUT_S, "graph", p.source().toString(), "--class", name, "--inlined");
        if (graph.exitCode() != 0) fail(name + ": jitscope graph exit " + graph.exitCode() + "\n" + graph.stderr());
        // The tutorial models must print PyTorch's operators exactly, control flow and bookkeeping included.
        // The others run through our torch.nn sources, whose argument checks are loops where PyTorch's
        // Python has comprehensions that TorchScript unrolls: there the tensor computation must match.
        boolean tutorial = TUTORIAL.contains(name);
        Map<String, Integer> expected = counts(r.get(tutorial ? "counts" : "tensor_counts"));
        Map<String, Integer> actual = tutorial ? OpKindCensus.count(graph.stdout()) : OpKindCensus.countTensorOps(graph.stdout());
        double score = OpKindCensus.score(expected, actual);
        double required = tutorial ? 1.0 : 0.95;
        assertTrue(score >= required, () -> name + ": " + (tutorial ? "operator" : "tensor operator") + " kinds score "
                + score + " < " + required + "\n" + OpKindCensus.differences(expected, actual));
    }

    private static Map<String, Integer> counts(JsonNode node) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }
}
