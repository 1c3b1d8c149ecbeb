package dev.jitscope.app.trace;

import dev.jitscope.app.cli.CliRunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jitscope trace} as a user sees it: the archive, the warnings at each baked-in decision, the mistakes. */
class TraceCommandTest {
    @TempDir Path dir;

    @Test
    void warnsAtTheIfLineWithACaretAndWritesTheArchive() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("ControlFlowModel");
        Path out = dir.resolve("traced.pt");
        CliRunResult r = TraceFixtures.ok("trace", model.toString(), "--class", "ControlFlowModel",
                "--input", f.uniform(1, 2, 3, 4).toString(), "-o", out.toString());
        assertTrue(Files.size(out) > 0);
        int line = TraceFixtures.lineOf("ControlFlowModel", "if x.mean() > 0.5");
        assertTrue(r.stderr().contains(model + ":" + line + ":"), r.stderr());
        assertTrue(r.stderr().contains("warning: if took the then-branch (x.mean() > 0.5 was True)"), r.stderr());
        assertTrue(r.stderr().contains("if x.mean() > 0.5:"), r.stderr());
        assertTrue(r.stdout().contains("wrote " + out + " (1 divergence site)"), r.stdout());
        // the archive is a model like any other: jitscope shows its graph, with the submodule call
        String graph = TraceFixtures.ok("graph", out.toString()).stdout();
        assertTrue(graph.contains("prim::CallMethod[name=\"forward\"]"), graph);
    }

    @Test
    void aModelWithoutDecisionsTracesSilently() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("NoControlFlow");
        CliRunResult r = TraceFixtures.ok("trace", model.toString(), "--class", "NoControlFlow",
                "--input", f.uniform(-1, 1, 2, 8).toString(), "-o", dir.resolve("t.pt").toString());
        assertEquals("", r.stderr());
        assertTrue(r.stdout().contains("(0 divergence sites)"), r.stdout());
    }

    @Test
    void mistakesAreOneDiagnostic() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("MyCell");
        Path x = f.uniform(0, 1, 3, 4);
        // two module classes in the file and no --class
        CliRunResult noClass = CliRunResult.of("trace", model.toString(), "--input", x.toString(), "-o", dir.resolve("a.pt").toString());
        assertEquals(1, noClass.exitCode(), noClass.stderr());
        assertTrue(noClass.stderr().contains("--class"), noClass.stderr());
        // forward(x, h) given three inputs
        CliRunResult tooMany = CliRunResult.of("trace", model.toString(), "--class", "MyCell", "--input", x.toString(),
                x.toString(), x.toString(), "-o", dir.resolve("b.pt").toString());
        assertEquals(1, tooMany.exitCode(), tooMany.stderr());
        assertTrue(tooMany.stderr().contains("forward takes 2 argument(s)"), tooMany.stderr());
        assertFalse(tooMany.stderr().contains("Exception"), tooMany.stderr());
        // an archive is not a source
        CliRunResult archive = CliRunResult.of("trace", dir.resolve("m.pt").toString(), "--input", x.toString(), "-o", dir.resolve("c.pt").toString());
        assertEquals(1, archive.exitCode(), archive.stderr());
    }
}
