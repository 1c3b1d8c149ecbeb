package dev.jitscope.app.interop;

import dev.jitscope.app.cli.CliProcess;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.testsupport.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code jitscope graph MODEL.pt --inlined} (run as a child process with a time limit) prints the operators PyTorch prints: for every archive of
 * the interop suite, the operator-kind census of our printed graph against PyTorch's
 * {@code forward.inlined_graph}. Score Σ min / Σ max over kinds: at least 0.95, exactly 1.0 for the
 * tutorial models.
 */
class InteropGraphTest {
    static final double MIN_SCORE = 0.95;
    /** Per archive; PyTorch itself needs well under a second for the largest of them. */
    static final long TIMEOUT_S = 60;

    @Test
    void pyTorchScriptsEveryCaseOfTheSuite() {
        Map<String, String> skipped = InteropSuite.manifest().skipped();
        assertTrue(skipped.isEmpty(), () -> "PyTorch could not build these cases: " + skipped);
    }

    @TestFactory
    Stream<DynamicTest> printedInlinedGraphHasPyTorchsOperators() {
        InteropSuite.Manifest manifest = InteropSuite.manifest();
        Prerequisites.require(CliRunResult.hasSubcommand("graph"),
                "the graph subcommand is not wired yet (needs ModelImporter, Inliner and GraphPrinter)");
        return manifest.archives().stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> checkCensus(a)));
    }

    private static void checkCensus(InteropSuite.Archive archive) throws Exception {
        CliRunResult run = CliProcess.run(TIMEOUT_S, "graph", archive.path().toString(), "--inlined");
        if (run.exitCode() == -1) fail("jitscope graph --inlined ran longer than " + TIMEOUT_S + " s and was stopped");
        if (run.exitCode() != 0) fail("jitscope graph exited " + run.exitCode() + ":\n" + run.stderr());
        Map<String, Integer> ours = OpKindCensus.count(run.stdout());
        double score = OpKindCensus.score(archive.counts(), ours);
        double required = archive.tutorial() ? 1.0 : MIN_SCORE;
        assertTrue(score >= required, () -> String.format("%s: score %.3f < %.2f; differing kinds:%n%s",
                archive.name(), score, required, OpKindCensus.differences(archive.counts(), ours)));
    }
}
