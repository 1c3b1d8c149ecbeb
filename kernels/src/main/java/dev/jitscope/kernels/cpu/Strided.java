package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;

/**
 * Moving elements between strided views: broadcasting, dtype conversion, gathering a view into a
 * fresh contiguous array and scattering into a (possibly strided) destination. The general path of
 * every kernel; fast paths skip it for contiguous float32.
 */
public final class Strided {
    private Strided() { }

    /** Visits the rows (runs along the last dimension) of a strided layout. */
    @FunctionalInterface
    interface RowVisitor { void row(int flatStart, int pos, int len, int stride); }

    public static int[] broadcastShapes(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1)
                throw new JitScopeException("The size of tensor a (" + da + ") must match the size of tensor b (" + db
                        + ") at non-singleton dimension " + i);
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides that read {@code t} as if expanded to {@code shape} (0 along broadcast dimensions). */
    static int[] broadcastStrides(Tensor t, int[] shape) {
        int[] st = new int[shape.length];
        int shift = shape.length - t.dim();
        if (shift < 0) throw new JitScopeException("cannot broadcast shape " + Arrays.toString(t.shape()) + " to " + Arrays.toString(shape));
        for (int i = 0; i < t.dim(); i++) {
            int d = t.shape()[i];
            if (d == shape[i + shift]) st[i + shift] = d == 1 ? 0 : t.strides()[i];
            else if (d == 1) st[i + shift] = 0;
            else throw new JitScopeException("The expanded size of the tensor (" + shape[i + shift] + ") must match the existing size ("
                    + d + ") at non-singleton dimension " + (i + shift) + ".  Target sizes: " + Arrays.toString(shape)
                    + ".  Tensor sizes: " + Arrays.toString(t.shape()));
        }
        return st;
    }

    static void forEachRow(int[] shape, int[] strides, int offset, RowVisitor v) {
        int n = Tensor.numel(shape);
        if (n == 0) return;
        int rank = shape.length;
        if (rank == 0) { v.row(0, offset, 1, 0); return; }
        int len = shape[rank - 1], stride = strides[rank - 1];
        int rows = n / len;
        int[] idx = new int[rank];
        int pos = offset;
        for (int r = 0; r < rows; r++) {
            v.row(r * len, pos, len, stride);
            for (int d = rank - 2; d >= 0; d--) {
                if (++idx[d] < shape[d]) { pos += strides[d]; break; }
                pos -= (shape[d] - 1) * strides[d];
                idx[d] = 0;
            }
        }
    }

    static double readD(Storage s, int pos) {
        return switch (s.dtype()) {
            case FLOAT32, FLOAT16, BFLOAT16 -> s.floats()[pos];
            case FLOAT64 -> s.doubles()[pos];
            case INT64 -> s.longs()[pos];
            case INT32 -> s.ints()[pos];
            case INT16 -> s.shorts()[pos];
            case UINT8 -> s.bytes()[pos] & 0xff;
            case INT8, BOOL -> s.bytes()[pos];
        };
    }

    static long readL(Storage s, int pos) {
        return switch (s.dtype()) {
            case FLOAT32, FLOAT16, BFLOAT16 -> (long) s.floats()[pos];
            case FLOAT64 -> (long) s.doubles()[pos];
            case INT64 -> s.longs()[pos];
            case INT32 -> s.ints()[pos];
            case INT16 -> s.shorts()[pos];
            case UINT8 -> s.bytes()[pos] & 0xff;
            case INT8, BOOL -> s.bytes()[pos];
        };
    }

    /** Contiguous float copy of t expanded to shape, converting the dtype. */
    static float[] floats(Tensor t, int[] shape) {
        float[] out = new float[Tensor.numel(shape)];
        Storage s = t.storage();
        int[] st = broadcastStrides(t, shape);
        if (s.dtype() == DType.FLOAT32 || s.dtype() == DType.FLOAT16 || s.dtype() == DType.BFLOAT16) {
            float[] a = s.floats();
            forEachRow(shape, st, t.offset(), (o, p, len, stride) -> {
                if (stride == 1) System.arraycopy(a, p, out, o, len);
                else for (int i = 0; i < len; i++) out[o + i] = a[p + i * stride];
            });
        } else {
            forEachRow(shape, st, t.offset(), (o, p, len, stride) -> {
                for (int i = 0; i < len; i++) out[o + i] = (float) readD(s, p + i * stride);
            });
        }
        return out;
    }

    static double[] doubles(Tensor t, int[] shape) {
        double[] out = new double[Tensor.numel(shape)];
        Storage s = t.storage();
        forEachRow(shape, broadcastStrides(t, shape), t.offset(), (o, p, len, stride) -> {
            for (int i = 0; i < len; i++) out[o + i] = readD(s, p + i * stride);
        });
        return out;
    }

    static long[] longs(Tensor t, int[] shape) {
        long[] out = new long[Tensor.numel(shape)];
        Storage s = t.storage();
        forEachRow(shape, broadcastStrides(t, shape), t.offset(), (o, p, len, stride) -> {
            for (int i = 0; i < len; i++) out[o + i] = readL(s, p + i * stride);
        });
        return out;
    }

    /** Float data of t in row-major order: its own array when t is a dense float32 tensor at offset 0, else a copy. */
    static float[] denseFloats(Tensor t) {
        if (t.dtype() == DType.FLOAT32 && t.isContiguous() && t.offset() == 0 && t.storage().length() == t.numel())
            return t.storage().floats();
        return floats(t, t.shape());
    }

    /** A contiguous tensor of the given dtype holding t's values expanded to shape. */
    public static Tensor materialize(Tensor t, DType dtype, int[] shape) {
        Tensor out = Tensor.zeros(dtype, shape);
        copyInto(out, t);
        return out;
    }

    /** Writes src (broadcast to dst's shape, converted to dst's dtype) into dst's elements; alias-safe. */
    public static void copyInto(Tensor dst, Tensor src) {
        int[] shape = dst.shape();
        DType dt = dst.dtype();
        Storage d = dst.storage();
        // Gather first, scatter after: a source overlapping the destination is read completely before any write.
        switch (dt) {
            case FLOAT32, FLOAT16, BFLOAT16 -> {
                float[] v = floats(src, shape), a = d.floats();
                roundToStorage(v, dt);
                forEachRow(shape, dst.strides(), dst.offset(), (o, p, len, stride) -> {
                    if (stride == 1) System.arraycopy(v, o, a, p, len);
                    else for (int i = 0; i < len; i++) a[p + i * stride] = v[o + i];
                });
            }
            case FLOAT64 -> {
                double[] v = doubles(src, shape), a = d.doubles();
                forEachRow(shape, dst.strides(), dst.offset(), (o, p, len, stride) -> { for (int i = 0; i < len; i++) a[p + i * stride] = v[o + i]; });
            }
            default -> {
                boolean fromFloat = src.dtype().isFloatingPoint();
                double[] fv = fromFloat && dt == DType.BOOL ? doubles(src, shape) : null;
                long[] v = fv == null ? longs(src, shape) : null;
                forEachRow(shape, dst.strides(), dst.offset(), (o, p, len, stride) -> {
                    for (int i = 0; i < len; i++) {
                        int q = p + i * stride;
                        long x = fv != null ? (fv[o + i] != 0 ? 1 : 0) : v[o + i];
                        switch (dt) {
                            case INT64 -> d.longs()[q] = x;
                            case INT32 -> d.ints()[q] = (int) x;
                            case INT16 -> d.shorts()[q] = (short) x;
                            case BOOL -> d.bytes()[q] = (byte) (x != 0 ? 1 : 0);
                            default -> d.bytes()[q] = (byte) x;
                        }
                    }
                });
            }
        }
    }

    /** Half types live widened in float[]; every value stored into one is rounded to what the type can hold. */
    static void roundToStorage(float[] v, DType dt) {
        if (dt == DType.FLOAT16) for (int i = 0; i < v.length; i++) v[i] = Storage.roundToHalf(v[i]);
        else if (dt == DType.BFLOAT16) for (int i = 0; i < v.length; i++) v[i] = Storage.roundToBFloat16(v[i]);
    }

    /** Wraps a computed flat array as a contiguous tensor. */
    static Tensor wrap(float[] a, int[] shape) { return Tensor.contiguous(Storage.wrap(a), shape); }
    static Tensor wrap(double[] a, int[] shape) { return Tensor.contiguous(Storage.wrap(a), shape); }
    static Tensor wrap(long[] a, int[] shape) { return Tensor.contiguous(Storage.wrap(a), shape); }

    /** Converts a long-computed array to a tensor of an integral/bool dtype. */
    static Tensor fromLongs(long[] a, DType dtype, int[] shape) {
        if (dtype == DType.INT64) return wrap(a, shape);
        return materialize(wrap(a, shape), dtype, shape);
    }

    /** Converts a double-computed array to a tensor of dtype. */
    static Tensor fromDoubles(double[] a, DType dtype, int[] shape) {
        if (dtype == DType.FLOAT64) return wrap(a, shape);
        Tensor out = Tensor.zeros(dtype, shape);
        if (dtype == DType.FLOAT32 || dtype == DType.FLOAT16 || dtype == DType.BFLOAT16) {
            float[] f = out.storage().floats();
            for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
            roundToStorage(f, dtype);
            return out;
        }
        copyInto(out, wrap(a, shape));
        return out;
    }
}
