package dev.jitscope.app.passes;

import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.passes.verify.OutputComparison;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "done when": {@code jitscope passes} on resnet18 prints the table and dumps the snapshots; {@code graph --after}. */
class PassesCommandOnArchivesTest {
    @TempDir Path dir;

    @Test
    void passesOnResnet18PrintsTheTableDumpsSnapshotsAndKeepsTheOutputs() throws IOException {
        PassesSuite.Archive resnet = PassesSuite.manifest().archive("resnet18");
        Path dump = dir.resolve("snapshots");
        CliRunResult run = CliRunResult.of("passes", resnet.path().toString(), "--pipeline", "inference",
                "--input", PassesSuite.DIR.resolve(resnet.cases().get(0).inputs().get(0)).toString(), "--dump", dump.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("pipeline inference on __torch__.torchvision.models.resnet.ResNet.forward"), run.stdout());
        assertTrue(run.stdout().lines().anyMatch(l -> l.matches("\\s*\\d+\\s+fold-conv-batch-norm\\s+yes\\s+.*")), run.stdout());
        assertTrue(run.stdout().contains("outputs equal to the unoptimized run"), run.stdout());
        String frozen = Files.readString(dump.resolve("02_freeze.after.txt"));
        assertTrue(Files.readString(dump.resolve("02_freeze.before.txt")).contains("prim::GetAttr[name=\"weight\"]"));
        assertFalse(frozen.contains("prim::GetAttr[name=\"weight\"]"), frozen);
    }

    @Test
    void graphAfterPrintsThePipelinePrefix() {
        PassesSuite.Archive simple = PassesSuite.manifest().archive("simple");
        CliRunResult inlined = CliRunResult.of("graph", simple.path().toString(), "--pipeline", "inference", "--after", "inline");
        assertEquals(0, inlined.exitCode(), inlined.stderr());
        assertTrue(inlined.stdout().contains("aten::linear") && inlined.stdout().contains("prim::GetAttr[name=\"weight\"]"), inlined.stdout());
        CliRunResult frozen = CliRunResult.of("graph", simple.path().toString(), "--pipeline", "inference", "--after", "freeze");
        assertEquals(0, frozen.exitCode(), frozen.stderr());
        assertFalse(frozen.stdout().contains("prim::GetAttr[name=\"weight\"]"), frozen.stdout());
        CliRunResult missing = CliRunResult.of("graph", simple.path().toString(), "--after", "freeze");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("pass 'freeze' is not in pipeline default"), missing.stderr());
    }

    @Test
    void runWithEachPipelineComputesPyTorchsOutputAndRejectsAnUnknownPass() {
        PassesSuite.Archive resnet = PassesSuite.manifest().archive("resnet18");
        Tensor expected = Npy.read(PassesSuite.DIR.resolve(resnet.cases().get(0).outputs().get(0)));
        String input = PassesSuite.DIR.resolve(resnet.cases().get(0).inputs().get(0)).toString();
        for (String pipeline : List.of("none", "default", "inference", "inline,freeze,fold-conv-batch-norm")) {
            Path out = dir.resolve(pipeline.replace(',', '_'));
            CliRunResult run = CliRunResult.of("run", resnet.path().toString(), input, "--passes", pipeline, "--out", out.toString());
            assertEquals(0, run.exitCode(), pipeline + ": " + run.stderr());
            OutputComparison c = OutputComparison.of(List.of(expected), List.of(Npy.read(out.resolve("output_0.npy"))), DifferentialCheck.TOLERANCE);
            assertTrue(c.equal(), pipeline + ": " + c.mismatch());
        }
        CliRunResult bad = CliRunResult.of("run", resnet.path().toString(), input, "--passes", "default,no-such-pass");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("no-such-pass"), bad.stderr());
    }
}
