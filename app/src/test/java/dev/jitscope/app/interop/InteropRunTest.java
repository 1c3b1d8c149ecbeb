package dev.jitscope.app.interop;

import dev.jitscope.app.cli.CliProcess;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code jitscope run MODEL.pt IN.npy... --out DIR} computes PyTorch's numbers: every input set of
 * every archive of the interop suite, each output within 1e-4 relative of PyTorch's.
 */
class InteropRunTest {
    static final double RELATIVE = 1e-4;
    static final long TIMEOUT_S = 120;

    @TestFactory
    Stream<DynamicTest> runMatchesPyTorchOnEveryInputSet() {
        return InteropSuite.manifest().archives().stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> check(a)));
    }

    private static void check(InteropSuite.Archive a) throws Exception {
        for (int c = 0; c < a.cases().size(); c++) {
            InteropSuite.Case set = a.cases().get(c);
            Path out = Files.createTempDirectory("jitscope-run");
            List<String> args = new ArrayList<>(List.of("run", a.path().toString()));
            for (String in : set.inputs()) args.add(InteropSuite.DIR.resolve(in).toString());
            args.addAll(List.of("--out", out.toString()));
            CliRunResult run = CliProcess.run(TIMEOUT_S, args.toArray(String[]::new));
            if (run.exitCode() == -1) fail(a.name() + " input set " + c + ": run longer than " + TIMEOUT_S + " s");
            if (run.exitCode() != 0) fail(a.name() + " input set " + c + ": exit " + run.exitCode() + "\n" + run.stderr());
            assertEquals(set.outputs().size(), run.stdout().lines().count(), () -> "outputs:\n" + run.stdout());
            for (int i = 0; i < set.outputs().size(); i++) {
                if (set.outputs().get(i) == null) continue;
                Tensor expected = Npy.read(InteropSuite.DIR.resolve(set.outputs().get(i)));
                Path file = out.resolve("out" + i + ".npy");
                if (!Files.exists(file)) fail(a.name() + " input set " + c + ": no output " + i + "\n" + run.stdout());
                compare(a.name() + " input set " + c + " output " + i, expected, Npy.read(file));
            }
        }
    }

    private static void compare(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), () -> what + ": shape " + Arrays.toString(actual.shape())
                + ", PyTorch " + Arrays.toString(expected.shape()));
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        for (int k = 0; k < expected.numel(); k++) {
            double e = expected.getDouble(k), x = actual.getDouble(k);
            if (Math.abs(e - x) > RELATIVE * Math.max(1.0, Math.abs(e)) && !(Double.isNaN(e) && Double.isNaN(x))) {
                int index = k;
                fail(() -> what + ": element " + index + " is " + x + ", PyTorch " + e);
            }
        }
    }
}
