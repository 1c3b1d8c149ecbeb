package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;

import java.util.Arrays;

/**
 * mm, batched matmul and linear on float32 device tensors. Two kernels: local-memory tiles
 * (matmul.cl) for GPUs, register blocks (matmul_blocked.cl) for CPU devices such as PoCL, where the
 * tiled kernel's barriers make it an order of magnitude slower.
 */
public final class MatmulOps {
    private MatmulOps() { }

    /** Which kernel runs; {@link #AUTO} picks by device type. */
    public enum Variant { AUTO, TILED, REGISTER_BLOCKED }

    private static volatile Variant variant = Variant.AUTO;

    /** Forces a kernel (tests compare both on any device). */
    public static void setVariant(Variant v) { variant = v; }

    static final int TILE = 16;
    private static final String HEADER = "#define TS " + TILE + "\n";

    /** a [M, K] x b [K, N]. */
    public static DeviceTensor mm(OpenClContext ctx, DeviceTensor a, DeviceTensor b) {
        if (a.dim() != 2 || b.dim() != 2) throw new JitScopeException("mm: expected 2-D tensors, got " + a.dim() + "-D and " + b.dim() + "-D");
        return matmul(ctx, a, b);
    }

    /**
     * torch.matmul for operands of at least 2 dimensions: a [..., M, K] x b [..., K, N]; the batch
     * dimensions must be equal or one side must have none (a weight shared over the batch).
     */
    public static DeviceTensor matmul(OpenClContext ctx, DeviceTensor a, DeviceTensor b) {
        Launch.sameDevice(ctx, a, b);
        if (a.dim() < 2 || b.dim() < 2) throw new JitScopeException("OpenCL matmul needs operands of at least 2 dimensions, got " + a.dim() + "-D and " + b.dim() + "-D");
        int m = a.size(-2), k = a.size(-1), n = b.size(-1);
        if (b.size(-2) != k)
            throw new JitScopeException("mat1 and mat2 shapes cannot be multiplied (" + m + "x" + k + " and " + b.size(-2) + "x" + n + ")");
        int[] aBatch = Arrays.copyOf(a.shape(), a.dim() - 2), bBatch = Arrays.copyOf(b.shape(), b.dim() - 2);
        int[] batch;
        if (bBatch.length == 0) batch = aBatch;
        else if (aBatch.length == 0 || Arrays.equals(aBatch, bBatch)) batch = bBatch;
        else throw new JitScopeException("OpenCL matmul: batch shapes " + Arrays.toString(aBatch) + " and " + Arrays.toString(bBatch) + " differ");
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        DeviceTensor out = ctx.allocate(outShape);
        int batches = dev.jitscope.tensor.Tensor.numel(batch);
        // a batch of row-major matrices sharing one right operand is one tall matrix
        if (bBatch.length == 0 && batches > 1) {
            launch(ctx, a, b, null, out, batches * m, n, k, 1, 0, 0, false);
        } else {
            launch(ctx, a, b, null, out, m, n, k, batches, aBatch.length == 0 ? 0 : m * k, bBatch.length == 0 ? 0 : k * n, false);
        }
        return out;
    }

    /** bias [N] + a [M, K] · b [K, N]: aten::addmm with beta = alpha = 1, as traced linear layers use it. */
    public static DeviceTensor addmm(OpenClContext ctx, DeviceTensor bias, DeviceTensor a, DeviceTensor b) {
        Launch.sameDevice(ctx, bias, a, b);
        if (a.dim() != 2 || b.dim() != 2) throw new JitScopeException("addmm: expected 2-D matrices, got " + a.dim() + "-D and " + b.dim() + "-D");
        int m = a.size(0), k = a.size(1), n = b.size(1);
        if (b.size(0) != k)
            throw new JitScopeException("mat1 and mat2 shapes cannot be multiplied (" + m + "x" + k + " and " + b.size(0) + "x" + n + ")");
        if (bias.numel() != n || bias.dim() > 1) throw new JitScopeException("OpenCL addmm: bias must have shape [" + n + "], got " + Arrays.toString(bias.shape()));
        DeviceTensor out = ctx.allocate(m, n);
        launch(ctx, a, b, bias, out, m, n, k, 1, 0, 0, false);
        return out;
    }

    /** x [..., K] · weightᵀ (weight [N, K]) + bias [N], as torch.nn.functional.linear. */
    public static DeviceTensor linear(OpenClContext ctx, DeviceTensor x, DeviceTensor weight, DeviceTensor bias) {
        Launch.sameDevice(ctx, x, weight, bias);
        if (weight.dim() != 2) throw new JitScopeException("linear: weight must be 2-D, got " + weight.dim() + "-D");
        int k = x.size(-1), n = weight.size(0);
        if (weight.size(1) != k)
            throw new JitScopeException("mat1 and mat2 shapes cannot be multiplied (" + (x.numel() / Math.max(k, 1)) + "x" + k + " and " + weight.size(1) + "x" + n + ")");
        if (bias != null && bias.numel() != n) throw new JitScopeException("linear: bias has " + bias.numel() + " elements, expected " + n);
        int[] outShape = x.shape();
        outShape[outShape.length - 1] = n;
        DeviceTensor out = ctx.allocate(outShape);
        launch(ctx, x, weight, bias, out, x.numel() / Math.max(k, 1), n, k, 1, 0, 0, true);
        return out;
    }

    private static void launch(OpenClContext ctx, DeviceTensor a, DeviceTensor b, DeviceTensor bias, DeviceTensor out,
                               int m, int n, int k, int batches, int strideA, int strideB, boolean transB) {
        launch(ctx, a, b, bias, out, m, n, k, batches, strideA, strideB, transB, batches);
    }

    /** The general launch: batch i multiplies A's matrix (i % groupsA) by B's matrix i into C's matrix i. */
    static void launch(OpenClContext ctx, DeviceTensor a, DeviceTensor b, DeviceTensor bias, DeviceTensor out,
                       int m, int n, int k, int batches, int strideA, int strideB, boolean transB, int groupsA) {
        Object[] args = {a, b, out, bias == null ? out : bias, m, n, k, strideA, strideB, transB ? 1 : 0, bias == null ? 0 : 1, Math.max(1, groupsA)};
        Variant v = variant;
        if (v == Variant.AUTO) v = ctx.device().isGpu() ? Variant.TILED : Variant.REGISTER_BLOCKED;
        if (v == Variant.TILED) {
            ctx.launch("matmul", ctx.kernel("matmul.cl", HEADER, "matmul"), new long[]{n, m, batches}, new long[]{TILE, TILE, 1}, args);
        } else if (transB) {
            ctx.launch("matmul_nt", ctx.kernel("matmul_blocked.cl", "", "matmul_nt"),
                    new long[]{(n + 3) / 4, (m + 3) / 4, batches}, null, args);
        } else {
            ctx.launch("matmul_nn", ctx.kernel("matmul_blocked.cl", "", "matmul_nn"),
                    new long[]{(n + 7) / 8, (m + 3) / 4, batches}, new long[]{8, 8, 1}, args);
        }
    }
}
