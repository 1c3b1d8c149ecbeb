package dev.jitscope.kernels.cpu;

import java.util.Arrays;

/**
 * Copies of one input row shifted by a column offset, zero where the shifted column falls outside the row:
 * how unfolding (im2col) and depthwise tap rows read a zero-padded input without materialising the padding.
 */
final class PaddedRows {
    private PaddedRows() { }

    /** dst[dOff + x] = x + shift in [0, valid) ? src[row + x + shift] : 0, for x in [from, to). */
    static void copy(float[] src, int row, int valid, int shift, float[] dst, int dOff, int from, int to) {
        int lo = Math.max(from, -shift), hi = Math.min(to, valid - shift);
        if (hi <= lo) { zero(dst, dOff + from, dOff + to); return; }
        if (lo > from) zero(dst, dOff + from, dOff + lo);
        System.arraycopy(src, row + lo + shift, dst, dOff + lo, hi - lo);
        if (hi < to) zero(dst, dOff + hi, dOff + to);
    }

    /** Zeroes [from, to): a plain loop for the one or two padding columns per row, where Arrays.fill's call costs more. */
    static void zero(float[] a, int from, int to) {
        if (to - from > 16) Arrays.fill(a, from, to, 0f);
        else for (int i = from; i < to; i++) a[i] = 0f;
    }
}
