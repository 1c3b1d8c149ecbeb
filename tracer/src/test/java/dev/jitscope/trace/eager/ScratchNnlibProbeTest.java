package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class ScratchNnlibProbeTest {
    @TempDir Path dir;

    static LibraryResolver nnlibWorktree() throws Exception {
        Path root = Path.of("/work/wt/nnlib/scripter/src/main/resources/dev/jitscope/nn");
        Map<String, Source> mods = new HashMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".py")).toList()) {
                String rel = root.relativize(p).toString();
                mods.put(rel.substring(0, rel.length() - 3).replace('/', '.'), new Source(rel, Files.readString(p)));
            }
        }
        return LibraryResolver.of(mods);
    }

    @Test void cnn() throws Exception { SampleModelsAgainstPyTorchTest.compareWithPyTorch(dir.resolve("a"), nnlibWorktree(), "small_cnn.py", "SmallCNN", List.of("2x3x8x8"), 0.0); }
    @Test void transformer() throws Exception { SampleModelsAgainstPyTorchTest.compareWithPyTorch(dir.resolve("b"), nnlibWorktree(), "tiny_transformer.py", "TinyTransformer", List.of("i50:2x6"), 0.0); }
    @Test void zoo() throws Exception { SampleModelsAgainstPyTorchTest.compareWithPyTorch(dir.resolve("c"), nnlibWorktree(), "module_zoo.py", "ModuleZoo", List.of("2x3x8x8", "i20:2x6"), 0.0); }
}
