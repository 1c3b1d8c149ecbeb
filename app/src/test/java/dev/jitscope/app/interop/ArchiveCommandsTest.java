package dev.jitscope.app.interop;

import dev.jitscope.app.cli.CliRunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** graph, code and modules on archives PyTorch wrote (the interop suite's tutorial models). */
class ArchiveCommandsTest {

    @Test
    void modulesListsEveryParameterAndBufferPyTorchListsWithDtypeAndShape() {
        for (String name : new String[] {"mycell", "resnet18"}) {
            InteropSuite.Archive a = InteropSuite.archive(name);
            CliRunResult run = CliRunResult.of("modules", a.path().toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stdout().startsWith("<root>: " + a.type() + "\n"), run.stdout());
            check(run.stdout(), a.parameters(), "parameter");
            check(run.stdout(), a.buffers(), "buffer");
        }
    }

    private static void check(String out, Map<String, String> expected, String kind) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String line = e.getKey() + " (" + kind + "): " + e.getValue();
            assertTrue(out.lines().anyMatch(l -> l.strip().equals(line)), () -> "missing '" + line + "' in:\n" + out);
        }
    }

    @Test
    void graphWithoutInliningKeepsTheCallsAndInlinedHasNone() {
        InteropSuite.Archive a = InteropSuite.archive("mycell");
        CliRunResult plain = CliRunResult.of("graph", a.path().toString());
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertTrue(plain.stdout().startsWith("graph(%self : " + a.type() + ","), plain.stdout());
        assertTrue(plain.stdout().contains("prim::CallMethod[name=\"forward\"]"), plain.stdout());
        CliRunResult inlined = CliRunResult.of("graph", a.path().toString(), "--inlined");
        assertEquals(0, inlined.exitCode(), inlined.stderr());
        assertTrue(!inlined.stdout().contains("prim::CallMethod"), inlined.stdout());
    }

    @Test
    void codePrintsTheRootClassSource() {
        InteropSuite.Archive a = InteropSuite.archive("mycell");
        CliRunResult run = CliRunResult.of("code", a.path().toString());
        assertEquals(0, run.exitCode(), run.stderr());
        String simpleName = a.type().substring(a.type().lastIndexOf('.') + 1);
        assertTrue(run.stdout().contains("class " + simpleName + "(Module):"), run.stdout());
        assertTrue(run.stdout().contains("def forward(self: " + a.type() + ","), run.stdout());
    }

    @Test
    void unknownMethodIsOneDiagnosticNamingTheMethodsThereAre() {
        InteropSuite.Archive a = InteropSuite.archive("mycell");
        CliRunResult run = CliRunResult.of("graph", a.path().toString(), "--method", "backward");
        assertEquals(1, run.exitCode());
        assertEquals(a.path() + ": error: the root module " + a.type() + " has no method 'backward'; its methods are: forward",
                run.stderr().strip());
    }

    @Test
    void aFileThatIsNotAnArchiveIsOneDiagnosticWithoutStackTrace(@TempDir Path dir) throws IOException {
        Path notZip = Files.writeString(dir.resolve("model.pt"), "def forward(self):\n");
        for (String command : new String[] {"graph", "code", "modules"}) {
            CliRunResult run = CliRunResult.of(command, notZip.toString());
            assertEquals(1, run.exitCode(), run.stderr());
            assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
            assertTrue(run.stderr().startsWith(notZip.toString()) && run.stderr().contains(": error: "), run.stderr());
        }
    }
}
