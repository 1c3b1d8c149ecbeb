package dev.jitscope.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void helpListsTheSubcommandsAndExitsZero() {
        CliRunResult run = CliRunResult.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.stdout().contains("Usage: jitscope"), run.stdout());
        assertTrue(run.stdout().contains("script"), run.stdout());
    }

    @Test
    void unknownSubcommandIsUsageErrorWithStatusTwo() {
        // a word near no subcommand: for a near miss picocli prints "Did you mean" instead of the usage
        CliRunResult run = CliRunResult.of("xyzzy");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("Unmatched argument"), run.stderr());
        assertTrue(run.stderr().contains("Usage: jitscope"), run.stderr());
    }

    @Test
    void missingFileIsOneDiagnosticWithStatusOne(@TempDir Path dir) {
        Path missing = dir.resolve("absent.py");
        CliRunResult run = CliRunResult.of("script", missing.toString());
        assertEquals(1, run.exitCode());
        assertEquals(missing + ": error: no such file", run.stderr().strip());
    }

    static final String DOUBLER = String.join("\n",
                "import torch",
                "def scale(x: torch.Tensor, n: int) -> torch.Tensor:",
                "    return x * n",
                "class Doubler(torch.nn.Module):",
                "    def forward(self, x: torch.Tensor) -> torch.Tensor:",
                "        if x.sum() > 0:",
                "            return x * 2",
                "        return scale(x, 3)",
                "");

    @Test
    void scriptListsTheSignaturesOfCompiledFunctionsAndMethods(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.py");
        Files.writeString(file, DOUBLER);
        CliRunResult run = CliRunResult.of("script", file.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(String.join("\n",
                "__torch__.scale(x: Tensor, n: int) -> Tensor",
                "__torch__.Doubler.forward(self: __torch__.Doubler, x: Tensor) -> Tensor"), run.stdout().strip());
    }

    @Test
    void scriptWithGraphPrintsEachGraphWithSourceLocationsAfterItsSignature(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.py");
        Files.writeString(file, DOUBLER);
        CliRunResult run = CliRunResult.of("script", "--graph", file.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        String out = run.stdout();
        int forward = out.indexOf("__torch__.Doubler.forward(");
        assertTrue(forward > 0, out);
        String forwardGraph = out.substring(forward);
        assertTrue(forwardGraph.contains("\ngraph(%self : __torch__.Doubler,"), out);
        assertTrue(forwardGraph.contains("= prim::If("), out);
        assertTrue(forwardGraph.contains("= aten::sum(%x) # " + file + ":6:11"), out);
    }
}
