package dev.jitscope.kernels.opencl;

import dev.jitscope.kernels.cpu.ReductionKernels;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.jitscope.kernels.opencl.OpenClTestSupport.*;

/** sum / mean / softmax against the CPU kernels. */
class ReductionOpsTest extends OpenClKernelTestBase {
    private final Random r = new Random(7);

    @Test
    void sumAndMeanAlongDimensions() {
        Tensor x = randn(r, 3, 45, 7, 5);
        int[][] dimsList = {{0}, {1}, {3}, {-1}, {1, 3}, {0, 2}, {}, null};
        for (int[] dims : dimsList) {
            for (boolean keep : new boolean[]{false, true}) {
                String what = java.util.Arrays.toString(dims) + " keepdim=" + keep;
                assertClose("sum " + what, ReductionKernels.sum(x, dims == null ? new int[0] : dims, keep, null),
                        onDevice(d -> ReductionOps.sum(ctx, d[0], dims, keep), x), 1e-4, 1e-4);
                assertClose("mean " + what, ReductionKernels.mean(x, dims == null ? new int[0] : dims, keep, null),
                        onDevice(d -> ReductionOps.mean(ctx, d[0], dims, keep), x), 1e-4, 1e-5);
            }
        }
    }

    @Test
    void longRowsUseTheWorkGroupReduction() {
        Tensor x = randn(r, 6, 1031);
        assertClose("sum rows", ReductionKernels.sum(x, new int[]{1}, false, null), onDevice(d -> ReductionOps.sum(ctx, d[0], new int[]{1}, false), x), 1e-4, 1e-3);
        assertClose("mean all", ReductionKernels.mean(x, new int[0], false, null), onDevice(d -> ReductionOps.mean(ctx, d[0], null, false), x), 1e-4, 1e-5);
    }

    @Test
    void softmaxAndLogSoftmaxAlongEveryDimension() {
        Tensor x = randn(r, 4, 33, 9);
        for (int dim = -3; dim < 3; dim++) {
            int d0 = dim;
            assertClose("softmax " + dim, ReductionKernels.softmax(x, d0, null, false), onDevice(d -> SoftmaxOps.softmax(ctx, d[0], d0), x), 1e-5, 1e-6);
            assertClose("log_softmax " + dim, ReductionKernels.softmax(x, d0, null, true), onDevice(d -> SoftmaxOps.logSoftmax(ctx, d[0], d0), x), 1e-5, 1e-5);
        }
        // long rows take the work-group kernel; 1000 is not a multiple of its 128 work items
        Tensor rows = randn(r, 3, 1000);
        assertClose("softmax rows", ReductionKernels.softmax(rows, -1, null, false), onDevice(d -> SoftmaxOps.softmax(ctx, d[0], -1), rows), 1e-5, 1e-7);
        assertClose("log_softmax rows", ReductionKernels.softmax(rows, 1, null, true), onDevice(d -> SoftmaxOps.logSoftmax(ctx, d[0], 1), rows), 1e-5, 1e-5);
        Tensor bigRows = dev.jitscope.kernels.cpu.ElementwiseKernels.mul(rows, 100.0);
        assertClose("softmax big rows", ReductionKernels.softmax(bigRows, 1, null, false), onDevice(d -> SoftmaxOps.softmax(ctx, d[0], 1), bigRows), 1e-5, 1e-7);
        // large logits must not overflow
        Tensor big = dev.jitscope.kernels.cpu.ElementwiseKernels.mul(x, 100.0);
        assertClose("softmax big", ReductionKernels.softmax(big, 1, null, false), onDevice(d -> SoftmaxOps.softmax(ctx, d[0], 1), big), 1e-5, 1e-6);
    }
}
