package dev.jitscope.app.cli;

import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jitscope export} and {@code --weights}, on archives PyTorch writes at test time
 * (make_export_model.py): the exported archive loads in PyTorch and computes what PyTorch's model
 * with those weights computes; a mis-shaped state_dict is exit 1 naming the key.
 */
class ExportCommandTest {
    @TempDir Path dir;

    @BeforeEach
    void archives() throws Exception {
        PythonReference.requirePyTorch();
        PythonReference.runResource(ExportCommandTest.class, "make_export_model.py", dir, List.of(), 120);
    }

    private String p(String name) { return dir.resolve(name).toString(); }

    @Test
    void exportWithWeightsLoadsInPyTorchAndGivesItsOutputs() throws Exception {
        CliRunResult run = CliRunResult.of("export", p("model.pt"), "--weights", p("weights.pt"), "-o", p("out.pt"));
        assertEquals(0, run.exitCode(), run.stderr());
        String report = PythonReference.runResource(ExportCommandTest.class, "make_export_model.py", dir,
                List.of(p("out.pt")), 120);
        List<String> lines = report.strip().lines().toList();
        double maxDiff = Double.parseDouble(lines.get(lines.size() - 1));
        assertTrue(maxDiff < 1e-6, "PyTorch on the exported archive differs from the re-weighted model by " + maxDiff);
    }

    @Test
    void runWithWeightsComputesWithTheStateDictsTensors() {
        CliRunResult run = CliRunResult.of("run", p("model.pt"), p("x.npy"), "--weights", p("weights.pt"), "--out", p("o"));
        assertEquals(0, run.exitCode(), run.stderr());
        Tensor got = Npy.read(dir.resolve("o/output_0.npy")), want = Npy.read(dir.resolve("expected.npy"));
        assertArrayEquals(want.shape(), got.shape());
        for (int i = 0; i < want.numel(); i++) assertEquals(want.getDouble(i), got.getDouble(i), 1e-6, "element " + i);
    }

    @Test
    void misShapedStateDictIsExitOneWithTheKey() {
        CliRunResult run = CliRunResult.of("export", p("model.pt"), "--weights", p("bad_weights.pt"), "-o", p("bad.pt"));
        assertEquals(1, run.exitCode(), run.stdout());
        assertTrue(run.stderr().contains("l.weight") && run.stderr().contains("[5, 5]"), run.stderr());
        assertFalse(Files.exists(dir.resolve("bad.pt")), "nothing is written when the weights do not fit");
        CliRunResult graph = CliRunResult.of("graph", p("model.pt"), "--weights", p("bad_weights.pt"));
        assertEquals(1, graph.exitCode());
        assertTrue(graph.stderr().contains("l.weight"), graph.stderr());
    }

    @Test
    void exportFromSourceWithoutClassSaysToNameOne() throws Exception {
        Path src = dir.resolve("m.py");
        Files.writeString(src, "import torch\n");
        CliRunResult run = CliRunResult.of("export", src.toString(), "-o", p("z.pt"));
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("--class NAME"), run.stderr());
        assertFalse(Files.exists(dir.resolve("z.pt")));
    }
}
