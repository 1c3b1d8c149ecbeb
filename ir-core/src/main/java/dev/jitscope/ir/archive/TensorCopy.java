package dev.jitscope.ir.archive;

import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

/** Element-wise copy between equally shaped tensors of any dtypes and strides, like {@code Tensor.copy_}. */
final class TensorCopy {
    private TensorCopy() { }

    static void copy(Tensor src, Tensor dst) {
        int n = dst.numel();
        boolean integral = isIntegral(src.dtype()) && isIntegral(dst.dtype());   // keep int64 exact beyond 2^53
        for (int i = 0; i < n; i++) {
            int from = position(src, i), to = position(dst, i);
            if (integral) setLong(dst.storage(), to, getLong(src.storage(), from));
            else setDouble(dst.storage(), to, getDouble(src.storage(), from));
        }
    }

    private static boolean isIntegral(DType d) {
        return switch (d) { case INT64, INT32, INT16, INT8, UINT8, BOOL -> true; default -> false; };
    }

    /** Storage index of the element at a row-major flat index. */
    private static int position(Tensor t, int flat) {
        int pos = t.offset(), rem = flat;
        for (int d = t.dim() - 1; d >= 0; d--) {
            pos += (rem % t.shape()[d]) * t.strides()[d];
            rem /= t.shape()[d];
        }
        return pos;
    }

    private static long getLong(Storage s, int i) {
        return switch (s.dtype()) {
            case INT64 -> s.longs()[i];
            case INT32 -> s.ints()[i];
            case INT16 -> s.shorts()[i];
            case UINT8 -> s.bytes()[i] & 0xff;
            default -> s.bytes()[i];
        };
    }

    private static void setLong(Storage s, int i, long v) {
        switch (s.dtype()) {
            case INT64 -> s.longs()[i] = v;
            case INT32 -> s.ints()[i] = (int) v;
            case INT16 -> s.shorts()[i] = (short) v;
            case BOOL -> s.bytes()[i] = (byte) (v != 0 ? 1 : 0);
            default -> s.bytes()[i] = (byte) v;
        }
    }

    private static double getDouble(Storage s, int i) {
        return switch (s.dtype()) {
            case FLOAT32, FLOAT16, BFLOAT16 -> s.floats()[i];
            case FLOAT64 -> s.doubles()[i];
            default -> getLong(s, i);
        };
    }

    private static void setDouble(Storage s, int i, double v) {
        switch (s.dtype()) {
            case FLOAT32 -> s.floats()[i] = (float) v;
            case FLOAT16 -> s.floats()[i] = Storage.roundToHalf((float) v);
            case BFLOAT16 -> s.floats()[i] = Storage.roundToBFloat16((float) v);
            case FLOAT64 -> s.doubles()[i] = v;
            case BOOL -> s.bytes()[i] = (byte) (v != 0 ? 1 : 0);
            default -> setLong(s, i, (long) v);
        }
    }
}
