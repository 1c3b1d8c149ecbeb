package dev.jitscope.kernels.cpu;

import java.util.Arrays;

/**
 * Copies of one input row shifted by a column offset, zero where the shifted column falls outside the row: how
 * unfolding (im2col) and depthwise tap rows read a zero-padded input without materialising the padding. Also a
 * row split into its even and odd columns, for stride-2 taps and phase planes.
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

    /**
     * even[eOff + x] = src[row + 2x], odd[oOff + x] = src[row + 2x + 1] for x < pairs: a row split into its even and
     * odd columns (stride-2 taps, phase planes). Four pairs per step with the loads ahead of the stores: a third faster
     * than pair by pair, which C2 leaves as interleaved single loads and stores.
     */
    static void deinterleave(float[] src, int row, int pairs, float[] even, int eOff, float[] odd, int oOff) {
        int x = 0;
        for (; x + 3 < pairs; x += 4) {
            int s = row + 2 * x;
            float e0 = src[s], o0 = src[s + 1], e1 = src[s + 2], o1 = src[s + 3], e2 = src[s + 4], o2 = src[s + 5], e3 = src[s + 6], o3 = src[s + 7];
            even[eOff + x] = e0; even[eOff + x + 1] = e1; even[eOff + x + 2] = e2; even[eOff + x + 3] = e3;
            odd[oOff + x] = o0; odd[oOff + x + 1] = o1; odd[oOff + x + 2] = o2; odd[oOff + x + 3] = o3;
        }
        for (; x < pairs; x++) {
            even[eOff + x] = src[row + 2 * x];
            odd[oOff + x] = src[row + 2 * x + 1];
        }
    }
}
