package dev.jitscope.kernels.cpu;

/**
 * Depthwise conv2d (one filter per input channel, times a channel multiplier), direct over output rows.
 * Each input plane is first copied into a zero-padded per-thread buffer, so the inner loops have no
 * bounds checks. 3×3 filters (MobileNet's) are computed from "tap rows": for each padded input row r and
 * filter column j a contiguous copy of the inputs that output column x reads through tap j
 * (padded[r][x·stride + j]). Every inner loop then reads and writes at the same index of distinct arrays,
 * the one form HotSpot's C2 turns into SIMD code (a load at another offset of the output's index makes
 * it assume aliasing and stay scalar). Small planes (short rows) use whole-plane shifted copies instead,
 * for long loops. Bias and the fused clamp are applied on the way out.
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
        Parallel.forWork(n * o, (long) oh * ow * kh * kw, (lo, hi) -> {
            Workspace ws = WORKSPACE.get();
            if (ws.pad.length < (rows + 1) * rowLen) ws.pad = new float[(rows + 1) * rowLen];
            float[] pad = ws.pad;
            int loaded = -1;
            for (int plane = lo; plane < hi; plane++) {
                int b = plane / o, oc = plane % o, ic = oc / mult;
                int src = (b * c + ic) * h * w;
                boolean fresh = src != loaded;
                if (fresh) { load(in, src, h, w, ph, pw, pad, rows, rowLen); loaded = src; }
                float bv = bias == null ? 0f : bias[oc];
                int dst = plane * oh * ow, wo = oc * kh * kw;
                if (flat) flat3x3(ws, pad, rowLen, wt, wo, bv, out, dst, oh, ow, fresh);
                else if (threeByThree) rows3x3(ws, pad, rowLen, rows, wt, wo, bv, out, dst, oh, ow, sh, sw, fresh);
                else general(pad, rowLen, wt, wo, bv, out, dst, kh, kw, oh, ow, sh, sw, dh, dw);
                if (clamp) for (int i = dst; i < dst + oh * ow; i++) out[i] = Math.min(Math.max(out[i], min), max);
            }
        });
    }

    /** Copies plane src into pad with a zero border (and a zero row after the last: the flat form's last shifted copy reads into it). */
    private static void load(float[] in, int src, int h, int w, int ph, int pw, float[] pad, int rows, int rowLen) {
        for (int r = 0; r <= rows; r++) {
            int d = r * rowLen, iy = r - ph;
            if (iy < 0 || iy >= h) { java.util.Arrays.fill(pad, d, d + rowLen, 0f); continue; }
            java.util.Arrays.fill(pad, d, d + pw, 0f);
            System.arraycopy(in, src + iy * w, pad, d + pw, w);
            java.util.Arrays.fill(pad, d + pw + w, d + rowLen, 0f);
        }
    }

    /** 3×3, any stride: tap rows once per input plane, then three 3-tap passes per output row. */
    private static void rows3x3(Workspace ws, float[] pad, int rowLen, int rows, float[] wt, int wo, float bv, float[] out,
                                int dst, int oh, int ow, int sh, int sw, boolean fresh) {
        float[][][] taps = ws.taps;
        if (fresh) {
            for (int j = 0; j < 3; j++) {
                if (taps[j].length < rows || taps[j][0].length < ow) taps[j] = new float[rows][ow];
                for (int r = 0; r < rows; r++) {
                    float[] t = taps[j][r];
                    int s = r * rowLen + j;
                    if (sw == 1) System.arraycopy(pad, s, t, 0, ow);
                    else for (int x = 0; x < ow; x++) t[x] = pad[s + x * sw];
                }
            }
        }
        if (ws.acc.length < ow) ws.acc = new float[ow];
        float[] acc = ws.acc;
        float[][] t0 = taps[0], t1 = taps[1], t2 = taps[2];
        for (int y = 0; y < oh; y++) {
            int r = y * sh;
            first(acc, t0[r], t1[r], t2[r], wt[wo], wt[wo + 1], wt[wo + 2], bv, ow);
            next(acc, t0[r + 1], t1[r + 1], t2[r + 1], wt[wo + 3], wt[wo + 4], wt[wo + 5], ow);
            next(acc, t0[r + 2], t1[r + 2], t2[r + 2], wt[wo + 6], wt[wo + 7], wt[wo + 8], ow);
            System.arraycopy(acc, 0, out, dst + y * ow, ow);
        }
    }

    /**
     * 3×3, stride 1, small planes: the nine taps as nine shifted copies of the whole padded plane, summed
     * over output positions in padded coordinates (two junk columns per row, dropped when copying out).
     */
    private static void flat3x3(Workspace ws, float[] pad, int rowLen, float[] wt, int wo, float bv, float[] out,
                                int dst, int oh, int ow, boolean fresh) {
        int len = oh * rowLen;
        float[][] s = ws.shifted;
        if (fresh) {
            for (int k = 0; k < 9; k++) {
                if (s[k].length < len) s[k] = new float[len];
                System.arraycopy(pad, (k / 3) * rowLen + k % 3, s[k], 0, len);
            }
        }
        if (ws.acc.length < len) ws.acc = new float[len];
        float[] acc = ws.acc;
        first(acc, s[0], s[1], s[2], wt[wo], wt[wo + 1], wt[wo + 2], bv, len);
        next(acc, s[3], s[4], s[5], wt[wo + 3], wt[wo + 4], wt[wo + 5], len);
        next(acc, s[6], s[7], s[8], wt[wo + 6], wt[wo + 7], wt[wo + 8], len);
        for (int y = 0; y < oh; y++) System.arraycopy(acc, y * rowLen, out, dst + y * ow, ow);
    }

    private static void first(float[] acc, float[] a, float[] b, float[] c, float wa, float wb, float wc, float bias, int n) {
        for (int x = 0; x < n; x++) acc[x] = bias + wa * a[x] + wb * b[x] + wc * c[x];
    }

    private static void next(float[] acc, float[] a, float[] b, float[] c, float wa, float wb, float wc, int n) {
        for (int x = 0; x < n; x++) acc[x] += wa * a[x] + wb * b[x] + wc * c[x];
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
