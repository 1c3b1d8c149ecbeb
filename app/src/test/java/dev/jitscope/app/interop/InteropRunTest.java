package dev.jitscope.app.interop;

import dev.jitscope.app.cli.CliProcess;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.app.cli.RunCommand;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code jitscope run MODEL.pt --input X.npy... --out DIR} computes PyTorch's numbers: one test per input
 * set of every archive of the interop suite; each output has PyTorch's shape and dtype, floating point
 * within ‖ours − torch‖ / ‖torch‖ ≤ 1e-4, integers and bools exactly.
 */
public class InteropRunTest {
    static final double RELATIVE = 1e-4;
    static final long TIMEOUT_S = 120;

    @TestFactory
    Stream<DynamicTest> runMatchesPyTorchOnEveryInputSet() {
        return InteropSuite.manifest().archives().stream().flatMap(a -> IntStream.range(0, a.cases().size())
                .mapToObj(c -> DynamicTest.dynamicTest(a.name() + " input set " + c, () -> check(a, c))));
    }

    private static void check(InteropSuite.Archive a, int c) throws Exception {
        InteropSuite.Case set = a.cases().get(c);
        String what = a.name() + " input set " + c;
        Path out = Files.createTempDirectory("jitscope-run");
        List<String> args = new ArrayList<>(List.of("run", a.path().toString()));
        for (String in : set.inputs()) args.addAll(List.of("--input", InteropSuite.DIR.resolve(in).toString()));
        args.addAll(List.of("--out", out.toString()));
        CliRunResult run = CliProcess.run(TIMEOUT_S, args.toArray(String[]::new));
        if (run.exitCode() == -1) fail(what + ": run longer than " + TIMEOUT_S + " s");
        if (run.exitCode() != 0) fail(what + ": exit " + run.exitCode() + "\n" + run.stderr());
        assertEquals(set.outputs().size(), run.stdout().lines().count(), () -> what + ": outputs\n" + run.stdout());
        for (int i = 0; i < set.outputs().size(); i++) {
            Path file = out.resolve(RunCommand.outputName(i) + ".npy");
            if (set.outputs().get(i) == null) {
                assertFalse(Files.exists(file), what + ": output " + i + " should be None");
                continue;
            }
            Tensor expected = Npy.read(InteropSuite.DIR.resolve(set.outputs().get(i)));
            if (!Files.exists(file)) fail(what + ": no output " + i + "\n" + run.stdout());
            compare(what + " output " + i, expected, Npy.read(file));
        }
    }

    public static void compare(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), () -> what + ": shape " + Arrays.toString(actual.shape())
                + ", PyTorch " + Arrays.toString(expected.shape()));
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        if (expected.dtype().isFloatingPoint()) {
            double diff = 0, norm = 0;
            for (int k = 0; k < expected.numel(); k++) {
                double e = expected.getDouble(k), x = actual.getDouble(k);
                if (Double.isNaN(e) != Double.isNaN(x)) fail(what + ": element " + k + " is " + x + ", PyTorch " + e);
                if (Double.isNaN(e) || e == x) continue;   // equal infinities too
                diff += (x - e) * (x - e);
                norm += e * e;
            }
            double relative = norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
            assertTrue(relative <= RELATIVE, () -> what + ": relative error " + relative + " > " + RELATIVE);
        } else {
            for (int k = 0; k < expected.numel(); k++) {
                double e = expected.getDouble(k), x = actual.getDouble(k);
                int index = k;
                if (e != x) fail(() -> what + ": element " + index + " is " + x + ", PyTorch " + e);
            }
        }
    }
}
