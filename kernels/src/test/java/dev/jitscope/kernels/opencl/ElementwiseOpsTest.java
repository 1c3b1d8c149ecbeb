package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.cpu.ElementwiseKernels;
import dev.jitscope.kernels.cpu.ElementwiseKernels.Binary;
import dev.jitscope.kernels.cpu.UnaryKernels;
import dev.jitscope.kernels.cpu.UnaryKernels.Op;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.jitscope.kernels.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Binary and unary elementwise kernels against the CPU kernels. */
class ElementwiseOpsTest extends OpenClKernelTestBase {
    private final Random r = new Random(42);

    @Test
    void binaryOpsWithAndWithoutBroadcasting() {
        // shapes chosen so that no size is a multiple of the 64-wide work group
        List<int[][]> shapes = List.of(
                new int[][]{{37, 5}, {37, 5}},
                new int[][]{{3, 1, 7}, {5, 1}},
                new int[][]{{1}, {2, 3, 11}},
                new int[][]{{4, 9, 1, 3}, {9, 6, 1}},
                new int[][]{{}, {13}});
        for (Binary op : new Binary[]{Binary.ADD, Binary.SUB, Binary.MUL, Binary.DIV, Binary.MAXIMUM, Binary.MINIMUM}) {
            for (int[][] s : shapes) {
                Tensor a = randn(r, s[0]), b = op == Binary.DIV ? positive(r, s[1]) : randn(r, s[1]);
                Tensor expected = ElementwiseKernels.binary(op, a, b, op == Binary.ADD || op == Binary.SUB ? 0.5 : null);
                Tensor actual = onDevice(d -> BinaryOps.apply(ctx, op, d[0], d[1], op == Binary.ADD || op == Binary.SUB ? 0.5 : 1), a, b);
                assertClose(op + " " + java.util.Arrays.deepToString(s), expected, actual, 1e-6, 1e-6);
            }
        }
    }

    @Test
    void powAndScalarOperands() {
        Tensor a = positive(r, 129), b = randn(r, 129);
        assertClose("pow", ElementwiseKernels.binary(Binary.POW, a, b, null), onDevice(d -> BinaryOps.apply(ctx, Binary.POW, d[0], d[1], 1), a, b), 1e-5, 1e-6);
        assertClose("mul scalar", ElementwiseKernels.mul(b, 2.5), onDevice(d -> BinaryOps.apply(ctx, Binary.MUL, d[0], 2.5, 1), b), 0, 0);
        assertClose("sub scalar alpha", ElementwiseKernels.sub(b, 2.0, 3.0), onDevice(d -> BinaryOps.apply(ctx, Binary.SUB, d[0], 2.0, 3.0), b), 1e-6, 1e-6);
    }

    @Test
    void incompatibleShapesAreUserErrors() {
        JitScopeException e = assertThrows(JitScopeException.class,
                () -> onDevice(d -> BinaryOps.add(ctx, d[0], d[1], 1), randn(r, 3, 4), randn(r, 5)));
        assertTrue(e.getMessage().contains("must match the size of tensor b"), e.getMessage());
    }

    @Test
    void unaryOpsAndActivationsMatchTheCpuKernels() {
        Tensor x = randn(r, 5, 67);
        for (Op op : Op.values()) {
            if (!UnaryOps.supports(op)) continue;
            double p1 = switch (op) { case CLAMP, HARDTANH -> -0.5; case LEAKY_RELU -> 0.01; case ELU -> 1.0; case SOFTPLUS -> 2.0; default -> 0; };
            double p2 = switch (op) { case CLAMP, HARDTANH -> 0.7; case SOFTPLUS -> 1.0; default -> 0; };
            Tensor in = switch (op) { case LOG, SQRT, RSQRT, RECIPROCAL -> positive(r, 5, 67); default -> x; };
            Tensor expected = UnaryKernels.unary(op, in, p1, p2);
            Tensor actual = onDevice(d -> UnaryOps.apply(ctx, op, d[0], p1, p2), in);
            assertClose(op.name(), expected, actual, 1e-5, 1e-6);
        }
    }

    @Test
    void nanPropagatesThroughReluAndMaximum() {
        Tensor x = Tensor.contiguous(dev.jitscope.tensor.Storage.wrap(new float[]{Float.NaN, -1, 2}), 3);
        Tensor relu = onDevice(d -> UnaryOps.apply(ctx, Op.RELU, d[0]), x);
        assertTrue(Double.isNaN(relu.getDouble(0)));
        Tensor max = onDevice(d -> BinaryOps.apply(ctx, Binary.MAXIMUM, d[0], d[0], 1), x);
        assertClose("maximum with NaN", ElementwiseKernels.binary(Binary.MAXIMUM, x, x, null), max, 0, 0);
    }
}
