package dev.jitscope.app.source;

import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.samples.SampleModels;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive subcommands on {@code MODEL.py --class NAME}: the instance is built, scripted and used in place of an archive. */
class SourceModelCommandsTest {
    @TempDir Path dir;
    Path model;

    @BeforeEach
    void sample() throws IOException {
        model = dir.resolve("simple_model.py");
        Files.writeString(model, SampleModels.read("simple_model.py"));
    }

    @Test
    void modulesShowsTheBuiltInstanceAndArgsReachInit() {
        CliRunResult plain = CliRunResult.of("modules", model.toString(), "--class", "SimpleModel");
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertTrue(plain.stdout().contains("linear.weight (parameter): Float(3, 4)"), plain.stdout());
        CliRunResult wider = CliRunResult.of("modules", model.toString(), "--class", "SimpleModel", "--args", "[4, 5]");
        assertTrue(wider.stdout().contains("linear.weight (parameter): Float(5, 4)"), wider.stdout());
        CliRunResult keywords = CliRunResult.of("modules", model.toString(), "--class", "SimpleModel", "--args", "{\"out_features\": 2}");
        assertTrue(keywords.stdout().contains("linear.weight (parameter): Float(2, 4)"), keywords.stdout());
    }

    @Test
    void runAndGraphWorkOnSource() {
        Path x = dir.resolve("x.npy");
        Npy.write(x, Tensor.contiguous(Storage.wrap(new float[8]), 2, 4));
        CliRunResult run = CliRunResult.of("run", model.toString(), "--class", "SimpleModel", "--input", x.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("output_0: Float(2, 3)", run.stdout().strip());
        CliRunResult graph = CliRunResult.of("graph", model.toString(), "--class", "SimpleModel", "--inlined");
        assertEquals(0, graph.exitCode(), graph.stderr());
        assertTrue(graph.stdout().contains("aten::linear") && graph.stdout().contains("aten::relu"), graph.stdout());
        CliRunResult passes = CliRunResult.of("passes", model.toString(), "--class", "SimpleModel");
        assertEquals(0, passes.exitCode(), passes.stderr());
    }

    @Test
    void theSameSeedBuildsTheSameWeights() throws IOException {
        Path a = dir.resolve("a.pt"), b = dir.resolve("b.pt"), c = dir.resolve("c.pt");
        assertEquals(0, CliRunResult.of("export", model.toString(), "--class", "SimpleModel", "--seed", "7", "-o", a.toString()).exitCode());
        assertEquals(0, CliRunResult.of("export", model.toString(), "--class", "SimpleModel", "--seed", "7", "-o", b.toString()).exitCode());
        assertEquals(0, CliRunResult.of("export", model.toString(), "--class", "SimpleModel", "--seed", "8", "-o", c.toString()).exitCode());
        Path x = dir.resolve("x.npy");
        Npy.write(x, Tensor.contiguous(Storage.wrap(new float[] {1, 2, 3, 4}), 1, 4));
        String ra = CliRunResult.of("run", a.toString(), x.toString(), "--out", dir.resolve("oa").toString()).stdout();
        CliRunResult.of("run", b.toString(), x.toString(), "--out", dir.resolve("ob").toString());
        CliRunResult.of("run", c.toString(), x.toString(), "--out", dir.resolve("oc").toString());
        assertEquals("output_0: Float(1, 3)", ra.strip());
        Tensor oa = Npy.read(dir.resolve("oa/output_0.npy")), ob = Npy.read(dir.resolve("ob/output_0.npy")),
                oc = Npy.read(dir.resolve("oc/output_0.npy"));
        boolean differs = false;
        for (int i = 0; i < 3; i++) {
            assertEquals(oa.getDouble(i), ob.getDouble(i), 0.0, "same seed, same weights");
            differs |= oa.getDouble(i) != oc.getDouble(i);
        }
        assertTrue(differs, "another seed draws other weights");
    }

    @Test
    void anUnknownClassListsTheModuleClasses() {
        CliRunResult run = CliRunResult.of("script", model.toString(), "--class", "Nope");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("no class 'Nope'") && run.stderr().contains("SimpleModel"), run.stderr());
        CliRunResult badArgs = CliRunResult.of("script", model.toString(), "--class", "SimpleModel", "--args", "[4,");
        assertEquals(1, badArgs.exitCode());
        assertTrue(badArgs.stderr().contains("--args is not JSON"), badArgs.stderr());
    }
}
