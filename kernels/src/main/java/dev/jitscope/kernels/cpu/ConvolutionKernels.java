package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;

/**
 * conv1d/conv2d with groups, stride, padding and dilation: im2col + BLAS GEMM per image and group
 * (1×1 stride-1 convolutions skip im2col: the input already is the GEMM operand), and a direct kernel
 * for depthwise convolutions ({@link DepthwiseConvolution}) where GEMM would be all overhead. Bias and
 * an optional clamp (a fused relu/hardtanh) are applied in one pass. Computes in float32.
 */
public final class ConvolutionKernels {
    private ConvolutionKernels() { }

    public static Tensor conv1d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        boolean unbatched = x.dim() == 2;
        Tensor x4 = ShapeKernels.unsqueeze(unbatched ? ShapeKernels.unsqueeze(x, 0) : x, 2);
        Tensor r = conv2d(x4, ShapeKernels.unsqueeze(w, 2), bias, new int[]{1, one(stride)}, new int[]{0, one(padding)}, new int[]{1, one(dilation)}, groups);
        r = ShapeKernels.squeeze(r, 2);
        return unbatched ? ShapeKernels.squeeze(r, 0) : r;
    }

    private static int one(int[] a) { return a[0]; }

    private static int[] pair(int[] a) { return a.length == 1 ? new int[]{a[0], a[0]} : a; }

    /** Output length of a convolution/pooling window sweep. */
    static int outSize(int in, int k, int s, int p, int d) { return (in + 2 * p - d * (k - 1) - 1) / s + 1; }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return conv2d(x, w, bias, stride, padding, dilation, groups, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    /**
     * conv2d followed by clamp(min, max) of its result (relu: [0, +inf), hardtanh/relu6: [min, max]), applied
     * while the output is still in cache instead of in a separate pass; NaN stays NaN as in PyTorch.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups,
                                float min, float max) {
        return conv2d(x, w, bias, stride, padding, dilation, groups, min, max, Blas.singleThreaded());
    }

    /** As above; {@code blocked} picks {@link GemmConvolution} over {@link #wholeImageGemm} (both are tested). */
    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups,
                         float min, float max, boolean blocked) {
        stride = pair(stride); padding = pair(padding); dilation = pair(dilation);
        boolean unbatched = x.dim() == 3;
        if (unbatched) x = ShapeKernels.unsqueeze(x, 0);
        if (x.dim() != 4) throw new JitScopeException("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: " + Arrays.toString(x.shape()));
        if (w.dim() != 4) throw new JitScopeException("weight should have 4 dimensions, got " + w.dim());
        int n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], wd = x.shape()[3];
        int o = w.shape()[0], cg = w.shape()[1], kh = w.shape()[2], kw = w.shape()[3];
        if (groups <= 0) throw new JitScopeException("non-positive groups is not supported");
        if (cg * groups != c)
            throw new JitScopeException("Given groups=" + groups + ", weight of size " + Arrays.toString(w.shape()) + ", expected input"
                    + Arrays.toString(x.shape()) + " to have " + (cg * groups) + " channels, but got " + c + " channels instead");
        if (o % groups != 0) throw new JitScopeException("out_channels must be divisible by groups");
        int sh = stride[0], sw = stride[1], ph = padding[0], pw = padding[1], dh = dilation[0], dw = dilation[1];
        int oh = outSize(h, kh, sh, ph, dh), ow = outSize(wd, kw, sw, pw, dw);
        if (oh <= 0 || ow <= 0)
            throw new JitScopeException("Calculated output size: (" + o + "x" + oh + "x" + ow + "). Output size is too small");
        DType dt = x.dtype();
        float[] in = Strided.denseFloats(x), wt = Strided.denseFloats(w);
        float[] bv = bias == null ? null : Strided.floats(bias, new int[]{o});
        float[] out = Buffers.floats(n * o * oh * ow);   // every strategy writes every element
        if (groups == c && cg == 1) {
            DepthwiseConvolution.run(in, wt, bv, out, n, c, h, wd, o, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, min, max);
        } else if (blocked && WinogradConvolution.applies(c, o, groups, h, wd, kh, kw, sh, sw, ph, pw, dh, dw)) {
            WinogradConvolution.run(in, wt, bv, out, n, c, h, wd, o, min, max);
        } else if (blocked) {
            GemmConvolution.run(in, wt, bv, out, n, c, h, wd, o, groups, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, min, max);
        } else {
            wholeImageGemm(in, wt, bv, out, n, c, h, wd, o, groups, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, min, max);
        }
        Tensor r = Strided.wrap(out, new int[]{n, o, oh, ow});
        if (dt != DType.FLOAT32) r = Strided.materialize(r, dt, r.shape());
        return unbatched ? ShapeKernels.squeeze(r, 0) : r;
    }

    /**
     * The textbook im2col + GEMM, one image and group at a time, for a BLAS that threads its own calls: the whole
     * unfolded matrix first, then one GEMM, then bias and clamp over the whole output.
     */
    static void wholeImageGemm(float[] in, float[] wt, float[] bv, float[] out, int n, int c, int h, int wd, int o, int groups,
                               int kh, int kw, int oh, int ow, int sh, int sw, int ph, int pw, int dh, int dw, float min, float max) {
        int cg = c / groups, og = o / groups, k = cg * kh * kw, l = oh * ow;
        boolean pointwise = kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
        float[] cols = pointwise ? null : Scratch.COLUMNS.get(k * l);
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < groups; g++) {
                int inOff = (b * c + g * cg) * h * wd;
                LinearAlgebraKernels.Operand colOp;
                if (pointwise) colOp = new LinearAlgebraKernels.Operand(in, inOff, l, false);
                else {
                    GemmConvolution.unfoldAll(in, inOff, cg, h, wd, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, cols);
                    colOp = new LinearAlgebraKernels.Operand(cols, 0, l, false);
                }
                LinearAlgebraKernels.gemm(og, l, k, 1f, new LinearAlgebraKernels.Operand(wt, g * og * k, k, false), colOp, 0f,
                        out, (b * o + g * og) * l, l);
            }
        }
        epilogue(out, n * o, o, l, bv, min, max);
    }

    /** Adds each plane's bias (plane i is channel i % o) and clamps to [min, max], in one pass over the output. */
    static void epilogue(float[] out, int planes, int o, int l, float[] bias, float min, float max) {
        boolean clamp = min != Float.NEGATIVE_INFINITY || max != Float.POSITIVE_INFINITY;
        if (bias == null && !clamp) return;
        Parallel.forWork(planes, l, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                float v = bias == null ? 0f : bias[i % o];
                int base = i * l;
                if (!clamp) for (int j = base; j < base + l; j++) out[j] += v;
                else for (int j = base; j < base + l; j++) out[j] = Math.min(Math.max(out[j] + v, min), max);
            }
        });
    }

    /** Adds bias (channel biasOff + r for row r) and clamps rows [0, rows) × columns [j0, j1) of a row-major block (row stride ld). */
    static void epilogueBlock(float[] out, int base, int rows, int ld, int j0, int j1, float[] bias, int biasOff, float min, float max) {
        boolean clamp = min != Float.NEGATIVE_INFINITY || max != Float.POSITIVE_INFINITY;
        if (bias == null && !clamp) return;
        for (int r = 0; r < rows; r++) {
            float v = bias == null ? 0f : bias[biasOff + r];
            int from = base + r * ld + j0, to = base + r * ld + j1;
            if (!clamp) for (int j = from; j < to; j++) out[j] += v;
            else for (int j = from; j < to; j++) out[j] = Math.min(Math.max(out[j] + v, min), max);
        }
    }

    /**
     * Transposed convolution (the gradient of conv2d with respect to its input): per image and group,
     * Wᵀ·x gives every kernel tap's contribution, which col2im adds into the output. Weight is
     * (in_channels, out_channels / groups, kh, kw).
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                         int groups, int[] dilation) {
        stride = pair(stride); padding = pair(padding); outputPadding = pair(outputPadding); dilation = pair(dilation);
        boolean unbatched = x.dim() == 3;
        if (unbatched) x = ShapeKernels.unsqueeze(x, 0);
        if (x.dim() != 4 || w.dim() != 4) throw new JitScopeException("conv_transpose2d expects a 4D input and weight, got "
                + Arrays.toString(x.shape()) + " and " + Arrays.toString(w.shape()));
        int n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], wd = x.shape()[3];
        int kh = w.shape()[2], kw = w.shape()[3];
        if (groups <= 0 || c % groups != 0 || w.shape()[0] != c)
            throw new JitScopeException("Given transposed=1, weight of size " + Arrays.toString(w.shape()) + ", expected input"
                    + Arrays.toString(x.shape()) + " to have " + w.shape()[0] + " channels, but got " + c + " channels instead");
        int cg = c / groups, og = w.shape()[1], o = og * groups;
        int sh = stride[0], sw = stride[1], ph = padding[0], pw = padding[1], dh = dilation[0], dw = dilation[1];
        int oh = (h - 1) * sh - 2 * ph + dh * (kh - 1) + outputPadding[0] + 1;
        int ow = (wd - 1) * sw - 2 * pw + dw * (kw - 1) + outputPadding[1] + 1;
        if (oh <= 0 || ow <= 0) throw new JitScopeException("conv_transpose2d: output size (" + oh + "x" + ow + ") is too small");
        float[] in = Strided.denseFloats(x), wt = Strided.denseFloats(w);
        float[] out = new float[n * o * oh * ow];
        int l = h * wd, rows = og * kh * kw;
        float[] cols = new float[rows * l];
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < groups; g++) {
                // cols (og·kh·kw × h·w) = W_gᵀ (og·kh·kw × cg) · x_g (cg × h·w)
                LinearAlgebraKernels.gemm(rows, l, cg, 1f, new LinearAlgebraKernels.Operand(wt, g * cg * rows, rows, true),
                        new LinearAlgebraKernels.Operand(in, (b * c + g * cg) * l, l, false), 0f, cols, 0, l);
                int outBase = (b * o + g * og) * oh * ow;
                Parallel.forWork(og, (long) kh * kw * l, (lo, hi) -> {
                    for (int oc = lo; oc < hi; oc++) {
                        for (int ki = 0; ki < kh; ki++) for (int kj = 0; kj < kw; kj++) {
                            int row = (oc * kh + ki) * kw + kj, dst = outBase + oc * oh * ow;
                            for (int y = 0; y < h; y++) {
                                int oy = y * sh - ph + ki * dh;
                                if (oy < 0 || oy >= oh) continue;
                                for (int xx = 0; xx < wd; xx++) {
                                    int ox = xx * sw - pw + kj * dw;
                                    if (ox >= 0 && ox < ow) out[dst + oy * ow + ox] += cols[row * l + y * wd + xx];
                                }
                            }
                        }
                    }
                });
            }
        }
        if (bias != null) {
            float[] bv = Strided.floats(bias, new int[]{o});
            int plane = oh * ow;
            for (int i = 0; i < n * o; i++) { float v = bv[i % o]; for (int j = 0; j < plane; j++) out[i * plane + j] += v; }
        }
        Tensor r = Strided.wrap(out, new int[]{n, o, oh, ow});
        if (x.dtype() != DType.FLOAT32) r = Strided.materialize(r, x.dtype(), r.shape());
        return unbatched ? ShapeKernels.squeeze(r, 0) : r;
    }

    public static Tensor convTranspose1d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding, int groups, int[] dilation) {
        boolean unbatched = x.dim() == 2;
        Tensor x4 = ShapeKernels.unsqueeze(unbatched ? ShapeKernels.unsqueeze(x, 0) : x, 2);
        Tensor r = convTranspose2d(x4, ShapeKernels.unsqueeze(w, 2), bias, new int[]{1, one(stride)}, new int[]{0, one(padding)},
                new int[]{0, one(outputPadding)}, groups, new int[]{1, one(dilation)});
        r = ShapeKernels.squeeze(r, 2);
        return unbatched ? ShapeKernels.squeeze(r, 0) : r;
    }

    /** conv2d with padding "valid" or "same" (stride 1; an odd total padding puts the extra row/column last, as PyTorch). */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        int[] dl = pair(dilation);
        if (padding.equals("valid")) return conv2d(x, w, bias, stride, new int[]{0, 0}, dl, groups);
        if (!padding.equals("same")) throw new JitScopeException("Invalid padding string: '" + padding + "'");
        for (int s : stride) if (s != 1) throw new JitScopeException("padding='same' is not supported for strided convolutions");
        int[] sym = new int[2], extra = new int[4];
        boolean asym = false;
        for (int k = 0; k < 2; k++) {
            int total = dl[k] * (w.shape()[2 + k] - 1);
            sym[k] = total / 2;
            if (total % 2 != 0) { asym = true; extra[2 * (1 - k) + 1] = 1; }
        }
        Tensor in = asym ? JoinKernels.constantPad(x, extra, 0L) : x;
        return conv2d(in, w, bias, stride, sym, dl, groups);
    }
}
