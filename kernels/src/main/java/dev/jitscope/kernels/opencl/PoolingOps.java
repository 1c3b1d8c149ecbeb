package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;

import java.util.Arrays;

/** max / avg / adaptive-avg 2-D pooling on float32 [N, C, H, W] or [C, H, W] device tensors (pooling.cl). */
public final class PoolingOps {
    private PoolingOps() { }

    public static DeviceTensor maxPool2d(OpenClContext ctx, DeviceTensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil) {
        return pool(ctx, "max_pool2d", x, kernel, stride, padding, dilation, ceil, true, 0);
    }

    public static DeviceTensor avgPool2d(OpenClContext ctx, DeviceTensor x, int[] kernel, int[] stride, int[] padding,
                                         boolean ceil, boolean countIncludePad, Integer divisorOverride) {
        return pool(ctx, "avg_pool2d", x, kernel, stride, padding, new int[]{1}, ceil, countIncludePad, divisorOverride == null ? 0 : divisorOverride);
    }

    public static DeviceTensor adaptiveAvgPool2d(OpenClContext ctx, DeviceTensor x, int[] outputSize) {
        Launch.sameDevice(ctx, x);
        checkRank(x);
        int[] o = ConvolutionOps.pair(outputSize);
        int h = x.size(-2), w = x.size(-1), planes = x.numel() / Math.max(1, h * w);
        DeviceTensor out = ctx.allocate(outShape(x, o[0], o[1]));
        ctx.launch("adaptive_avg_pool2d", ctx.kernel("pooling.cl", "", "adaptive_avg_pool2d"), Launch.global(out.numel()), Launch.group(),
                x, out, new int[]{planes, h, w, o[0], o[1]});
        return out;
    }

    private static DeviceTensor pool(OpenClContext ctx, String kernelName, DeviceTensor x, int[] kernel, int[] stride, int[] padding,
                                     int[] dilation, boolean ceil, boolean countIncludePad, int divisor) {
        Launch.sameDevice(ctx, x);
        checkRank(x);
        int[] k = ConvolutionOps.pair(kernel);
        int[] s = stride == null || stride.length == 0 ? k : ConvolutionOps.pair(stride);
        int[] p = ConvolutionOps.pair(padding), d = ConvolutionOps.pair(dilation);
        if (p[0] * 2 > k[0] || p[1] * 2 > k[1])
            throw new JitScopeException("pad should be at most half of effective kernel size, but got pad=" + p[0] + ", kernel_size=" + k[0] + " and dilation=" + d[0]);
        int h = x.size(-2), w = x.size(-1), planes = x.numel() / Math.max(1, h * w);
        int oh = outputSize(h, k[0], s[0], p[0], d[0], ceil), ow = outputSize(w, k[1], s[1], p[1], d[1], ceil);
        if (oh <= 0 || ow <= 0)
            throw new JitScopeException("Given input size: " + Arrays.toString(x.shape()) + ". Calculated output size is too small (" + oh + "x" + ow + ")");
        DeviceTensor out = ctx.allocate(outShape(x, oh, ow));
        int[] params = {planes, h, w, oh, ow, k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], countIncludePad ? 1 : 0, divisor};
        ctx.launch(kernelName, ctx.kernel("pooling.cl", "", kernelName), Launch.global(out.numel()), Launch.group(), x, out, params);
        return out;
    }

    /** PyTorch's pooling_output_shape: with ceil_mode the last window must still start inside the input or left padding. */
    static int outputSize(int in, int k, int s, int p, int d, boolean ceil) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int o = (ceil ? Math.floorDiv(span + s - 1, s) : Math.floorDiv(span, s)) + 1;
        if (ceil && (long) (o - 1) * s >= in + p) o--;
        return o;
    }

    private static void checkRank(DeviceTensor x) {
        if (x.dim() != 3 && x.dim() != 4) throw new JitScopeException("pooling: expected 3-D or 4-D input, got " + Arrays.toString(x.shape()));
    }

    private static int[] outShape(DeviceTensor x, int oh, int ow) {
        int[] shape = x.shape();
        shape[shape.length - 2] = oh;
        shape[shape.length - 1] = ow;
        return shape;
    }
}
