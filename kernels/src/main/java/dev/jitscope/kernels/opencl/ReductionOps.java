package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** sum / mean along dimensions of float32 device tensors (reduction.cl). */
public final class ReductionOps {
    private ReductionOps() { }

    private static final String RESOURCE = "reduction.cl";
    /** Rows at least this long are reduced by a whole work group rather than one work item. */
    private static final int ROW_GROUP_THRESHOLD = 256;
    private static final int ROW_GROUP = 128;

    public static DeviceTensor sum(OpenClContext ctx, DeviceTensor x, int[] dims, boolean keepdim) { return reduce(ctx, x, dims, keepdim, false); }
    public static DeviceTensor mean(OpenClContext ctx, DeviceTensor x, int[] dims, boolean keepdim) { return reduce(ctx, x, dims, keepdim, true); }

    /** dims null or empty = all dimensions, as aten::sum.dim_IntList does. */
    static DeviceTensor reduce(OpenClContext ctx, DeviceTensor x, int[] dims, boolean keepdim, boolean mean) {
        Launch.sameDevice(ctx, x);
        int rank = x.dim();
        boolean[] reduced = new boolean[rank];
        if (dims == null || dims.length == 0) Arrays.fill(reduced, true);
        else for (int d : dims) {
            int nd = d < 0 ? d + rank : d;
            if (nd < 0 || nd >= Math.max(rank, 1))
                throw new JitScopeException("Dimension out of range (expected to be in range of [" + (-Math.max(rank, 1)) + ", " + (Math.max(rank, 1) - 1) + "], but got " + d + ")");
            if (rank == 0) continue;
            if (reduced[nd]) throw new JitScopeException("dim " + nd + " appears multiple times in the list of dims");
            reduced[nd] = true;
        }
        int[] shape = x.shape();
        // reduce from the last dimension backwards so that earlier indices stay valid
        DeviceTensor cur = x;
        int[] curShape = shape.clone();
        for (int d = rank - 1; d >= 0; d--) {
            if (!reduced[d]) continue;
            DeviceTensor next = reduceOne(ctx, cur, curShape, d, mean);
            if (cur != x) cur.close();
            cur = next;
            curShape[d] = 1;
        }
        if (cur == x) cur = copy(ctx, x);
        List<Integer> outShape = new ArrayList<>();
        for (int d = 0; d < rank; d++) if (!reduced[d] || keepdim) outShape.add(reduced[d] ? 1 : shape[d]);
        return cur.reshapedMove(outShape.stream().mapToInt(Integer::intValue).toArray());
    }

    private static DeviceTensor reduceOne(OpenClContext ctx, DeviceTensor x, int[] shape, int dim, boolean mean) {
        int outer = 1, inner = 1, n = shape[dim];
        for (int d = 0; d < dim; d++) outer *= shape[d];
        for (int d = dim + 1; d < shape.length; d++) inner *= shape[d];
        float scale = mean ? 1.0f / n : 1.0f;   // NB: mean of an empty dim is 0 * inf = NaN, as in PyTorch
        DeviceTensor out = ctx.allocate(outer * inner);
        if (inner == 1 && n >= ROW_GROUP_THRESHOLD) {
            ctx.launch("reduce_rows", ctx.kernel(RESOURCE, "", "reduce_rows"), new long[]{(long) outer * ROW_GROUP},
                    new long[]{ROW_GROUP}, x, out, n, scale, new OpenClContext.Local(4L * ROW_GROUP));
        } else {
            ctx.launch("reduce_strided", ctx.kernel(RESOURCE, "", "reduce_strided"), Launch.global(outer * inner), Launch.group(),
                    x, out, outer, n, inner, scale);
        }
        return out;
    }

    private static DeviceTensor copy(OpenClContext ctx, DeviceTensor x) {
        return UnaryOps.apply(ctx, dev.jitscope.kernels.cpu.UnaryKernels.Op.CLAMP, x, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
}
