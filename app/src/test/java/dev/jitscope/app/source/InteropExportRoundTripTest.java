package dev.jitscope.app.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.app.interop.InteropSuite;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The round trip of issue 4: every archive of the interop suite (written by PyTorch) →
 * {@code jitscope export} → {@code torch.jit.load} computes PyTorch's outputs of the original
 * archive on every input set (‖ours − torch‖ / ‖torch‖ ≤ 1e-4, integers exact). All archives are
 * exported first, then one PyTorch process runs them ({@code run_exported.py}); one test per archive.
 */
class InteropExportRoundTripTest {
    static final double RELATIVE = 1e-4;

    @TestFactory
    Stream<DynamicTest> everyExportedArchiveGivesTheOriginalsOutputsInPyTorch() throws Exception {
        InteropSuite.Manifest manifest = InteropSuite.manifest();
        Path dir = Files.createTempDirectory("jitscope-export");
        Map<String, CliRunResult> exports = new LinkedHashMap<>();
        for (InteropSuite.Archive a : manifest.archives())
            exports.put(a.name(), CliRunResult.of("export", a.path().toString(), "-o", dir.resolve(a.file()).toString()));
        Path results = dir.resolve("results.json");
        PythonReference.runResource(InteropExportRoundTripTest.class, "run_exported.py", dir,
                List.of(InteropSuite.DIR.toAbsolutePath().toString(), dir.toString(), results.toString()), 900);
        JsonNode byName = new ObjectMapper().readTree(results.toFile());
        return manifest.archives().stream().map(a -> DynamicTest.dynamicTest(a.name(),
                () -> check(a, exports.get(a.name()), byName.get(a.name()))));
    }

    private static void check(InteropSuite.Archive a, CliRunResult export, JsonNode result) {
        if (export.exitCode() != 0) fail(a.name() + ": export exit " + export.exitCode() + "\n" + export.stderr());
        assertNotNull(result, a.name() + ": PyTorch did not run the exported archive");
        if (result.has("error")) fail(a.name() + ": torch.jit.load/run of the exported archive: " + result.get("error").asText());
        JsonNode cases = result.get("cases");
        assertEquals(a.cases().size(), cases.size(), a.name() + ": input sets");
        for (int c = 0; c < cases.size(); c++) {
            JsonNode r = cases.get(c);
            String what = a.name() + " input set " + c;
            assertTrue(r.get("problem").isNull(), () -> what + ": " + r.get("problem").asText());
            double relative = r.get("relative").asDouble();
            assertTrue(relative <= RELATIVE, () -> what + ": relative error " + relative + " > " + RELATIVE);
        }
    }
}
