package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.cpu.ConvolutionKernels;
import dev.jitscope.kernels.cpu.LinearAlgebraKernels;
import dev.jitscope.kernels.cpu.NormalizationKernels;
import dev.jitscope.kernels.cpu.PoolingKernels;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.jitscope.kernels.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** matmul/linear, conv2d, pooling and normalization against the CPU kernels. */
class NetworkOpsTest extends OpenClKernelTestBase {
    private final Random r = new Random(3);

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = MatmulOps.Variant.class, names = {"TILED", "REGISTER_BLOCKED"})
    void matmulAndLinearInBothKernels(MatmulOps.Variant v) {
        MatmulOps.setVariant(v);
        try {
            matmulOnShapesThatAreNotTileMultiples();
            linearWithAndWithoutBias();
        } finally {
            MatmulOps.setVariant(MatmulOps.Variant.AUTO);
        }
    }

    void matmulOnShapesThatAreNotTileMultiples() {
        int[][] mkn = {{1, 1, 1}, {17, 33, 5}, {64, 48, 32}, {70, 3, 129}};
        for (int[] s : mkn) {
            Tensor a = randn(r, s[0], s[1]), b = randn(r, s[1], s[2]);
            assertClose("mm " + java.util.Arrays.toString(s), LinearAlgebraKernels.mm(a, b), onDevice(d -> MatmulOps.mm(ctx, d[0], d[1]), a, b), 1e-4, 1e-4);
        }
        Tensor ba = randn(r, 3, 19, 23), bb = randn(r, 3, 23, 18), shared = randn(r, 23, 18);
        assertClose("bmm", LinearAlgebraKernels.matmul(ba, bb), onDevice(d -> MatmulOps.matmul(ctx, d[0], d[1]), ba, bb), 1e-4, 1e-4);
        assertClose("batch x matrix", LinearAlgebraKernels.matmul(ba, shared), onDevice(d -> MatmulOps.matmul(ctx, d[0], d[1]), ba, shared), 1e-4, 1e-4);
        Tensor single = randn(r, 19, 23);
        assertClose("matrix x batch", LinearAlgebraKernels.matmul(single, bb), onDevice(d -> MatmulOps.matmul(ctx, d[0], d[1]), single, bb), 1e-4, 1e-4);
    }

    void linearWithAndWithoutBias() {
        Tensor x = randn(r, 2, 5, 37), w = randn(r, 21, 37), b = randn(r, 21);
        assertClose("linear", LinearAlgebraKernels.linear(x, w, b), onDevice(d -> MatmulOps.linear(ctx, d[0], d[1], d[2]), x, w, b), 1e-4, 1e-4);
        assertClose("linear no bias", LinearAlgebraKernels.linear(x, w, null), onDevice(d -> MatmulOps.linear(ctx, d[0], d[1], null), x, w), 1e-4, 1e-4);
        JitScopeException e = assertThrows(JitScopeException.class, () -> onDevice(d -> MatmulOps.linear(ctx, d[0], d[1], null), x, randn(r, 4, 36)));
        assertTrue(e.getMessage().contains("cannot be multiplied"), e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = ConvolutionOps.Variant.class)
    void conv2dInEveryStrategy(ConvolutionOps.Variant v) {
        ConvolutionOps.setVariant(v);
        try {
            conv2dStridesPaddingDilationGroupsAndDepthwise();
        } finally {
            ConvolutionOps.setVariant(ConvolutionOps.Variant.AUTO);
        }
    }

    void conv2dStridesPaddingDilationGroupsAndDepthwise() {
        Tensor x = randn(r, 2, 6, 11, 9);
        Tensor w = randn(r, 4, 3, 3, 2), bias = randn(r, 4);
        int[] s = {2, 1}, p = {1, 2}, dl = {2, 1};
        assertClose("grouped", ConvolutionKernels.conv2d(x, w, bias, s, p, dl, 2),
                onDevice(d -> ConvolutionOps.conv2d(ctx, d[0], d[1], d[2], s, p, dl, 2), x, w, bias), 1e-4, 1e-4);
        Tensor dw = randn(r, 12, 1, 3, 3);
        int[] two = {2}, one = {1};
        assertClose("depthwise", ConvolutionKernels.conv2d(x, dw, null, two, one, one, 6),
                onDevice(d -> ConvolutionOps.conv2d(ctx, d[0], d[1], null, two, one, one, 6), x, dw), 1e-4, 1e-4);
        Tensor pw = randn(r, 5, 6, 1, 1), pwg = randn(r, 9, 2, 1, 1), pwb = randn(r, 9);
        assertClose("pointwise grouped", ConvolutionKernels.conv2d(x, pwg, pwb, new int[]{1}, new int[]{0}, new int[]{1}, 3),
                onDevice(d -> ConvolutionOps.conv2d(ctx, d[0], d[1], d[2], new int[]{1}, new int[]{0}, new int[]{1}, 3), x, pwg, pwb), 1e-4, 1e-4);
        int[] z = {0};
        assertClose("pointwise", ConvolutionKernels.conv2d(x, pw, null, one, z, one, 1),
                onDevice(d -> ConvolutionOps.conv2d(ctx, d[0], d[1], null, one, z, one, 1), x, pw), 1e-4, 1e-4);
        JitScopeException e = assertThrows(JitScopeException.class,
                () -> onDevice(d -> ConvolutionOps.conv2d(ctx, d[0], d[1], null, one, z, one, 1), x, randn(r, 4, 5, 3, 3)));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
    }

    @Test
    void maxAvgAndAdaptivePooling() {
        Tensor x = randn(r, 2, 3, 13, 10);
        int[] k3 = {3}, s2 = {2}, p1 = {1}, d1 = {1}, k2 = {2}, p0 = {0};
        assertClose("max", PoolingKernels.maxPool2d(x, k3, s2, p1, d1, false), onDevice(d -> PoolingOps.maxPool2d(ctx, d[0], k3, s2, p1, d1, false), x), 0, 0);
        assertClose("max ceil", PoolingKernels.maxPool2d(x, k2, s2, p0, d1, true), onDevice(d -> PoolingOps.maxPool2d(ctx, d[0], k2, s2, p0, d1, true), x), 0, 0);
        int[] d2 = {2};
        assertClose("max dilated", PoolingKernels.maxPool2d(x, k3, s2, p1, d2, false), onDevice(d -> PoolingOps.maxPool2d(ctx, d[0], k3, s2, p1, d2, false), x), 0, 0);
        for (boolean ceil : new boolean[]{false, true})
            for (boolean include : new boolean[]{false, true}) {
                assertClose("avg ceil=" + ceil + " include=" + include, PoolingKernels.avgPool2d(x, k3, s2, p1, ceil, include, null),
                        onDevice(d -> PoolingOps.avgPool2d(ctx, d[0], k3, s2, p1, ceil, include, null), x), 1e-5, 1e-6);
            }
        assertClose("avg divisor", PoolingKernels.avgPool2d(x, k3, s2, p1, false, true, 4L),
                onDevice(d -> PoolingOps.avgPool2d(ctx, d[0], k3, s2, p1, false, true, 4), x), 1e-5, 1e-6);
        for (int[] o : new int[][]{{1, 1}, {5, 3}, {7, 7}}) {
            assertClose("adaptive " + java.util.Arrays.toString(o), PoolingKernels.adaptiveAvgPool2d(x, o),
                    onDevice(d -> PoolingOps.adaptiveAvgPool2d(ctx, d[0], o), x), 1e-5, 1e-6);
        }
        Tensor x3 = randn(r, 3, 9, 9);
        assertClose("max 3-D", PoolingKernels.maxPool2d(x3, k3, s2, p1, d1, false), onDevice(d -> PoolingOps.maxPool2d(ctx, d[0], k3, s2, p1, d1, false), x3), 0, 0);
    }

    @Test
    void batchNormInferenceAndLayerNorm() {
        Tensor x = randn(r, 3, 5, 7, 6);
        Tensor w = randn(r, 5), b = randn(r, 5), mean = randn(r, 5), var = positive(r, 5);
        assertClose("batch_norm", NormalizationKernels.batchNorm(x, w, b, mean, var, false, 0.1, 1e-5),
                onDevice(d -> NormalizationOps.batchNorm(ctx, d[0], d[1], d[2], d[3], d[4], 1e-5), x, w, b, mean, var), 1e-4, 1e-5);
        assertClose("batch_norm no affine", NormalizationKernels.batchNorm(x, null, null, mean, var, false, 0.1, 1e-3),
                onDevice(d -> NormalizationOps.batchNorm(ctx, d[0], null, null, d[1], d[2], 1e-3), x, mean, var), 1e-4, 1e-5);
        Tensor lw = randn(r, 7, 6), lb = randn(r, 7, 6);
        int[] ns = {7, 6}, last = {6};
        assertClose("layer_norm", NormalizationKernels.layerNorm(x, ns, lw, lb, 1e-5),
                onDevice(d -> NormalizationOps.layerNorm(ctx, d[0], ns, d[1], d[2], 1e-5), x, lw, lb), 1e-4, 1e-4);
        assertClose("layer_norm last dim", NormalizationKernels.layerNorm(x, last, null, null, 1e-5),
                onDevice(d -> NormalizationOps.layerNorm(ctx, d[0], last, null, null, 1e-5), x), 1e-4, 1e-4);
        // rows of 300 take the work-group kernel (300 is not a multiple of its work-group size)
        Tensor seq = randn(r, 2, 5, 300), sw = randn(r, 300), sb = randn(r, 300);
        int[] d300 = {300};
        assertClose("layer_norm long rows", NormalizationKernels.layerNorm(seq, d300, sw, sb, 1e-5),
                onDevice(d -> NormalizationOps.layerNorm(ctx, d[0], d300, d[1], d[2], 1e-5), seq, sw, sb), 1e-4, 1e-4);
        JitScopeException e = assertThrows(JitScopeException.class, () -> onDevice(d -> NormalizationOps.layerNorm(ctx, d[0], new int[]{5}, null, null, 1e-5), x));
        assertTrue(e.getMessage().contains("normalized_shape"), e.getMessage());
    }
}
