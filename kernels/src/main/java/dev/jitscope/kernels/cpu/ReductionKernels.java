package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Reductions over dimensions (sum, mean, max/min with indices, argmax, var/std, norm, prod, all/any)
 * and softmax/log_softmax. Reduced dimensions are moved last and gathered into rows; float rows
 * accumulate in double, integer rows in long.
 */
public final class ReductionKernels {
    private ReductionKernels() { }

    /** The input regrouped as rows × len, with the result shape. */
    private record Plan(int rows, int len, int[] outShape, int[] permuted) { }

    private static Plan plan(Tensor x, int[] dims, boolean keepdim) {
        int rank = x.dim();
        boolean[] reduce = new boolean[Math.max(rank, 1)];
        if (dims == null || dims.length == 0) java.util.Arrays.fill(reduce, true);
        else for (int d : dims) {
            int w = ShapeKernels.wrapDim(d, rank);
            if (reduce[w]) throw new JitScopeException("dim " + w + " appears multiple times in the list of dims");
            reduce[w] = true;
        }
        List<Integer> kept = new ArrayList<>(), red = new ArrayList<>();
        for (int i = 0; i < rank; i++) (reduce[i] ? red : kept).add(i);
        int[] perm = new int[rank];
        int k = 0;
        for (int i : kept) perm[k++] = i;
        for (int i : red) perm[k++] = i;
        int rows = 1, len = 1;
        for (int i : kept) rows *= x.shape()[i];
        for (int i : red) len *= x.shape()[i];
        int[] out;
        if (keepdim) {
            out = x.shape().clone();
            for (int i : red) out[i] = 1;
        } else {
            out = new int[kept.size()];
            for (int i = 0; i < out.length; i++) out[i] = x.shape()[kept.get(i)];
        }
        return new Plan(rows, len, out, perm);
    }

    private static double[] doubleRows(Tensor x, Plan p) {
        Tensor perm = ShapeKernels.permute(x, p.permuted);
        return Strided.doubles(perm, perm.shape());
    }

    private static long[] longRows(Tensor x, Plan p) {
        Tensor perm = ShapeKernels.permute(x, p.permuted);
        return Strided.longs(perm, perm.shape());
    }

    public static Tensor sum(Tensor x, int[] dims, boolean keepdim, DType dtype) {
        DType out = dtype != null ? dtype : x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
        Plan p = plan(x, dims, keepdim);
        if (!out.isFloatingPoint()) {
            long[] v = longRows(x, p), r = new long[p.rows];
            for (int i = 0; i < p.rows; i++) { long s = 0; for (int j = 0; j < p.len; j++) s += v[i * p.len + j]; r[i] = s; }
            return Strided.fromLongs(r, out, p.outShape);
        }
        double[] v = doubleRows(x, p), r = new double[p.rows];
        Parallel.forWork(p.rows, p.len, (lo, hi) -> {
            for (int i = lo; i < hi; i++) { double s = 0; int b = i * p.len; for (int j = 0; j < p.len; j++) s += v[b + j]; r[i] = s; }
        });
        return Strided.fromDoubles(r, out, p.outShape);
    }

    public static Tensor mean(Tensor x, int[] dims, boolean keepdim, DType dtype) {
        DType out = dtype != null ? dtype : x.dtype();
        if (!out.isFloatingPoint())
            throw new JitScopeException("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: " + out.storageName);
        Plan p = plan(x, dims, keepdim);
        double[] v = doubleRows(x, p), r = new double[p.rows];
        for (int i = 0; i < p.rows; i++) { double s = 0; for (int j = 0; j < p.len; j++) s += v[i * p.len + j]; r[i] = s / p.len; }
        return Strided.fromDoubles(r, out, p.outShape);
    }

    public static Tensor prod(Tensor x, int[] dims, boolean keepdim, DType dtype) {
        DType out = dtype != null ? dtype : x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
        Plan p = plan(x, dims, keepdim);
        if (!out.isFloatingPoint()) {
            long[] v = longRows(x, p), r = new long[p.rows];
            for (int i = 0; i < p.rows; i++) { long s = 1; for (int j = 0; j < p.len; j++) s *= v[i * p.len + j]; r[i] = s; }
            return Strided.fromLongs(r, out, p.outShape);
        }
        double[] v = doubleRows(x, p), r = new double[p.rows];
        for (int i = 0; i < p.rows; i++) { double s = 1; for (int j = 0; j < p.len; j++) s *= v[i * p.len + j]; r[i] = s; }
        return Strided.fromDoubles(r, out, p.outShape);
    }

    /** max(dim) / min(dim): (values, indices); the first extremal index wins, NaN propagates. */
    public static Tuple maxMin(Tensor x, int dim, boolean keepdim, boolean max) {
        if (x.dim() > 0 && x.size(dim) == 0)
            throw new JitScopeException((max ? "max" : "min") + "(): Expected reduction dim " + dim + " to have non-zero size.");
        Plan p = plan(x, new int[]{dim}, keepdim);
        long[] idx = new long[p.rows];
        Tensor values;
        if (x.dtype().isFloatingPoint()) {
            double[] v = doubleRows(x, p), r = new double[p.rows];
            for (int i = 0; i < p.rows; i++) {
                int best = 0; double bv = v[i * p.len];
                for (int j = 1; j < p.len && bv == bv; j++) {
                    double c = v[i * p.len + j];
                    if (c != c || (max ? c > bv : c < bv)) { bv = c; best = j; }
                }
                r[i] = bv; idx[i] = best;
            }
            values = Strided.fromDoubles(r, x.dtype(), p.outShape);
        } else {
            long[] v = longRows(x, p), r = new long[p.rows];
            for (int i = 0; i < p.rows; i++) {
                int best = 0; long bv = v[i * p.len];
                for (int j = 1; j < p.len; j++) { long c = v[i * p.len + j]; if (max ? c > bv : c < bv) { bv = c; best = j; } }
                r[i] = bv; idx[i] = best;
            }
            values = Strided.fromLongs(r, x.dtype(), p.outShape);
        }
        return Tuple.of(values, Strided.wrap(idx, p.outShape.clone()));
    }

    /** max()/min() over all elements, and amax/amin over dims. */
    public static Tensor amaxAmin(Tensor x, int[] dims, boolean keepdim, boolean max) {
        if (x.numel() == 0) throw new JitScopeException((max ? "max" : "min") + "(): Expected reduction dim to be specified for input.numel() == 0.");
        Plan p = plan(x, dims, keepdim);
        if (x.dtype().isFloatingPoint()) {
            double[] v = doubleRows(x, p), r = new double[p.rows];
            for (int i = 0; i < p.rows; i++) {
                double bv = v[i * p.len];
                for (int j = 1; j < p.len && bv == bv; j++) { double c = v[i * p.len + j]; if (c != c || (max ? c > bv : c < bv)) bv = c; }
                r[i] = bv;
            }
            return Strided.fromDoubles(r, x.dtype(), p.outShape);
        }
        long[] v = longRows(x, p), r = new long[p.rows];
        for (int i = 0; i < p.rows; i++) {
            long bv = v[i * p.len];
            for (int j = 1; j < p.len; j++) { long c = v[i * p.len + j]; if (max ? c > bv : c < bv) bv = c; }
            r[i] = bv;
        }
        return Strided.fromLongs(r, x.dtype(), p.outShape);
    }

    /** argmax/argmin; a null dim flattens first. */
    public static Tensor argMaxMin(Tensor x, Integer dim, boolean keepdim, boolean max) {
        if (dim == null) {
            Tensor flat = ShapeKernels.reshape(x, new int[]{-1});
            Tensor r = (Tensor) maxMin(flat, 0, false, max).get(1);
            return keepdim ? ShapeKernels.reshape(r, ones(x.dim())) : r;
        }
        return (Tensor) maxMin(x, dim, keepdim, max).get(1);
    }

    private static int[] ones(int n) { int[] a = new int[n]; java.util.Arrays.fill(a, 1); return a; }

    /** var/std with a correction (1 = unbiased), two-pass for accuracy. */
    public static Tensor var(Tensor x, int[] dims, double correction, boolean keepdim, boolean std) {
        if (!x.dtype().isFloatingPoint()) throw new JitScopeException("std and var only support floating point and complex dtypes");
        Plan p = plan(x, dims, keepdim);
        double[] v = doubleRows(x, p), r = new double[p.rows];
        for (int i = 0; i < p.rows; i++) {
            double m = 0;
            for (int j = 0; j < p.len; j++) m += v[i * p.len + j];
            m /= p.len;
            double s = 0;
            for (int j = 0; j < p.len; j++) { double d = v[i * p.len + j] - m; s += d * d; }
            double var = s / Math.max(0, p.len - correction);
            r[i] = std ? Math.sqrt(var) : var;
        }
        return Strided.fromDoubles(r, x.dtype(), p.outShape);
    }

    /** p-norm (p = 2 by default, inf, -inf, 0 and any positive p). */
    public static Tensor norm(Tensor x, double pNorm, int[] dims, boolean keepdim) {
        DType out = TypePromotion.floatResult(x.dtype());
        Plan p = plan(x, dims, keepdim);
        double[] v = doubleRows(x, p), r = new double[p.rows];
        for (int i = 0; i < p.rows; i++) {
            double s = pNorm == Double.POSITIVE_INFINITY ? 0 : pNorm == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : 0;
            for (int j = 0; j < p.len; j++) {
                double a = Math.abs(v[i * p.len + j]);
                if (pNorm == Double.POSITIVE_INFINITY) s = Math.max(s, a);
                else if (pNorm == Double.NEGATIVE_INFINITY) s = Math.min(s, a);
                else if (pNorm == 0) s += a != 0 ? 1 : 0;
                else if (pNorm == 2) s += a * a;
                else if (pNorm == 1) s += a;
                else s += Math.pow(a, pNorm);
            }
            r[i] = Double.isInfinite(pNorm) || pNorm == 0 || pNorm == 1 ? s : pNorm == 2 ? Math.sqrt(s) : Math.pow(s, 1 / pNorm);
        }
        return Strided.fromDoubles(r, out, p.outShape);
    }

    public static Tensor allAny(Tensor x, int[] dims, boolean keepdim, boolean all) {
        Plan p = plan(x, dims, keepdim);
        double[] v = doubleRows(x, p);
        byte[] r = new byte[p.rows];
        for (int i = 0; i < p.rows; i++) {
            boolean acc = all;
            for (int j = 0; j < p.len; j++) { boolean b = v[i * p.len + j] != 0; acc = all ? acc && b : acc || b; }
            r[i] = (byte) (acc ? 1 : 0);
        }
        return Tensor.contiguous(Storage.wrap(DType.BOOL, r), p.outShape);
    }

    /** softmax / log_softmax along dim; integer inputs need an explicit dtype as in PyTorch (float32 used otherwise). */
    public static Tensor softmax(Tensor x, int dim, DType dtype, boolean log) {
        DType out = dtype != null ? dtype : TypePromotion.floatResult(x.dtype());
        if (x.dim() == 0) return ShapeKernels.squeeze(softmax(ShapeKernels.unsqueeze(x, 0), 0, dtype, log), 0);
        int d = ShapeKernels.wrapDim(dim, x.dim());
        Tensor moved = ShapeKernels.transpose(x, d, -1);
        int len = moved.size(-1), rows = len == 0 ? 0 : moved.numel() / len;
        if (out == DType.FLOAT64) {
            double[] v = Strided.doubles(moved, moved.shape()), r = new double[v.length];
            for (int i = 0; i < rows; i++) {
                int b = i * len;
                double m = Double.NEGATIVE_INFINITY, s = 0;
                for (int j = 0; j < len; j++) m = Math.max(m, v[b + j]);
                for (int j = 0; j < len; j++) { r[b + j] = Math.exp(v[b + j] - m); s += r[b + j]; }
                for (int j = 0; j < len; j++) r[b + j] = log ? v[b + j] - m - Math.log(s) : r[b + j] / s;
            }
            return ShapeKernels.contiguous(ShapeKernels.transpose(Strided.wrap(r, moved.shape().clone()), d, -1));
        }
        float[] v = Strided.floats(moved, moved.shape());
        float[] r = new float[v.length];
        Parallel.forWork(rows, 4L * len, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int b = i * len;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) m = Math.max(m, v[b + j]);
                double s = 0;
                for (int j = 0; j < len; j++) { float e = (float) Math.exp(v[b + j] - m); r[b + j] = e; s += e; }
                if (log) { float ls = (float) Math.log(s); for (int j = 0; j < len; j++) r[b + j] = v[b + j] - m - ls; }
                else { float inv = (float) (1 / s); for (int j = 0; j < len; j++) r[b + j] *= inv; }
            }
        });
        Tensor res = ShapeKernels.transpose(Strided.wrap(r, moved.shape().clone()), d, -1);
        return Strided.materialize(res, out, res.shape());
    }

    /** Running sum along dim. */
    public static Tensor cumsum(Tensor x, int dim, DType dtype) {
        DType out = dtype != null ? dtype : x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
        if (x.dim() == 0) return Strided.materialize(x, out, x.shape());
        int d = ShapeKernels.wrapDim(dim, x.dim());
        Tensor moved = ShapeKernels.transpose(x, d, -1);
        int len = moved.size(-1), rows = len == 0 ? 0 : moved.numel() / len;
        Tensor res;
        if (out.isFloatingPoint()) {
            double[] v = Strided.doubles(moved, moved.shape());
            for (int i = 0; i < rows; i++) { double s = 0; for (int j = 0; j < len; j++) { s += v[i * len + j]; v[i * len + j] = s; } }
            res = Strided.fromDoubles(v, out, moved.shape().clone());
        } else {
            long[] v = Strided.longs(moved, moved.shape());
            for (int i = 0; i < rows; i++) { long s = 0; for (int j = 0; j < len; j++) { s += v[i * len + j]; v[i * len + j] = s; } }
            res = Strided.fromLongs(v, out, moved.shape().clone());
        }
        return ShapeKernels.contiguous(ShapeKernels.transpose(res, d, -1));
    }
}
