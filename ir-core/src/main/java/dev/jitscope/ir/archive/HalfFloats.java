package dev.jitscope.ir.archive;

/** float → IEEE half and bfloat16 bits with round-to-nearest-even, for writing 16-bit storages. */
final class HalfFloats {
    private HalfFloats() { }

    static short toBFloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        int e = exp - 127 + 15;
        if (e >= 0x1f) return (short) (sign | 0x7c00);                 // overflow → infinity
        if (e <= 0) {                                                   // subnormal half or zero
            if (e < -10) return (short) sign;
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1), mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) != 0)) half++;
            return (short) (sign | half);
        }
        int half = sign | (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) half++;   // may carry into the exponent: still correct
        return (short) half;
    }
}
