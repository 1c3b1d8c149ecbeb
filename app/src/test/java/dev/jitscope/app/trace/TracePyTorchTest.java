package dev.jitscope.app.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PyTorch as the referee of {@code jitscope trace}: the archive loads in {@code torch.jit.load} and
 * gives what {@code jitscope run} gives on it; PyTorch's own {@code torch.jit.trace} of the same
 * source, with our weights and the same example, computes what ours computes on other inputs too
 * (so both traces kept the same branches and trip counts); and its inlined graph has the operators
 * ours has.
 */
class TracePyTorchTest {
    private static final double TOLERANCE = 1e-4;
    /** Operators PyTorch's tracer records to keep sizes symbolic; JitScope bakes sizes in as constants. */
    private static final Set<String> SIZE_OPS = Set.of("aten::size", "aten::Int", "aten::ScalarImplicit");

    @TempDir Path dir;

    @BeforeAll
    static void referee() {
        PythonReference.requirePyTorch();
    }

    /** A model, its example input shapes and value ranges, and check sets of the same shapes (value ranges). */
    record Case(String className, List<int[]> shapes, double exampleLo, double exampleHi, List<double[]> checks) {
        @Override public String toString() { return className; }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("ControlFlowModel", List.of(new int[] {3, 4}), 1, 2, List.of(new double[] {-2, -1}, new double[] {2, 3})),
                new Case("ControlFlowModel", List.of(new int[] {3, 4}), -2, -1, List.of(new double[] {1, 2})),
                new Case("MyCell", List.of(new int[] {3, 4}, new int[] {3, 4}), -1, 1, List.of(new double[] {-100, 100})),
                new Case("RecurrentLoop", List.of(new int[] {3, 2, 4}), -1, 1, List.of(new double[] {-2, 2})),
                new Case("WhileLoop", List.of(new int[] {8}), 2, 3, List.of(new double[] {0, 0.1})),
                new Case("SameBranches", List.of(new int[] {3, 4}), 0, 1, List.of(new double[] {-1, 0})),
                new Case("NoControlFlow", List.of(new int[] {2, 8}), -1, 1, List.of(new double[] {-5, 5})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourTraceLoadsInPyTorchAndKeepsWhatPyTorchsTraceKeeps(Case c) throws Exception {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample(c.className());
        List<List<Path>> sets = new ArrayList<>();
        List<Path> example = new ArrayList<>();
        for (int[] s : c.shapes()) example.add(f.uniform(c.exampleLo(), c.exampleHi(), s));
        sets.add(example);
        for (double[] range : c.checks()) {
            List<Path> set = new ArrayList<>();
            for (int[] s : c.shapes()) set.add(f.uniform(range[0], range[1], s));
            sets.add(set);
        }
        Path traced = dir.resolve("traced.pt");
        List<String> args = new ArrayList<>(List.of("trace", model.toString(), "--class", c.className(), "--graph", "--inlined", "-o", traced.toString(), "--input"));
        for (Path p : example) args.add(p.toString());
        CliRunResult trace = TraceFixtures.ok(args.toArray(String[]::new));

        List<Object> specSets = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            Path out = dir.resolve("run" + i);
            List<String> run = new ArrayList<>(List.of("run", traced.toString(), "--out", out.toString()));
            for (Path p : sets.get(i)) run.add(p.toString());
            TraceFixtures.ok(run.toArray(String[]::new));
            List<String> outputs = new ArrayList<>();
            try (Stream<Path> files = Files.list(out)) {
                files.map(Path::toString).filter(s -> s.endsWith(".npy")).sorted(TracePyTorchTest::byOutputIndex).forEach(outputs::add);
            }
            specSets.add(Map.of("inputs", sets.get(i).stream().map(Path::toString).toList(), "jitscope_outputs", outputs));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("model", model.toString());
        spec.put("class", c.className());
        spec.put("ours", traced.toString());
        spec.put("example", example.stream().map(Path::toString).toList());
        spec.put("sets", specSets);
        Path specFile = dir.resolve("spec.json");
        new ObjectMapper().writeValue(specFile.toFile(), spec);

        String printed = PythonReference.runResource(TracePyTorchTest.class, "trace_referee.py", dir, List.of(specFile.toString()), 300);
        JsonNode result = new ObjectMapper().readTree(printed.lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(0, result.get("missing_keys").size(), printed);
        for (int i = 0; i < sets.size(); i++) {
            JsonNode s = result.get("sets").get(i);
            String where = c.className() + " input set " + i + ": " + s;
            assertTrue(s.has("ours_vs_jitscope") && !s.get("ours_vs_jitscope").isNull()
                    && s.get("ours_vs_jitscope").asDouble() <= TOLERANCE, "torch.jit.load of our trace vs jitscope run, " + where);
            assertTrue(s.has("torch_trace_vs_ours") && !s.get("torch_trace_vs_ours").isNull()
                    && s.get("torch_trace_vs_ours").asDouble() <= TOLERANCE, "PyTorch's trace vs ours, " + where);
        }
        assertEquals(withoutSizeOps(kinds(result.get("torch_trace_kinds"))), withoutSizeOps(atenKinds(trace.stdout())),
                "aten operators of PyTorch's traced inlined_graph vs ours:\n" + trace.stdout());
        // module structure: the same submodule calls (forward, forward1, ... for repeated ones) in the top graph
        String top = TraceFixtures.ok("graph", traced.toString()).stdout();
        List<String> ours = new ArrayList<>();
        Matcher m = Pattern.compile("prim::CallMethod\\[name=\"([A-Za-z0-9_]+)\"\\]").matcher(top);
        while (m.find()) ours.add(m.group(1));
        List<String> theirs = new ArrayList<>();
        result.get("torch_trace_calls").forEach(n -> theirs.add(n.asText()));
        assertEquals(theirs, ours, "prim::CallMethod of PyTorch's traced graph vs ours:\n" + top);
    }

    private static int byOutputIndex(String a, String b) {
        return Integer.compare(outputIndex(a), outputIndex(b));
    }

    private static int outputIndex(String file) {
        Matcher m = Pattern.compile("output_(\\d+)\\.npy$").matcher(file);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static Map<String, Integer> kinds(JsonNode counts) {
        Map<String, Integer> out = new HashMap<>();
        counts.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    private static Map<String, Integer> atenKinds(String graphText) {
        Map<String, Integer> out = new HashMap<>();
        Matcher m = Pattern.compile("= (aten::[A-Za-z0-9_]+)[\\[(]").matcher(graphText);
        while (m.find()) out.merge(m.group(1), 1, Integer::sum);
        return out;
    }

    private static Map<String, Integer> withoutSizeOps(Map<String, Integer> kinds) {
        Map<String, Integer> out = new HashMap<>(kinds);
        out.keySet().removeAll(SIZE_OPS);
        return out;
    }
}
