package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;

import java.util.Arrays;

/** Inference batch_norm (running statistics) and layer_norm on float32 device tensors (normalization.cl). */
public final class NormalizationOps {
    private NormalizationOps() { }

    /** Eval-mode batch_norm over channel dimension 1; weight and bias may be null. */
    public static DeviceTensor batchNorm(OpenClContext ctx, DeviceTensor x, DeviceTensor weight, DeviceTensor bias,
                                         DeviceTensor runningMean, DeviceTensor runningVar, double eps) {
        Launch.sameDevice(ctx, x, weight, bias, runningMean, runningVar);
        if (x.dim() < 2) throw new JitScopeException("batch_norm: expected at least 2D input (got " + x.dim() + "D input)");
        int c = x.size(1), inner = x.numel() / Math.max(1, x.size(0) * c);
        for (DeviceTensor t : new DeviceTensor[]{weight, bias, runningMean, runningVar})
            if (t != null && t.numel() != c) throw new JitScopeException("batch_norm: expected per-channel tensors of " + c + " elements, got " + Arrays.toString(t.shape()));
        if (runningMean == null || runningVar == null) throw new JitScopeException("OpenCL batch_norm needs running_mean and running_var (inference only)");
        DeviceTensor out = ctx.allocate(x.shape());
        ctx.launch("batch_norm", ctx.kernel("normalization.cl", "", "batch_norm"), Launch.global(out.numel()), Launch.group(),
                x, out, runningMean, runningVar, weight == null ? runningMean : weight, bias == null ? runningMean : bias,
                out.numel(), c, inner, (float) eps, weight == null ? 0 : 1, bias == null ? 0 : 1);
        return out;
    }

    /** Rows at least this long are normalized by a whole work group rather than one work item. */
    static final int ROW_GROUP_THRESHOLD = 128;
    private static final int ROW_GROUP = 64;

    /** layer_norm over the trailing dimensions {@code normalizedShape}; weight and bias may be null. */
    public static DeviceTensor layerNorm(OpenClContext ctx, DeviceTensor x, int[] normalizedShape, DeviceTensor weight, DeviceTensor bias, double eps) {
        Launch.sameDevice(ctx, x, weight, bias);
        int k = normalizedShape.length;
        int[] shape = x.shape();
        if (k == 0 || k > shape.length || !Arrays.equals(Arrays.copyOfRange(shape, shape.length - k, shape.length), normalizedShape))
            throw new JitScopeException("Given normalized_shape=" + Arrays.toString(normalizedShape) + ", expected input with shape [*, "
                    + Arrays.toString(normalizedShape).replaceAll("[\\[\\]]", "") + "], but got input of size" + Arrays.toString(shape));
        int n = dev.jitscope.tensor.Tensor.numel(normalizedShape), rows = x.numel() / Math.max(1, n);
        DeviceTensor out = ctx.allocate(shape);
        if (n >= ROW_GROUP_THRESHOLD) {
            ctx.launch("layer_norm_rows", ctx.kernel("normalization.cl", "", "layer_norm_rows"), new long[]{(long) rows * ROW_GROUP},
                    new long[]{ROW_GROUP}, x, out, weight == null ? x : weight, bias == null ? x : bias, n, (float) eps,
                    weight == null ? 0 : 1, bias == null ? 0 : 1, new OpenClContext.Local(4L * ROW_GROUP));
            return out;
        }
        ctx.launch("layer_norm", ctx.kernel("normalization.cl", "", "layer_norm"), Launch.global(rows), Launch.group(),
                x, out, weight == null ? x : weight, bias == null ? x : bias, rows, n, (float) eps, weight == null ? 0 : 1, bias == null ? 0 : 1);
        return out;
    }
}
