package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import dev.ludovic.netlib.blas.BLAS;

import java.util.Arrays;

/**
 * mm, bmm, matmul, addmm, linear. float32 goes to the system BLAS (OpenBLAS through
 * dev.ludovic.netlib) reading transposed views in place; other dtypes use plain loops in double/long.
 */
public final class LinearAlgebraKernels {
    private LinearAlgebraKernels() { }

    private static final BLAS BLAS_ = Blas.BLAS_;

    /** Multiply-adds below which one product is not worth a second thread's wake-up. */
    private static final long SPLIT_WORK = 1L << 20;

    /** A float matrix operand as BLAS sees it: array, offset, leading dimension, transposed or not (row-major terms). */
    record Operand(float[] a, int off, int ld, boolean trans) {
        /** The same matrix from row r on. */
        Operand rowsFrom(int r) { return new Operand(a, off + (trans ? r : r * ld), ld, trans); }
        /** The same matrix from column j on. */
        Operand columnsFrom(int j) { return new Operand(a, off + (trans ? j * ld : j), ld, trans); }
    }

    /** Row-major view of a 2-D float32 tensor for BLAS, copying only when neither it nor its transpose is dense by rows. */
    static Operand operand(Tensor t) {
        int r = t.shape()[0], c = t.shape()[1], s0 = t.strides()[0], s1 = t.strides()[1];
        if (t.dtype() == DType.FLOAT32) {
            if ((s1 == 1 || c <= 1) && (r <= 1 || s0 >= Math.max(1, c)))
                return new Operand(t.storage().floats(), t.offset(), r <= 1 ? Math.max(1, c) : s0, false);
            if ((s0 == 1 || r <= 1) && (c <= 1 || s1 >= Math.max(1, r)))
                return new Operand(t.storage().floats(), t.offset(), c <= 1 ? Math.max(1, r) : s1, true);
        }
        return new Operand(Strided.floats(t, t.shape()), 0, Math.max(1, c), false);
    }

    /** C[m×n] (row-major, ldc) = alpha·op(A)·op(B) + beta·C through column-major BLAS: Cᵀ = op(B)ᵀ·op(A)ᵀ. */
    static void gemm(int m, int n, int k, float alpha, Operand a, Operand b, float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0) { if (beta == 0) for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f); return; }
        if (m == 1 && n > 1) {
            // a single row (a classifier head at batch 1): a matrix-vector product, which GEMM kernels do poorly
            int incx = a.trans ? a.ld : 1;
            int parts = Blas.singleThreaded() && (long) n * k >= SPLIT_WORK ? Parallel.threads() : 1;
            int step = ((n + parts - 1) / parts + 15) / 16 * 16;
            // memory-bound: each thread streams its own slab of the weights
            Parallel.forRange(parts, 1, (lo, hi) -> {
                for (int p = lo; p < hi; p++) {
                    int from = p * step, cols = Math.min(n, from + step) - from;
                    if (cols <= 0) continue;
                    if (b.trans) BLAS_.sgemv("T", k, cols, alpha, b.a, b.off + from * b.ld, b.ld, a.a, a.off, incx, beta, c, cOff + from, 1);
                    else BLAS_.sgemv("N", cols, k, alpha, b.a, b.off + from, b.ld, a.a, a.off, incx, beta, c, cOff + from, 1);
                }
            });
            return;
        }
        int parts = Parallel.threads();
        if (!Blas.singleThreaded() || parts < 2 || (long) m * n * k < SPLIT_WORK) {
            sgemm(m, n, k, alpha, a, b, beta, c, cOff, ldc);
            return;
        }
        // BLAS runs on the calling thread only: give each of our threads a slab of C (columns when C is wide)
        boolean byColumns = n >= m;
        int extent = byColumns ? n : m, step = ((extent + parts - 1) / parts + 15) / 16 * 16;
        Parallel.forRange(parts, 1, (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                int from = p * step, to = Math.min(extent, from + step);
                if (from >= to) continue;
                if (byColumns) sgemm(m, to - from, k, alpha, a, b.columnsFrom(from), beta, c, cOff + from, ldc);
                else sgemm(to - from, n, k, alpha, a.rowsFrom(from), b, beta, c, cOff + from * ldc, ldc);
            }
        });
    }

    private static void sgemm(int m, int n, int k, float alpha, Operand a, Operand b, float beta, float[] c, int cOff, int ldc) {
        BLAS_.sgemm(b.trans ? "T" : "N", a.trans ? "T" : "N", n, m, k, alpha, b.a, b.off, b.ld, a.a, a.off, a.ld, beta, c, cOff, ldc);
    }

    public static Tensor mm(Tensor a, Tensor b) {
        if (a.dim() != 2) throw new JitScopeException("self must be a matrix");
        if (b.dim() != 2) throw new JitScopeException("mat2 must be a matrix");
        if (a.shape()[1] != b.shape()[0])
            throw new JitScopeException("mat1 and mat2 shapes cannot be multiplied (" + a.shape()[0] + "x" + a.shape()[1] + " and " + b.shape()[0] + "x" + b.shape()[1] + ")");
        if (a.dtype() != b.dtype())
            throw new JitScopeException("expected scalar type " + a.dtype().storageName + " but found " + b.dtype().storageName);
        int m = a.shape()[0], k = a.shape()[1], n = b.shape()[1];
        if (a.dtype() == DType.FLOAT32) {
            float[] c = new float[m * n];
            gemm(m, n, k, 1f, operand(a), operand(b), 0f, c, 0, Math.max(1, n));
            return Strided.wrap(c, new int[]{m, n});
        }
        return naive(a, b);
    }

    private static Tensor naive(Tensor a, Tensor b) {
        int m = a.shape()[0], k = a.shape()[1], n = b.shape()[1];
        int[] shape = {m, n};
        if (a.dtype().isFloatingPoint()) {
            double[] x = Strided.doubles(a, a.shape()), y = Strided.doubles(b, b.shape()), r = new double[m * n];
            for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) { double v = x[i * k + p]; for (int j = 0; j < n; j++) r[i * n + j] += v * y[p * n + j]; }
            return Strided.fromDoubles(r, a.dtype(), shape);
        }
        long[] x = Strided.longs(a, a.shape()), y = Strided.longs(b, b.shape()), r = new long[m * n];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) { long v = x[i * k + p]; for (int j = 0; j < n; j++) r[i * n + j] += v * y[p * n + j]; }
        return Strided.fromLongs(r, a.dtype(), shape);
    }

    public static Tensor bmm(Tensor a, Tensor b) {
        if (a.dim() != 3 || b.dim() != 3) throw new JitScopeException("batch1 and batch2 must be 3D tensors");
        if (a.shape()[0] != b.shape()[0] || a.shape()[2] != b.shape()[1])
            throw new JitScopeException("Expected size for first two dimensions of batch2 tensor to be: [" + a.shape()[0] + ", " + a.shape()[2]
                    + "] but got: [" + b.shape()[0] + ", " + b.shape()[1] + "].");
        int bs = a.shape()[0], m = a.shape()[1], n = b.shape()[2];
        if (a.dtype() != DType.FLOAT32 || b.dtype() != DType.FLOAT32) {
            Tensor[] outs = new Tensor[bs];
            for (int i = 0; i < bs; i++) outs[i] = mm(ShapeKernels.select(a, 0, i), ShapeKernels.select(b, 0, i));
            return JoinKernels.stack(Arrays.asList(outs), 0);
        }
        float[] c = new float[bs * m * n];
        for (int i = 0; i < bs; i++) {
            Tensor ai = ShapeKernels.select(a, 0, i), bi = ShapeKernels.select(b, 0, i);
            gemm(m, n, a.shape()[2], 1f, operand(ai), operand(bi), 0f, c, i * m * n, Math.max(1, n));
        }
        return Strided.wrap(c, new int[]{bs, m, n});
    }

    /** torch.matmul: vector/matrix/batched forms with broadcasting of the batch dimensions. */
    public static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim(), db = b.dim();
        if (da == 0 || db == 0) throw new JitScopeException("both arguments to matmul need to be at least 1D, but they are " + da + "D and " + db + "D");
        if (da == 1 && db == 1) {
            if (a.shape()[0] != b.shape()[0])
                throw new JitScopeException("inconsistent tensor size, expected tensor [" + a.shape()[0] + "] and src [" + b.shape()[0] + "] to have the same number of elements, but got " + a.shape()[0] + " and " + b.shape()[0] + " elements respectively");
            return ShapeKernels.reshape(mm(ShapeKernels.unsqueeze(a, 0), ShapeKernels.unsqueeze(b, 1)), new int[0]);
        }
        if (da == 2 && db == 1) return ShapeKernels.squeeze(mm(a, ShapeKernels.unsqueeze(b, 1)), 1);
        if (da == 1 && db == 2) return ShapeKernels.squeeze(mm(ShapeKernels.unsqueeze(a, 0), b), 0);
        if (da == 2 && db == 2) return mm(a, b);
        if (da >= 3 && db <= 2) {
            // Fold the batch into rows: one big GEMM instead of many small ones.
            Tensor bm = db == 1 ? ShapeKernels.unsqueeze(b, 1) : b;
            int k = a.shape()[da - 1];
            int[] outShape = a.shape().clone();
            Tensor r = mm(ShapeKernels.reshape(a, new int[]{-1, k}), bm);
            if (db == 1) outShape = Arrays.copyOf(outShape, da - 1);
            else outShape[da - 1] = bm.shape()[1];
            return ShapeKernels.reshape(r, outShape);
        }
        Tensor a3 = da == 1 ? ShapeKernels.unsqueeze(a, 0) : a, b3 = db == 1 ? ShapeKernels.unsqueeze(b, 1) : b;
        int n = a3.shape()[a3.dim() - 2], k = a3.shape()[a3.dim() - 1], k2 = b3.shape()[b3.dim() - 2], p = b3.shape()[b3.dim() - 1];
        int[] batchA = Arrays.copyOf(a3.shape(), a3.dim() - 2), batchB = Arrays.copyOf(b3.shape(), b3.dim() - 2);
        int[] batch = Strided.broadcastShapes(batchA, batchB);
        int nb = Tensor.numel(batch);
        Tensor ae = ShapeKernels.reshape(ShapeKernels.expand(a3, concat(batch, n, k)), new int[]{nb, n, k});
        Tensor be = ShapeKernels.reshape(ShapeKernels.expand(b3, concat(batch, k2, p)), new int[]{nb, k2, p});
        Tensor r = bmm(ae, be);
        int[] out = concat(batch, n, p);
        if (da == 1) out = ShapeKernels.remove(out, out.length - 2);
        if (db == 1) out = ShapeKernels.remove(out, out.length - 1);
        return ShapeKernels.reshape(r, out);
    }

    private static int[] concat(int[] a, int x, int y) {
        int[] r = Arrays.copyOf(a, a.length + 2);
        r[a.length] = x; r[a.length + 1] = y;
        return r;
    }

    /** beta·self + alpha·(mat1 @ mat2), self broadcast to the product's shape. */
    public static Tensor addmm(Tensor self, Tensor m1, Tensor m2, double beta, double alpha) {
        if (m1.dtype() != DType.FLOAT32 || m2.dtype() != DType.FLOAT32 || self.dtype() != DType.FLOAT32) {
            Tensor prod = mm(m1, m2);
            return ElementwiseKernels.add(ElementwiseKernels.mul(self, beta), ElementwiseKernels.mul(prod, alpha), 1L);
        }
        if (m1.dim() != 2 || m2.dim() != 2 || m1.shape()[1] != m2.shape()[0])
            return mm(m1, m2);   // mm reports the shape error
        int m = m1.shape()[0], k = m1.shape()[1], n = m2.shape()[1];
        float[] c = beta == 0 ? new float[m * n] : Strided.floats(self, new int[]{m, n});
        gemm(m, n, k, (float) alpha, operand(m1), operand(m2), (float) beta, c, 0, Math.max(1, n));
        return Strided.wrap(c, new int[]{m, n});
    }

    /** x @ weightᵀ + bias over the last dimension of x. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (x.dtype() != DType.FLOAT32 || weight.dtype() != DType.FLOAT32 || x.dim() == 0) {
            Tensor r = matmul(x, ShapeKernels.t(weight));
            return bias == null ? r : ElementwiseKernels.add(r, bias, 1L);
        }
        int in = x.shape()[x.dim() - 1];
        if (weight.dim() != 2 || weight.shape()[1] != in) {
            int rows = x.numel() / Math.max(1, in);
            throw new JitScopeException("mat1 and mat2 shapes cannot be multiplied (" + rows + "x" + in + " and "
                    + (weight.dim() == 2 ? weight.shape()[1] + "x" + weight.shape()[0] : Arrays.toString(weight.shape())) + ")");
        }
        int out = weight.shape()[0];
        int m = in == 0 ? x.numel() : x.numel() / in;
        if (in == 0) m = Tensor.numel(Arrays.copyOf(x.shape(), x.dim() - 1));
        Tensor x2 = ShapeKernels.reshape(x, new int[]{m, in});
        float[] c = bias == null ? Buffers.floats(m * out) : Strided.floats(bias, new int[]{m, out});
        gemm(m, out, in, 1f, operand(x2), operand(ShapeKernels.t(weight)), bias == null ? 0f : 1f, c, 0, Math.max(1, out));
        int[] shape = x.shape().clone();
        shape[shape.length - 1] = out;
        return Strided.wrap(c, shape);
    }

    /** beta·self + alpha·(batch1 @ batch2). */
    public static Tensor baddbmm(Tensor self, Tensor b1, Tensor b2, double beta, double alpha) {
        Tensor prod = bmm(b1, b2);
        Tensor scaled = alpha == 1 ? prod : ElementwiseKernels.mul(prod, alpha);
        if (beta == 0) return Strided.materialize(scaled, scaled.dtype(), scaled.shape());
        return ElementwiseKernels.add(beta == 1 ? self : ElementwiseKernels.mul(self, beta), scaled, 1L);
    }

    /**
     * aten::bilinear: y[..., o] = x1[..., :] · W[o] · x2[..., :] + b[o]. One GEMM of x1 against W laid
     * out as (I, O·J), then a product with x2 summed over J, so the work is BLAS-shaped.
     */
    public static Tensor bilinear(Tensor x1, Tensor x2, Tensor weight, Tensor bias) {
        int[] s1 = x1.shape(), s2 = x2.shape(), w = weight.shape();
        if (w.length != 3 || s1.length == 0 || s1[s1.length - 1] != w[1] || s2[s2.length - 1] != w[2])
            throw new dev.jitscope.diag.JitScopeException("bilinear: input1 " + java.util.Arrays.toString(s1) + ", input2 "
                    + java.util.Arrays.toString(s2) + " do not fit weight " + java.util.Arrays.toString(w) + " (expected [out, in1, in2])");
        int outF = w[0], in1 = w[1], in2 = w[2];
        int n = Tensor.numel(s1) / in1;
        Tensor a = ShapeKernels.reshape(x1, new int[] {n, in1});
        Tensor wt = ShapeKernels.reshape(ShapeKernels.permute(weight, new int[] {1, 0, 2}), new int[] {in1, outF * in2});
        Tensor t = ShapeKernels.reshape(mm(a, wt), new int[] {n, outF, in2});
        Tensor prod = ElementwiseKernels.mul(t, ShapeKernels.reshape(x2, new int[] {n, 1, in2}));
        Tensor y = ReductionKernels.sum(prod, new int[] {2}, false, null);
        if (bias != null) y = ElementwiseKernels.binary(ElementwiseKernels.Binary.ADD, y, bias, null);
        int[] outShape = s1.clone();
        outShape[outShape.length - 1] = outF;
        return ShapeKernels.reshape(y, outShape);
    }
}
