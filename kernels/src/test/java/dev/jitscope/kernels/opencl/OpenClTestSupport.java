package dev.jitscope.kernels.opencl;

import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.Prerequisites;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared by the OpenCL tests: the prerequisite check, random tensors, tolerant comparison. */
final class OpenClTestSupport {
    private OpenClTestSupport() { }

    /** Skips outside CI (fails in CI) when no OpenCL platform is installed. */
    static void requireOpenCl() {
        Prerequisites.require(OpenClDevices.available(),
                "no OpenCL platform: install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev");
    }

    static Tensor randn(Random r, int... shape) {
        float[] v = new float[Tensor.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return Tensor.contiguous(Storage.wrap(v), shape);
    }

    static Tensor positive(Random r, int... shape) {
        float[] v = new float[Tensor.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = 0.1f + r.nextFloat() * 2;
        return Tensor.contiguous(Storage.wrap(v), shape);
    }

    /** Same shape and every element within atol + rtol·|expected| (NaN matching NaN). */
    static void assertClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        int n = expected.numel();
        for (int i = 0; i < n; i++) {
            double e = valueAt(expected, i), a = valueAt(actual, i);
            if (Double.isNaN(e) && Double.isNaN(a)) continue;
            if (!(Math.abs(e - a) <= atol + rtol * Math.abs(e)))
                fail(what + ": element " + i + " of " + Arrays.toString(expected.shape()) + " is " + a + ", expected " + e);
        }
    }

    static void assertClose(String what, Tensor expected, Tensor actual) { assertClose(what, expected, actual, 1e-4, 1e-4); }

    static double valueAt(Tensor t, int flat) { return t.getDouble(flat); }
}
