package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;

import java.util.Arrays;

/**
 * conv2d on float32 NCHW device tensors, groups included (conv2d.cl). Two strategies: im2col then
 * the batched matmul (groups and samples as batches), and a direct kernel, one work item per output,
 * used for depthwise convolutions where each GEMM would be a single row.
 */
public final class ConvolutionOps {
    private ConvolutionOps() { }

    /** {@link #AUTO}: direct for depthwise, im2col + GEMM otherwise. */
    public enum Variant { AUTO, DIRECT, IM2COL }

    private static volatile Variant variant = Variant.AUTO;

    /** Forces a strategy (tests compare both). */
    public static void setVariant(Variant v) { variant = v; }

    public static DeviceTensor conv2d(OpenClContext ctx, DeviceTensor x, DeviceTensor w, DeviceTensor bias,
                                      int[] stride, int[] padding, int[] dilation, int groups) {
        Launch.sameDevice(ctx, x, w, bias);
        if (x.dim() != 4 || w.dim() != 4)
            throw new JitScopeException("conv2d: expected 4-D input and weight, got input " + Arrays.toString(x.shape()) + " and weight " + Arrays.toString(w.shape()));
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        int oc = w.size(0), kh = w.size(2), kw = w.size(3);
        if (groups < 1 || c % groups != 0 || oc % groups != 0 || w.size(1) * groups != c)
            throw new JitScopeException("Given groups=" + groups + ", weight of size " + Arrays.toString(w.shape()) + ", expected input"
                    + Arrays.toString(x.shape()) + " to have " + w.size(1) * groups + " channels, but got " + c + " channels instead");
        if (bias != null && bias.numel() != oc) throw new JitScopeException("conv2d: bias has " + bias.numel() + " elements, expected " + oc);
        int[] s = pair(stride), p = pair(padding), d = pair(dilation);
        int oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1;
        int ow = (wd + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
        if (oh <= 0 || ow <= 0)
            throw new JitScopeException("conv2d: kernel size can't be greater than actual input size (input " + Arrays.toString(x.shape()) + ", weight " + Arrays.toString(w.shape()) + ")");
        DeviceTensor out = ctx.allocate(n, oc, oh, ow);
        int[] params = {n, c, h, wd, oc, oh, ow, kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], groups, bias == null ? 0 : 1};
        Variant v = variant;
        if (v == Variant.AUTO) v = w.size(1) == 1 ? Variant.DIRECT : Variant.IM2COL;
        if (v == Variant.DIRECT) {
            ctx.launch("conv2d", ctx.kernel("conv2d.cl", "", "conv2d"), Launch.global(out.numel()), Launch.group(),
                    x, w, bias == null ? w : bias, out, params);
            return out;
        }
        int cpg = c / groups, ocpg = oc / groups, k = cpg * kh * kw, spatial = oh * ow;
        // a 1x1 convolution without stride or padding reads x as it is: [n][g][cpg][H*W] is already the column matrix
        boolean pointwise = kh == 1 && kw == 1 && s[0] == 1 && s[1] == 1 && p[0] == 0 && p[1] == 0;
        DeviceTensor col = pointwise ? x : ctx.allocate(n, c * kh * kw, spatial);
        try {
            if (!pointwise)
                ctx.launch("im2col", ctx.kernel("conv2d.cl", "", "im2col"), new long[]{spatial, (long) c * kh * kw, n}, new long[]{64, 1, 1}, x, col, params);
            MatmulOps.launch(ctx, w, col, null, out, ocpg, spatial, k, n * groups, ocpg * k, k * spatial, false, groups);
        } finally {
            // NB: safe before the GEMM has run: the queue is in order, so a later user of the pooled buffer runs after it
            if (!pointwise) col.close();
        }
        if (bias != null)
            ctx.launch("add_channel_bias", ctx.kernel("conv2d.cl", "", "add_channel_bias"), Launch.global(out.numel()), Launch.group(),
                    out, bias, out.numel(), oc, spatial);
        return out;
    }

    static int[] pair(int[] v) { return v.length == 1 ? new int[]{v[0], v[0]} : v; }
}
