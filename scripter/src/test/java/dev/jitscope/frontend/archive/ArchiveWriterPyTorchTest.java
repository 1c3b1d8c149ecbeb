package dev.jitscope.frontend.archive;

import dev.jitscope.frontend.PyTorchReference;
import dev.jitscope.ir.archive.ArchiveWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Archives loaded by us and written back with {@link ArchiveWriter} load in PyTorch 1.13 with the
 * same state_dict (values, dtypes, strides) and the same forward results as the originals.
 */
class ArchiveWriterPyTorchTest {
    static final List<String> MODELS = List.of("tiny", "attrs", "lstm", "resnet18", "traced_constant");
    @TempDir static Path dir;
    static Path models;

    @BeforeAll
    static void makeModels() throws Exception {
        String prepared = System.getProperty("jitscope.archive.models");
        if (prepared != null) {
            models = Path.of(prepared);
            return;
        }
        PyTorchReference.requirePyTorch();
        models = dir;
        List<String> args = new ArrayList<>(List.of(dir.toString()));
        args.addAll(MODELS);
        PyTorchReference.runScript("/dev/jitscope/frontend/archive/make_models.py", dir, args);
    }

    static Path rewrite(String name) {
        LoadedModel m = ModelImporter.load(models.resolve(name + ".pt"));
        Path out = dir.resolve(name + "_rewritten.pt");
        try (ArchiveWriter w = ArchiveWriter.create(out, name + "_rewritten")) {
            w.writeData(m.root());
            for (Map.Entry<String, String> c : m.code().entrySet()) w.writeCode(c.getKey(), c.getValue());
            w.writeConstants(m.constants());
            w.writeVersion(m.version());
        }
        return out;
    }

    @Test
    void pyTorchLoadsRewrittenArchivesUnchanged() throws Exception {
        PyTorchReference.requirePyTorch();
        List<String> args = new ArrayList<>();
        for (String name : MODELS) {
            args.add(models.resolve(name + ".pt").toString());
            args.add(rewrite(name).toString());
        }
        String out = PyTorchReference.runScript("/dev/jitscope/frontend/archive/check_rewritten.py", dir, args);
        for (String name : MODELS) assertTrue(out.contains("same " + name), out);
    }

    @Test
    void rewrittenArchivesLoadBackHere() {
        for (String name : MODELS) {
            LoadedModel again = ModelImporter.load(rewrite(name));
            LoadedModel original = ModelImporter.load(models.resolve(name + ".pt"));
            assertEquals(original.root().type().qualifiedName(), again.root().type().qualifiedName());
            assertEquals(original.constants().size(), again.constants().size(), name);
        }
    }
}
