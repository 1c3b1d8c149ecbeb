package dev.jitscope.app.passes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.Function;
import dev.jitscope.tensor.Npy;
import dev.jitscope.testsupport.PythonReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every archive of the interop suite, made by PyTorch with the app's
 * {@code src/test/python/make_interop_suite.py} into the same {@code target/interop} directory the
 * interop tests use (same freshness rule: reused while the manifest is newer than the script), so a
 * test run generates the archives once for both suites.
 */
final class PassesSuite {
    private PassesSuite() { }

    static final Path SCRIPT = Path.of("src/test/python/make_interop_suite.py");
    static final Path DIR = Path.of("target/interop");

    record Archive(String name, String file, List<Case> cases) {
        Path path() { return DIR.resolve(file); }

        /** The model and its forward; a fresh load each time, so no test sees another's mutations. */
        LoadedModel load() { return ModelImporter.load(path()); }

        /** Arguments of forward for input set {@code k}: the root module, then the .npy tensors. */
        List<Object> arguments(LoadedModel model, int k) {
            List<Object> args = new ArrayList<>();
            args.add(model.root());
            for (String f : cases.get(k).inputs()) args.add(Npy.read(DIR.resolve(f)));
            Function forward = model.root().type().method("forward");
            while (args.size() < forward.graph().inputs().size()) args.add(null);   // optional masks left out
            return args;
        }
    }

    record Case(List<String> inputs, List<String> outputs) { }

    record Manifest(String torch, List<Archive> archives, Map<String, String> skipped) {
        Archive archive(String name) {
            return archives.stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("PyTorch did not build " + name + ": " + skipped.get(name)));
        }
    }

    private static Manifest manifest;

    static synchronized Manifest manifest() {
        PythonReference.requirePyTorch();
        if (manifest == null) {
            try {
                Path file = DIR.resolve("manifest.json");
                if (!Files.exists(file) || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(SCRIPT)) <= 0) {
                    Files.createDirectories(DIR);
                    PythonReference.run(SCRIPT, DIR, List.of("."), 600);
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
}
