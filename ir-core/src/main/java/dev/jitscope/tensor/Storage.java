package dev.jitscope.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Flat typed memory shared by tensor views. The backing array is one of float[] (FLOAT32, and
 * FLOAT16/BFLOAT16 widened on load), double[] (FLOAT64), long[] (INT64), int[] (INT32), short[]
 * (INT16), byte[] (INT8, UINT8, BOOL as 0/1).
 */
public final class Storage {
    private final DType dtype;
    private final Object data;
    private final int length;

    private Storage(DType dtype, Object data, int length) { this.dtype = dtype; this.data = data; this.length = length; }

    public static Storage allocate(DType dtype, int length) {
        if (length < 0) throw new IllegalArgumentException("negative storage length " + length);
        return new Storage(dtype, switch (dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> new float[length];
            case FLOAT64 -> new double[length];
            case INT64 -> new long[length];
            case INT32 -> new int[length];
            case INT16 -> new short[length];
            case INT8, UINT8, BOOL -> new byte[length];
        }, length);
    }

    public static Storage wrap(float[] a) { return new Storage(DType.FLOAT32, a, a.length); }
    public static Storage wrap(double[] a) { return new Storage(DType.FLOAT64, a, a.length); }
    public static Storage wrap(long[] a) { return new Storage(DType.INT64, a, a.length); }
    public static Storage wrap(int[] a) { return new Storage(DType.INT32, a, a.length); }
    public static Storage wrap(DType byteType, byte[] a) { return new Storage(byteType, a, a.length); }

    /** Decodes raw bytes in the given order (archives store little-endian). Half types widen to float. */
    public static Storage fromBytes(DType dtype, byte[] bytes, ByteOrder order) {
        if (bytes.length % dtype.itemSize != 0)
            throw new IllegalArgumentException(bytes.length + " bytes is not a whole number of " + dtype.torchName + " elements");
        int n = bytes.length / dtype.itemSize;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(order);
        Storage s = allocate(dtype, n);
        switch (dtype) {
            case FLOAT32 -> bb.asFloatBuffer().get((float[]) s.data);
            case FLOAT64 -> bb.asDoubleBuffer().get((double[]) s.data);
            case INT64 -> bb.asLongBuffer().get((long[]) s.data);
            case INT32 -> bb.asIntBuffer().get((int[]) s.data);
            case INT16 -> bb.asShortBuffer().get((short[]) s.data);
            case INT8, UINT8, BOOL -> System.arraycopy(bytes, 0, s.data, 0, n);
            case FLOAT16 -> { float[] f = (float[]) s.data; for (int i = 0; i < n; i++) f[i] = halfToFloat(bb.getShort(2 * i)); }
            case BFLOAT16 -> { float[] f = (float[]) s.data; for (int i = 0; i < n; i++) f[i] = Float.intBitsToFloat((bb.getShort(2 * i) & 0xffff) << 16); }
        }
        return s;
    }

    public DType dtype() { return dtype; }
    public int length() { return length; }
    public Object array() { return data; }
    public float[] floats() { return (float[]) data; }
    public double[] doubles() { return (double[]) data; }
    public long[] longs() { return (long[]) data; }
    public int[] ints() { return (int[]) data; }
    public short[] shorts() { return (short[]) data; }
    public byte[] bytes() { return (byte[]) data; }

    /** The float32 value nearest to f that float16 can hold (round to nearest even), as PyTorch stores Half. */
    public static float roundToHalf(float f) { return halfToFloat(Npy.floatToHalf(f)); }

    /** The float32 value nearest to f that bfloat16 can hold (round to nearest even; NaN stays NaN). */
    public static float roundToBFloat16(float f) {
        if (f != f) return f;
        int bits = Float.floatToIntBits(f);
        bits += 0x7fff + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xffff0000);
    }

    static float halfToFloat(short h) {
        int bits = h & 0xffff, sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1f, mant = bits & 0x3ff;
        if (exp == 0) return (sign != 0 ? -1f : 1f) * mant * 0x1p-24f;
        if (exp == 31) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
