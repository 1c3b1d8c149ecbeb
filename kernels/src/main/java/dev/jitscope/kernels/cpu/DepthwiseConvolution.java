package dev.jitscope.kernels.cpu;

/**
 * Depthwise conv2d (one filter per input channel, times a channel multiplier), direct.
 *
 * <p>HotSpot's C2 turns a loop into SIMD code only when every array in it is read and written at the same
 * index: a read at another offset (x + 1, or another base) makes it assume the arrays may alias, and the loop
 * stays scalar. So 3×3 filters (MobileNet's) work on "tap arrays": for tap (i, j) a contiguous copy of the
 * inputs that output pixel k reads through it, after which the nine multiply-adds are three same-index loops.
 * Those loops run over bands of whole output rows at once ({@link #BAND_FLOATS} floats): per-row loops of 28
 * or 56 pixels spent more in loop entry and scalar tails than in arithmetic.
 *
 * <p>With stride 1 and padding 1 ({@link #same3x3}) each tap array is one shifted copy of the plane, with the
 * entries that would wrap around a row's ends zeroed. Otherwise ({@link #banded3x3}) each input row of the band
 * is copied once per tap column (for stride 2 deinterleaved into even and odd columns) and the taps of the next
 * filter rows are bulk copies of those, shifted by one output row. Stride-1 planes too narrow for these
 * (below {@link #MIN_SAME_ROW} with padding 1, below {@link #MIN_ROW} otherwise) are stacked, many per buffer,
 * and use whole-stack shifted copies ({@link #stacked3x3}). Bias and the fused clamp are applied in the last
 * loop. Other filters take the general tap-by-tap path.
 */
final class DepthwiseConvolution {
    private DepthwiseConvolution() { }

    /** Rows shorter than this run the stacked form: per-row copies would be all call overhead. */
    private static final int MIN_ROW = 24;
    /** Below this width the stacked form beats same3x3 (measured on MobileNet's 7×7 layers: its per-plane loops run too short). */
    private static final int MIN_SAME_ROW = 8;

    /** Per-thread buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        float[] pad = new float[0], acc = new float[0];
        float[][] taps = new float[9][0];
        float[][] shifted = new float[9][0];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    static void run(float[] in, float[] wt, float[] bias, float[] out, int n, int c, int h, int w, int o, int kh, int kw,
                    int oh, int ow, int sh, int sw, int ph, int pw, int dh, int dw, float min, float max) {
        if (oh <= 0 || ow <= 0) return;
        int mult = o / c;
        // rows/columns the sweep can touch, padding included
        int rows = Math.max(h + 2 * ph, (oh - 1) * sh + (kh - 1) * dh + 1);
        int cols = Math.max(w + 2 * pw, (ow - 1) * sw + (kw - 1) * dw + 1);
        boolean threeByThree = kh == 3 && kw == 3 && dh == 1 && dw == 1;
        boolean same = threeByThree && sh == 1 && sw == 1 && ph == 1 && pw == 1 && ow >= MIN_SAME_ROW;
        boolean flat = !same && threeByThree && sh == 1 && sw == 1 && ow < MIN_ROW;
        boolean banded = threeByThree && sh == sw && (sh == 1 || sh == 2);
        int rowLen = cols;
        boolean clamp = min != Float.NEGATIVE_INFINITY || max != Float.POSITIVE_INFINITY;
        if (flat) {
            Parallel.forWork(n * o, (long) oh * ow * kh * kw, (lo, hi) -> {
                stacked3x3(WORKSPACE.get(), in, wt, bias, out, lo, hi, c, o, mult, h, w, ph, pw, rows, rowLen, oh, ow);
                if (clamp) clamp(out, lo * oh * ow, hi * oh * ow, min, max);
            });
            return;
        }
        Parallel.forWork(n * o, (long) oh * ow * kh * kw, (lo, hi) -> {
            Workspace ws = WORKSPACE.get();
            if (!banded && ws.pad.length < (rows + 1) * rowLen) ws.pad = new float[(rows + 1) * rowLen];
            float[] pad = ws.pad;
            int loaded = -1;
            for (int plane = lo; plane < hi; plane++) {
                int b = plane / o, oc = plane % o, ic = oc / mult;
                int src = (b * c + ic) * h * w;
                float bv = bias == null ? 0f : bias[oc];
                int dst = plane * oh * ow, wo = oc * kh * kw;
                if (same) {
                    same3x3(ws, in, src, h, w, wt, wo, bv, out, dst, min, max);
                    continue;
                }
                if (banded) {
                    banded3x3(ws, in, src, h, w, ph, pw, wt, wo, bv, out, dst, oh, ow, sh, min, max);
                    continue;
                }
                if (src != loaded) load(in, src, h, w, ph, pw, pad, 0, rows, rowLen);
                loaded = src;
                general(pad, rowLen, wt, wo, bv, out, dst, kh, kw, oh, ow, sh, sw, dh, dw);
                if (clamp) clamp(out, dst, dst + oh * ow, min, max);   // while the plane is still in cache
            }
        });
    }

    private static void clamp(float[] out, int from, int to, float min, float max) {
        for (int i = from; i < to; i++) out[i] = Math.min(Math.max(out[i], min), max);
    }

    /** Copies plane src into pad with a zero border (and a zero row after the last: the flat form's last shifted copy reads into it). */
    private static void load(float[] in, int src, int h, int w, int ph, int pw, float[] pad, int at, int rows, int rowLen) {
        for (int r = 0; r <= rows; r++) {
            int d = at + r * rowLen, iy = r - ph;
            if (iy < 0 || iy >= h) { java.util.Arrays.fill(pad, d, d + rowLen, 0f); continue; }
            java.util.Arrays.fill(pad, d, d + pw, 0f);
            System.arraycopy(in, src + iy * w, pad, d + pw, w);
            java.util.Arrays.fill(pad, d + pw + w, d + rowLen, 0f);
        }
    }

    /** Output floats per band: the nine tap arrays and the accumulator of a band stay in L2. */
    private static final int BAND_FLOATS = 2048;

    /**
     * 3×3, stride 1 or 2 in both directions, one plane, band by band. Tap (i, j) of output pixel (y, x) is input
     * (y·s + i − ph, x·s + j − pw); taps[3i + j][k] holds it for the band's k-th output pixel.
     */
    private static void banded3x3(Workspace ws, float[] in, int src, int h, int w, int ph, int pw, float[] wt, int wo,
                                  float bv, float[] out, int dst, int oh, int ow, int s, float min, float max) {
        int band = Math.max(1, BAND_FLOATS / ow), cap = (band + 2) * ow;
        float[][] t = ws.taps;
        if (t[0].length < cap) for (int k = 0; k < 9; k++) t[k] = new float[cap];
        if (ws.acc.length < cap) ws.acc = new float[cap];
        float[] acc = ws.acc;
        for (int y0 = 0; y0 < oh; y0 += band) {
            int rows = Math.min(band, oh - y0), len = rows * ow;
            if (s == 1) {
                // filter row 0 reads input rows y0 .. y0 + rows + 1; rows 1 and 2 are the same rows, one and two down
                for (int r = 0; r < rows + 2; r++)
                    for (int j = 0; j < 3; j++) tapRow(in, src, h, w, y0 + r - ph, j - pw, t[j], r * ow, ow);
                for (int j = 0; j < 3; j++) {
                    System.arraycopy(t[j], ow, t[3 + j], 0, len);
                    System.arraycopy(t[j], 2 * ow, t[6 + j], 0, len);
                }
            } else {
                // filter rows 0 and 2 read the even rows 2y and 2y + 2, row 1 the odd rows between them
                for (int r = 0; r <= rows; r++) stridedTaps(in, src, h, w, 2 * (y0 + r) - ph, pw, t[0], t[1], t[2], r * ow, ow);
                for (int r = 0; r < rows; r++) stridedTaps(in, src, h, w, 2 * (y0 + r) + 1 - ph, pw, t[3], t[4], t[5], r * ow, ow);
                for (int j = 0; j < 3; j++) System.arraycopy(t[j], ow, t[6 + j], 0, len);
            }
            first(acc, 0, len, t[0], t[1], t[2], wt[wo], wt[wo + 1], wt[wo + 2], bv);
            next(acc, 0, len, t[3], t[4], t[5], wt[wo + 3], wt[wo + 4], wt[wo + 5]);
            lastClamped(acc, 0, len, t[6], t[7], t[8], wt[wo + 6], wt[wo + 7], wt[wo + 8], min, max);
            System.arraycopy(acc, 0, out, dst + y0 * ow, len);
        }
    }

    /**
     * 3×3, stride 1, padding 1 (output the input's size), band by band in the plane's own row pitch: tap (i, j) of
     * output pixel k is input pixel k + (i − 1)·w + (j − 1), so each tap array is one contiguous copy of the plane
     * (zero above and below it) rather than a copy per row. The left taps of a row's first pixel and the right taps
     * of its last would wrap around to the neighbouring rows; those entries are zeroed.
     */
    private static void same3x3(Workspace ws, float[] in, int src, int h, int w, float[] wt, int wo, float bv, float[] out,
                                int dst, float min, float max) {
        int size = h * w, band = Math.max(1, BAND_FLOATS / w), cap = band * w;
        float[][] t = ws.taps;
        if (t[0].length < cap) for (int k = 0; k < 9; k++) t[k] = new float[cap];
        if (ws.acc.length < cap) ws.acc = new float[cap];
        float[] acc = ws.acc;
        for (int y0 = 0; y0 < h; y0 += band) {
            int k0 = y0 * w, len = Math.min(band, h - y0) * w;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    float[] tap = t[3 * i + j];
                    PaddedRows.copy(in, src, size, k0 + (i - 1) * w + (j - 1), tap, 0, 0, len);
                    if (j == 0) for (int q = 0; q < len; q += w) tap[q] = 0f;
                    else if (j == 2) for (int q = w - 1; q < len; q += w) tap[q] = 0f;
                }
            }
            first(acc, 0, len, t[0], t[1], t[2], wt[wo], wt[wo + 1], wt[wo + 2], bv);
            next(acc, 0, len, t[3], t[4], t[5], wt[wo + 3], wt[wo + 4], wt[wo + 5]);
            lastClamped(acc, 0, len, t[6], t[7], t[8], wt[wo + 6], wt[wo + 7], wt[wo + 8], min, max);
            System.arraycopy(acc, 0, out, dst + k0, len);
        }
    }

    /** t[off + x] = input[iy][x + shift] for x < n, zero outside the plane. */
    private static void tapRow(float[] in, int src, int h, int w, int iy, int shift, float[] t, int off, int n) {
        if (iy < 0 || iy >= h) PaddedRows.zero(t, off, off + n);
        else PaddedRows.copy(in, src + iy * w, w, shift, t, off, 0, n);
    }

    /**
     * The three stride-2 taps of input row iy: tj[off + x] = input[iy][2x + j − pw], zero outside the plane. With
     * the usual padding of 1 they are the row's odd columns shifted by one, its even and its odd columns: one
     * deinterleaving pass instead of three strided gathers.
     */
    private static void stridedTaps(float[] in, int src, int h, int w, int iy, int pw, float[] t0, float[] t1, float[] t2,
                                    int off, int n) {
        if (iy < 0 || iy >= h) {
            PaddedRows.zero(t0, off, off + n);
            PaddedRows.zero(t1, off, off + n);
            PaddedRows.zero(t2, off, off + n);
            return;
        }
        int row = src + iy * w;
        if (pw != 1) {
            gather(in, row, w, -pw, t0, off, n);
            gather(in, row, w, 1 - pw, t1, off, n);
            gather(in, row, w, 2 - pw, t2, off, n);
            return;
        }
        int pairs = Math.min(n, w / 2);
        PaddedRows.deinterleave(in, row, pairs, t1, off, t2, off);
        for (int x = pairs; x < n; x++) {
            t1[off + x] = 2 * x < w ? in[row + 2 * x] : 0f;
            t2[off + x] = 2 * x + 1 < w ? in[row + 2 * x + 1] : 0f;
        }
        t0[off] = 0f;
        System.arraycopy(t2, off, t0, off + 1, n - 1);
    }

    /** t[off + x] = row[2x + shift] where that column exists, else 0. */
    private static void gather(float[] in, int row, int w, int shift, float[] t, int off, int n) {
        for (int x = 0; x < n; x++) {
            int c = 2 * x + shift;
            t[off + x] = c >= 0 && c < w ? in[row + c] : 0f;
        }
    }

    /** Planes stacked per buffer before the flat form runs on them: enough to make its copies and loops long. */
    private static final int STACK_FLOATS = 16 * 1024;

    /**
     * 3×3, stride 1, small planes [lo, hi): planes stacked in one padded buffer (each with its zero border), the
     * nine taps as nine shifted copies of the whole stack, then per plane one nine-term pass over its output rows
     * in padded coordinates (two junk columns per row, dropped when copying out).
     */
    private static void stacked3x3(Workspace ws, float[] in, float[] wt, float[] bias, float[] out, int lo, int hi, int c, int o,
                                   int mult, int h, int w, int ph, int pw, int rows, int rowLen, int oh, int ow) {
        int planeLen = (rows + 1) * rowLen, len = oh * rowLen;
        int group = Math.max(1, Math.min(hi - lo, STACK_FLOATS / planeLen));
        int stack = group * planeLen;
        if (ws.pad.length < stack) ws.pad = new float[stack];
        if (ws.acc.length < stack) ws.acc = new float[stack];
        float[][] sh = ws.shifted;
        for (int k = 0; k < 9; k++) if (sh[k].length < stack) sh[k] = new float[stack];
        float[] pad = ws.pad, acc = ws.acc;
        for (int first = lo; first < hi; first += group) {
            int count = Math.min(group, hi - first);
            for (int p = 0; p < count; p++) {
                int plane = first + p, b = plane / o, ic = (plane % o) / mult;
                load(in, (b * c + ic) * h * w, h, w, ph, pw, pad, p * planeLen, rows, rowLen);
            }
            int used = (count - 1) * planeLen + len;
            for (int k = 0; k < 9; k++) System.arraycopy(pad, (k / 3) * rowLen + k % 3, sh[k], 0, used);
            for (int p = 0; p < count; p++) {
                int plane = first + p, oc = plane % o, base = p * planeLen;
                nine(acc, base, base + len, sh[0], sh[1], sh[2], sh[3], sh[4], sh[5], sh[6], sh[7], sh[8], wt, oc * 9,
                        bias == null ? 0f : bias[oc]);
                int dst = plane * oh * ow;
                for (int y = 0; y < oh; y++) System.arraycopy(acc, base + y * rowLen, out, dst + y * ow, ow);
            }
        }
    }

    /**
     * acc[i] = bias + Σ w[k]·t_k[i] over [from, to), as three passes of three taps: every array read and written at
     * the same index, which C2 vectorises, but only up to about four arrays per loop (a single nine-tap loop ran
     * scalar, six times slower).
     */
    private static void nine(float[] acc, int from, int to, float[] a0, float[] a1, float[] a2, float[] b0, float[] b1, float[] b2,
                             float[] c0, float[] c1, float[] c2, float[] wt, int wo, float bias) {
        first(acc, from, to, a0, a1, a2, wt[wo], wt[wo + 1], wt[wo + 2], bias);
        next(acc, from, to, b0, b1, b2, wt[wo + 3], wt[wo + 4], wt[wo + 5]);
        next(acc, from, to, c0, c1, c2, wt[wo + 6], wt[wo + 7], wt[wo + 8]);
    }

    private static void first(float[] acc, int from, int to, float[] a, float[] b, float[] c, float wa, float wb, float wc, float bias) {
        for (int x = from; x < to; x++) acc[x] = bias + wa * a[x] + wb * b[x] + wc * c[x];
    }

    private static void next(float[] acc, int from, int to, float[] a, float[] b, float[] c, float wa, float wb, float wc) {
        for (int x = from; x < to; x++) acc[x] += wa * a[x] + wb * b[x] + wc * c[x];
    }

    /** next() with the clamp folded in (±∞ bounds leave every value, NaN and −0 included, as it is). */
    private static void lastClamped(float[] acc, int from, int to, float[] a, float[] b, float[] c, float wa, float wb, float wc,
                                    float min, float max) {
        for (int x = from; x < to; x++) acc[x] = Math.min(Math.max(acc[x] + wa * a[x] + wb * b[x] + wc * c[x], min), max);
    }

    /** Any filter size, stride and dilation: tap by tap over each output row of the padded plane. */
    private static void general(float[] p, int rowLen, float[] wt, int wo, float bv, float[] out, int dst,
                                int kh, int kw, int oh, int ow, int sh, int sw, int dh, int dw) {
        for (int y = 0; y < oh; y++) {
            int d = dst + y * ow;
            java.util.Arrays.fill(out, d, d + ow, bv);
            for (int ki = 0; ki < kh; ki++) {
                int row = (y * sh + ki * dh) * rowLen;
                for (int kj = 0; kj < kw; kj++) {
                    float wv = wt[wo + ki * kw + kj];
                    int s = row + kj * dw;
                    if (sw == 1) for (int x = 0; x < ow; x++) out[d + x] += wv * p[s + x];
                    else for (int x = 0; x < ow; x++) out[d + x] += wv * p[s + x * sw];
                }
            }
        }
    }
}
