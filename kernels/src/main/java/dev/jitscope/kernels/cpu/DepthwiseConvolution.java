package dev.jitscope.kernels.cpu;

/**
 * Depthwise conv2d (one filter per input channel, times a channel multiplier), direct over output rows.
 * Each input plane is first copied into a zero-padded per-thread buffer, so the inner loops have no
 * bounds checks. 3×3 filters (MobileNet's) are computed from "tap rows": for each padded input row r and
 * filter column j a contiguous copy of the inputs that output column x reads through tap j
 * (padded[r][x·stride + j]). Every inner loop then reads and writes at the same index of distinct arrays,
 * the one form HotSpot's C2 turns into SIMD code (a load at another offset of the output's index makes
 * it assume aliasing and stay scalar). Strided convolutions compute the stride-1 row from the same
 * contiguous tap rows and keep every stride-th value: twice the multiply-adds at stride 2, but in SIMD, where
 * gathering strided tap rows was scalar and cost more than all the arithmetic. Small planes (short rows) are
 * stacked, many per buffer, and use whole-stack shifted copies instead, so that the per-plane copies and
 * loops are long. Bias and the fused clamp are applied on the way out.
 */
final class DepthwiseConvolution {
    private DepthwiseConvolution() { }

    /** Rows shorter than this run the whole-plane form: per-row loops would be all loop overhead. */
    private static final int MIN_ROW = 24;

    /** Per-thread buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        float[] pad = new float[0], acc = new float[0];
        float[][][] taps = new float[3][0][];
        float[][] shifted = new float[9][0];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    static void run(float[] in, float[] wt, float[] bias, float[] out, int n, int c, int h, int w, int o, int kh, int kw,
                    int oh, int ow, int sh, int sw, int ph, int pw, int dh, int dw, float min, float max) {
        int mult = o / c;
        // rows/columns the sweep can touch, padding included
        int rows = Math.max(h + 2 * ph, (oh - 1) * sh + (kh - 1) * dh + 1);
        int cols = Math.max(w + 2 * pw, (ow - 1) * sw + (kw - 1) * dw + 1);
        boolean threeByThree = kh == 3 && kw == 3 && dh == 1 && dw == 1;
        boolean flat = threeByThree && sh == 1 && sw == 1 && ow < MIN_ROW;
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
            if (ws.pad.length < (rows + 1) * rowLen) ws.pad = new float[(rows + 1) * rowLen];
            float[] pad = ws.pad;
            int loaded = -1;
            for (int plane = lo; plane < hi; plane++) {
                int b = plane / o, oc = plane % o, ic = oc / mult;
                int src = (b * c + ic) * h * w;
                boolean fresh = src != loaded;
                if (fresh && !threeByThree) load(in, src, h, w, ph, pw, pad, 0, rows, rowLen);
                loaded = src;
                float bv = bias == null ? 0f : bias[oc];
                int dst = plane * oh * ow, wo = oc * kh * kw;
                if (threeByThree) rows3x3(ws, in, src, h, w, ph, pw, rows, wt, wo, bv, out, dst, oh, ow, sh, sw, fresh);
                else general(pad, rowLen, wt, wo, bv, out, dst, kh, kw, oh, ow, sh, sw, dh, dw);
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

    /**
     * 3×3, any stride: stride-1 tap rows over the whole padded width, once per input plane; per output row one
     * nine-term pass at stride 1, of which every sw-th value is kept.
     */
    private static void rows3x3(Workspace ws, float[] in, int src, int h, int w, int ph, int pw, int rows, float[] wt, int wo,
                                float bv, float[] out, int dst, int oh, int ow, int sh, int sw, boolean fresh) {
        int span = (ow - 1) * sw + 1;   // stride-1 columns the kept outputs come from
        float[][][] taps = ws.taps;
        if (fresh) {
            for (int j = 0; j < 3; j++) {
                if (taps[j].length < rows || taps[j][0].length < span) taps[j] = new float[rows][span];
                for (int r = 0; r < rows; r++) tapRow(in, src, h, w, r - ph, j - pw, taps[j][r], span);
            }
        }
        if (ws.acc.length < span) ws.acc = new float[span];
        float[] acc = ws.acc;
        float[][] t0 = taps[0], t1 = taps[1], t2 = taps[2];
        for (int y = 0; y < oh; y++) {
            int r = y * sh;
            nine(acc, 0, span, t0[r], t1[r], t2[r], t0[r + 1], t1[r + 1], t2[r + 1], t0[r + 2], t1[r + 2], t2[r + 2], wt, wo, bv);
            int d = dst + y * ow;
            if (sw == 1) System.arraycopy(acc, 0, out, d, ow);
            else for (int x = 0; x < ow; x++) out[d + x] = acc[x * sw];
        }
    }

    /** t[x] = input[iy][x + shift] over x < span, zero outside the plane: one tap row, straight from the input. */
    private static void tapRow(float[] in, int src, int h, int w, int iy, int shift, float[] t, int span) {
        if (iy < 0 || iy >= h) PaddedRows.zero(t, 0, span);
        else PaddedRows.copy(in, src + iy * w, w, shift, t, 0, 0, span);
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
