package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial sample models run eagerly give PyTorch's outputs: our instance's parameters are
 * written as a state dict, PyTorch runs the same source file with them on the same inputs.
 */
class SampleModelsAgainstPyTorchTest {
    @TempDir Path dir;

    static final Path SAMPLES = Path.of("..", "sample-models", "src", "main", "resources", "dev", "jitscope", "samples");

    /** file, class, inputs ("2x4" a float32 normal sample; "i20:2x6" int64 tokens below 20), offset added to float inputs. */
    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("simple_model.py", "SimpleModel", List.of("2x4"), 0.0),
                Arguments.of("control_flow_model.py", "ControlFlowModel", List.of("3x4"), 1.5),
                Arguments.of("control_flow_model.py", "ControlFlowModel", List.of("3x4"), -1.5),
                Arguments.of("my_cell.py", "MyCell", List.of("3x4", "3x4"), 0.0),
                Arguments.of("my_cell.py", "MyCell", List.of("3x4", "3x4"), -2.0),
                Arguments.of("no_control_flow.py", "NoControlFlow", List.of("5x8"), 0.0),
                Arguments.of("same_branches.py", "SameBranches", List.of("2x3"), -1.0),
                Arguments.of("while_loop.py", "WhileLoop", List.of("4x4"), 0.0),
                Arguments.of("recurrent_loop.py", "RecurrentLoop", List.of("5x2x4"), 0.0),
                Arguments.of("containers.py", "Containers", List.of("2x3"), 0.0),
                Arguments.of("small_cnn.py", "SmallCNN", List.of("2x3x8x8"), 0.0),
                Arguments.of("tiny_transformer.py", "TinyTransformer", List.of("i50:2x6"), 0.0),
                Arguments.of("module_zoo.py", "ModuleZoo", List.of("2x3x8x8", "i20:2x6"), 0.0));
    }

    @ParameterizedTest(name = "{1} {0} offset {3}")
    @MethodSource("models")
    void eagerOutputsMatchPyTorch(String file, String className, List<String> inputs, double offset) throws Exception {
        PythonReference.requirePyTorch();
        compareWithPyTorch(dir, LibraryResolver.standard(), file, className, inputs, offset);
    }

    static void compareWithPyTorch(Path dir, LibraryResolver library, String file, String className, List<String> specs, double offset)
            throws Exception {
        Path model = SAMPLES.resolve(file);
        Source src = new Source(file, Files.readString(model));
        EagerSession session = EagerSources.load(src, library, new ByteArrayOutputStream());
        session.manualSeed(7);
        ModuleInstance m = session.instantiate(className, List.of(), Map.of());
        session.call(m, "eval", List.of());

        Files.createDirectories(dir.resolve("state"));
        m.stateDict().forEach((k, t) -> Npy.write(dir.resolve("state").resolve(k + ".npy"), t));
        Random rnd = new Random(file.hashCode() + (long) (offset * 10));
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Tensor x = input(rnd, specs.get(i), offset);
            inputs.add(x);
            Npy.write(dir.resolve("in_" + i + ".npy"), x);
        }
        Object ours = session.call(m, "forward", inputs);

        String out = PythonReference.runResource(SampleModelsAgainstPyTorchTest.class, "eager_reference.py", dir,
                List.of(model.toAbsolutePath().toString(), className, dir.toString(), String.valueOf(specs.size())), 120);
        List<Object> leaves = new ArrayList<>();
        flatten(ours, leaves);
        int n = Integer.parseInt(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(n, leaves.size(), "number of output values");
        for (int k = 0; k < n; k++) {
            Tensor expected = Npy.read(dir.resolve("out_" + k + ".npy"));
            assertClose(expected, leaves.get(k), className + " output " + k);
        }
    }

    static Tensor input(Random rnd, String spec, double offset) {
        String dims = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : spec;
        int[] shape = java.util.Arrays.stream(dims.split("x")).mapToInt(Integer::parseInt).toArray();
        if (!spec.startsWith("i")) return randn(rnd, shape, offset);
        int bound = Integer.parseInt(spec.substring(1, spec.indexOf(':')));
        long[] v = new long[Tensor.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextInt(bound);
        return Tensor.contiguous(Storage.wrap(v), shape);
    }

    static Tensor randn(Random rnd, int[] shape, double offset) {
        float[] v = new float[Tensor.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextGaussian() + offset);
        return Tensor.contiguous(Storage.wrap(v), shape);
    }

    static void flatten(Object v, List<Object> out) {
        if (v instanceof Tuple t) t.items().forEach(x -> flatten(x, out));
        else if (v instanceof List<?> l) l.forEach(x -> flatten(x, out));
        else if (v instanceof Map<?, ?> m) m.values().forEach(x -> flatten(x, out));
        else out.add(v);
    }

    static void assertClose(Tensor expected, Object actual, String what) {
        if (!(actual instanceof Tensor a)) {
            assertEquals(0, expected.dim(), what + ": a Python scalar");
            double v = actual instanceof Boolean b ? (b ? 1 : 0) : ((Number) actual).doubleValue();
            assertEquals(expected.getDouble(0), v, 1e-6, what);
            return;
        }
        assertArrayEquals(expected.shape(), a.shape(), what + ": shape " + Arrays.toString(a.shape()));
        for (int i = 0; i < expected.numel(); i++) {
            double e = expected.getDouble(i), g = a.getDouble(i);
            assertTrue(Math.abs(e - g) <= 1e-4 * Math.max(1, Math.abs(e)), what + "[" + i + "]: expected " + e + " but was " + g);
        }
    }
}
