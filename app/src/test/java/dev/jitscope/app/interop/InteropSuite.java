package dev.jitscope.app.interop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.testsupport.PythonReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The archives PyTorch generates for the interop tests ({@code src/test/python/make_interop_suite.py}),
 * made once per test JVM into {@code target/interop} and reused while the manifest is newer than the
 * script.
 */
public final class InteropSuite {
    private InteropSuite() { }

    public static final Path SCRIPT = Path.of("src/test/python/make_interop_suite.py");
    public static final Path DIR = Path.of("target/interop");
    private static final long GENERATION_TIMEOUT_S = 600;

    /**
     * One archive of the manifest. {@code counts}: PyTorch's operator kinds of forward.inlined_graph;
     * {@code parameters}, {@code buffers}: dotted name to "Float(4, 4)" as named_parameters() lists them.
     */
    public record Archive(String name, String file, boolean tutorial, boolean traced, String type,
                   Map<String, Integer> counts, Map<String, String> parameters, Map<String, String> buffers,
                   List<Case> cases) {
        public Path path() { return DIR.resolve(file); }
    }

    /** One input set; outputs are depth-first flattened, null where PyTorch returned None. */
    public record Case(List<String> inputs, List<String> outputs) { }

    public record Manifest(String torch, List<Archive> archives, Map<String, String> skipped) { }

    private static Manifest manifest;

    /** Generates the suite if needed (PyTorch required: skips outside CI, fails in CI) and reads it. */
    public static synchronized Manifest manifest() {
        PythonReference.requirePyTorch();
        if (manifest == null) {
            try {
                Path file = DIR.resolve("manifest.json");
                if (!isFresh(file)) {
                    Files.createDirectories(DIR);
                    PythonReference.run(SCRIPT, DIR, List.of("."), GENERATION_TIMEOUT_S);
                }
                manifest = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                        .readValue(file.toFile(), Manifest.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return manifest;
    }

    public static Archive archive(String name) {
        return manifest().archives().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no archive '" + name + "' in the interop suite"));
    }

    private static boolean isFresh(Path manifestFile) throws IOException {
        return Files.exists(manifestFile)
                && Files.getLastModifiedTime(manifestFile).compareTo(Files.getLastModifiedTime(SCRIPT)) > 0;
    }
}
