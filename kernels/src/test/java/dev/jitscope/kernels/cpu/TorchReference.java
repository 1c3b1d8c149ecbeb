package dev.jitscope.kernels.cpu;

import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs a PyTorch snippet that saves inputs and expected outputs as .npy (helper {@code save(name, t)}
 * is predefined) and compares our results with them. Skips outside CI when PyTorch is missing.
 */
final class TorchReference {
    private final Path dir;

    private TorchReference(Path dir) { this.dir = dir; }

    static boolean inCi() { return "true".equals(System.getProperty("jitscope.ci")) || "true".equals(System.getenv("CI")); }

    static TorchReference run(Path dir, String code) throws IOException, InterruptedException {
        String prelude = "import torch, numpy as np\ntorch.manual_seed(0)\n"
                + "def save(name, t):\n    np.save(name + '.npy', t.detach().numpy() if isinstance(t, torch.Tensor) else np.array(t))\n";
        Process p;
        try {
            p = new ProcessBuilder("/usr/bin/python3", "-c", prelude + code).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            p = null;
        }
        String out = p == null ? "" : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p != null && p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (p == null || (!ok && out.contains("No module named 'torch'"))) {
            String msg = "PyTorch 1.13 not available: install the Debian package python3-torch";
            if (inCi()) throw new AssertionError(msg);
            Assumptions.assumeTrue(false, msg);
        }
        if (!ok) throw new AssertionError("python failed:\n" + out);
        return new TorchReference(dir);
    }

    Tensor get(String name) { return Npy.read(dir.resolve(name + ".npy")); }

    /** Asserts dtype, shape and values (relative+absolute tolerance for floats, exact otherwise). */
    void check(String name, Tensor actual, double tol) {
        Tensor expected = get(name);
        assertEquals(expected.dtype(), actual.dtype(), name + ": dtype");
        assertArrayEquals(expected.shape(), actual.shape(), name + ": shape " + Arrays.toString(actual.shape()));
        for (int i = 0; i < expected.numel(); i++) {
            double e = expected.getDouble(i), a = actual.getDouble(i);
            if (Double.isNaN(e)) { assertTrue(Double.isNaN(a), name + "[" + i + "] expected NaN, got " + a); continue; }
            double t = expected.dtype().isFloatingPoint() ? tol * (1 + Math.abs(e)) : 0;
            if (Math.abs(e - a) > t) fail(name + "[" + i + "]: expected " + e + " but was " + a);
        }
    }

    void check(String name, Tensor actual) { check(name, actual, actual.dtype() == DType.FLOAT64 ? 1e-12 : 1e-5); }
}
