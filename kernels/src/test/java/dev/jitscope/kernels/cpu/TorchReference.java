package dev.jitscope.kernels.cpu;

import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs a PyTorch snippet that saves inputs and expected outputs as .npy (helper {@code save(name, t)}
 * is predefined) and compares our results with them. Skips outside CI when PyTorch is missing.
 */
final class TorchReference {
    private final Path dir;

    private TorchReference(Path dir) { this.dir = dir; }

    static TorchReference run(Path dir, String code) throws IOException, InterruptedException {
        String prelude = "import torch, numpy as np\ntorch.manual_seed(0)\n"
                + "def save(name, t):\n    np.save(name + '.npy', t.detach().numpy() if isinstance(t, torch.Tensor) else np.array(t))\n";
        PythonReference.runCode(dir, prelude + code, 300);
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
