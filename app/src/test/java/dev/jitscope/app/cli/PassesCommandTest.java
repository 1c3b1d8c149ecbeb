package dev.jitscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.passes.PassRegistry;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jitscope passes} on a TorchScript source: the table, --json, --dump, --input, --list and mistakes. */
class PassesCommandTest {
    @TempDir Path dir;

    static final String CELL = String.join("\n",
            "import torch",
            "class Cell(torch.nn.Module):",
            "    def forward(self, x: torch.Tensor, h: torch.Tensor) -> torch.Tensor:",
            "        k = len([1, 2, 3])",
            "        if k > 2:",
            "            y = torch.tanh(x * 6 + h)",
            "        else:",
            "            y = torch.relu(x)",
            "        return torch.sigmoid(y)",
            "");

    private Path cell() throws IOException {
        Path file = dir.resolve("cell.py");
        Files.writeString(file, CELL);
        return file;
    }

    private Path npy(String name, int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT32, shape);
        for (int i = 0; i < t.numel(); i++) t.storage().floats()[i] = (float) Math.sin(i + name.length());
        Path p = dir.resolve(name);
        Npy.write(p, t);
        return p;
    }

    @Test
    void tableShowsEveryPassOfThePipelineWithNodeCounts() throws IOException {
        CliRunResult run = CliRunResult.of("passes", cell().toString());
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals("pipeline default on __torch__.Cell.forward", lines.get(0));
        for (int i = 0; i < PassRegistry.DEFAULT.size(); i++) {
            String row = lines.get(2 + i);
            assertTrue(row.matches("\\s*" + (i + 1) + "\\s+" + PassRegistry.DEFAULT.get(i) + "\\s+(yes|no)\\s+[0-9.]+\\s+\\d+ → \\d+"), row);
        }
        // len of the literal folds, then the comparison and the If: the first folding round changes the graph
        assertTrue(lines.get(3).contains(" constant-propagation ") && lines.get(3).contains(" yes "), run.stdout());
        assertTrue(lines.get(2).contains(" inline ") && lines.get(2).contains(" no "), "nothing to inline: " + run.stdout());
    }

    @Test
    void inputsAreCheckedAgainstTheUnoptimizedRunAndFusionHappens() throws IOException {
        Path x = npy("x.npy", 2, 5), h = npy("h.npy", 2, 5), dump = dir.resolve("snap");
        CliRunResult run = CliRunResult.of("passes", cell().toString(), "--pipeline", "inference",
                "--input", x.toString(), h.toString(), "--dump", dump.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("outputs equal to the unoptimized run"), run.stdout());
        int n = PassRegistry.INFERENCE.size();
        for (int i = 0; i < n; i++) {
            String stem = String.format("%02d_%s", i + 1, PassRegistry.INFERENCE.get(i));
            assertTrue(Files.exists(dump.resolve(stem + ".before.txt")) && Files.exists(dump.resolve(stem + ".after.txt")), stem);
        }
        String last = Files.readString(dump.resolve(String.format("%02d_canonicalize.after.txt", n)));
        assertTrue(last.contains("prim::FusionGroup"), last);
        assertTrue(last.contains("Float(2, 5"), "shapes from the inputs: " + last);
        String first = Files.readString(dump.resolve("01_inline.before.txt"));
        assertFalse(first.contains("prim::FusionGroup"), first);
    }

    @Test
    void jsonHasTheIssuesFieldsPerPass() throws IOException {
        CliRunResult run = CliRunResult.of("passes", cell().toString(), "--pipeline", "peephole,constant-propagation,dead-code-elimination", "--json");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode passes = new ObjectMapper().readTree(run.stdout()).get("passes");
        assertEquals(3, passes.size());
        List<String> names = new ArrayList<>();
        for (JsonNode p : passes) {
            names.add(p.get("name").asText());
            for (String f : List.of("changed", "ms", "nodes_before", "nodes_after", "added", "removed"))
                assertTrue(p.has(f), f + " missing in " + p);
        }
        assertEquals(List.of("peephole", "constant-propagation", "dead-code-elimination"), names);
        JsonNode fold = passes.get(1);
        assertTrue(fold.get("changed").asBoolean());
        assertTrue(fold.get("removed").toString().contains("prim::If @" + dir.resolve("cell.py") + ":5:9"), fold.toString());
        assertTrue(fold.get("removed").toString().contains("aten::relu"), "the branch not taken goes: " + fold);
    }

    @Test
    void listNamesPassesAndPipelines() {
        CliRunResult run = CliRunResult.of("passes", "--list");
        assertEquals(0, run.exitCode(), run.stderr());
        for (String p : PassRegistry.INFERENCE) assertTrue(run.stdout().contains("\n  " + p + " "), p);
        assertTrue(run.stdout().contains("  default    " + String.join(",", PassRegistry.DEFAULT)), run.stdout());
        assertTrue(run.stdout().contains("  inference  " + String.join(",", PassRegistry.INFERENCE)), run.stdout());
    }

    @Test
    void unknownPassAndWrongInputCountAreDiagnostics() throws IOException {
        CliRunResult bad = CliRunResult.of("passes", cell().toString(), "--pipeline", "inline,frobnicate");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("unknown pass(es) [frobnicate]"), bad.stderr());
        CliRunResult one = CliRunResult.of("passes", cell().toString(), "--input", npy("x.npy", 3).toString());
        assertEquals(1, one.exitCode());
        assertTrue(one.stderr().contains("takes 2 inputs but 1 .npy files were given"), one.stderr());
    }
}
