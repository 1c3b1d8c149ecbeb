package dev.jitscope.app.source;

import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.samples.SampleModels;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three mistakes issue 4 names, each one clear diagnostic and exit status 1, with nothing written:
 * a Python feature outside the subset, a type error in forward, a state_dict that does not fit.
 */
class SourceModelDiagnosticsTest {
    @TempDir Path dir;

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = SourceModelDiagnosticsTest.class.getResourceAsStream(name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** Exactly one "error:" line, at file:line:col, followed by the source line. */
    private static void assertOneDiagnosticAt(CliRunResult run, String location, String sourceText) {
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().startsWith(location), () -> "expected the diagnostic at " + location + ":\n" + run.stderr());
        assertEquals(1, run.stderr().lines().filter(l -> l.contains("error:")).count(), run.stderr());
        assertTrue(run.stderr().contains(sourceText), run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.stderr());
    }

    @Test
    void unsupportedPythonFeatureIsOneDiagnosticAtItsLine() throws IOException {
        Path src = resource("unsupported_feature.py");
        CliRunResult run = CliRunResult.of("script", src.toString(), "--class", "Unsupported", "-o", dir.resolve("u.pt").toString());
        assertOneDiagnosticAt(run, src + ":11:", "try:");
        assertFalse(Files.exists(dir.resolve("u.pt")));
    }

    @Test
    void typeErrorInForwardIsOneDiagnosticAtTheCall() throws IOException {
        Path src = resource("forward_type_error.py");
        CliRunResult run = CliRunResult.of("script", src.toString(), "--class", "TypeErrorInForward", "-o", dir.resolve("t.pt").toString());
        assertOneDiagnosticAt(run, src + ":13:", "torch.relu(self.label)");
        assertTrue(run.stderr().contains("str"), run.stderr());
        assertFalse(Files.exists(dir.resolve("t.pt")));
    }

    @Test
    void stateDictWithAWrongShapeNamesTheKeyAndBothShapes() throws Exception {
        PythonReference.requirePyTorch();
        Path src = dir.resolve("simple_model.py");
        Files.writeString(src, SampleModels.read("simple_model.py"));
        PythonReference.runResource(SourceModelDiagnosticsTest.class, "make_wrong_state_dict.py", dir, List.of(src.toString()), 120);
        Path out = dir.resolve("w.pt");
        CliRunResult bad = CliRunResult.of("script", src.toString(), "--class", "SimpleModel",
                "--weights", dir.resolve("wrong_shape.pt").toString(), "-o", out.toString());
        assertEquals(1, bad.exitCode(), bad.stdout() + bad.stderr());
        assertEquals(1, bad.stderr().lines().filter(l -> l.contains("error:")).count(), bad.stderr());
        assertTrue(bad.stderr().contains("linear.weight") && bad.stderr().contains("[5, 4]") && bad.stderr().contains("[3, 4]"),
                bad.stderr());
        assertFalse(Files.exists(out), "nothing is written when the weights do not fit");
        CliRunResult good = CliRunResult.of("script", src.toString(), "--class", "SimpleModel",
                "--weights", dir.resolve("right_shape.pt").toString(), "-o", out.toString());
        assertEquals(0, good.exitCode(), good.stderr());
        assertTrue(Files.exists(out));
    }
}
