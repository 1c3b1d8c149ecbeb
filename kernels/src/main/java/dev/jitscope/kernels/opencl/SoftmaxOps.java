package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;

/** softmax and log_softmax along one dimension of a float32 device tensor (softmax.cl). */
public final class SoftmaxOps {
    private SoftmaxOps() { }

    /** Rows at least this long (along the last dimension) are handled by a whole work group. */
    static final int ROW_GROUP_THRESHOLD = 256;
    private static final int ROW_GROUP = 128;

    public static DeviceTensor softmax(OpenClContext ctx, DeviceTensor x, int dim) { return apply(ctx, x, dim, false); }
    public static DeviceTensor logSoftmax(OpenClContext ctx, DeviceTensor x, int dim) { return apply(ctx, x, dim, true); }

    static DeviceTensor apply(OpenClContext ctx, DeviceTensor x, int dim, boolean log) {
        Launch.sameDevice(ctx, x);
        int rank = Math.max(x.dim(), 1);
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank)
            throw new JitScopeException("Dimension out of range (expected to be in range of [" + (-rank) + ", " + (rank - 1) + "], but got " + dim + ")");
        int[] shape = x.dim() == 0 ? new int[]{1} : x.shape();
        int outer = 1, inner = 1, n = shape[d];
        for (int i = 0; i < d; i++) outer *= shape[i];
        for (int i = d + 1; i < shape.length; i++) inner *= shape[i];
        DeviceTensor out = ctx.allocate(x.shape());
        if (inner == 1 && n >= ROW_GROUP_THRESHOLD) {
            ctx.launch(log ? "log_softmax_rows" : "softmax_rows", ctx.kernel("softmax.cl", "", "softmax_rows"),
                    new long[]{(long) outer * ROW_GROUP}, new long[]{ROW_GROUP}, x, out, n, log ? 1 : 0, new OpenClContext.Local(4L * ROW_GROUP));
            return out;
        }
        ctx.launch(log ? "log_softmax" : "softmax", ctx.kernel("softmax.cl", "", "softmax"), Launch.global(outer * inner), Launch.group(),
                x, out, outer, n, inner, log ? 1 : 0);
        return out;
    }
}
