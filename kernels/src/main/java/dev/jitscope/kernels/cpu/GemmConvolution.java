package dev.jitscope.kernels.cpu;

import java.util.Arrays;

/**
 * conv2d as GEMM, blocked by output columns so that each thread unfolds (im2col) only the receptive fields
 * of its own block of output pixels into a per-thread buffer, multiplies it by the weights with a
 * single-threaded BLAS call while it is still in cache, and adds bias and the fused clamp to the block it just
 * wrote. Unfolding the whole image first (the textbook form) streams the columns matrix, up to nine times the
 * input, through memory twice, and leaves the bias pass for a third sweep over the output.
 *
 * <p>Strided convolutions unfold from "phase planes": the input split by column phase (x mod stride) once per
 * image, so that every unfolded row segment is a contiguous copy instead of a gather.
 *
 * <p>Only used when BLAS runs single-threaded ({@link Blas#singleThreaded()}): our pool supplies the
 * parallelism, and a multi-threaded BLAS inside it would oversubscribe the cores.
 */
final class GemmConvolution {
    private GemmConvolution() { }

    /**
     * Target size of one thread's unfolded block plus output block, in floats (1 MiB: L3, not L2). Blocks sized for
     * a 512 KiB L2 were measured 10–20 % slower on resnet18's 3×3 layers: each BLAS call repacks the weights and
     * runs short, which costs more than the cache misses that bigger blocks bring.
     */
    private static final int BLOCK_FLOATS = Integer.getInteger("jitscope.convBlock", 256 * 1024);
    /** Fewer output columns per block than this and BLAS's kernels run short; the weights are split instead. */
    private static final int MIN_BLOCK_COLUMNS = 32;

    private static final Scratch PHASES = Scratch.PHASES;

    /**
     * Unfolds the whole (cg·kh·kw) × (oh·ow) receptive-field matrix of the image group at inOff into cols, rows split
     * over the team: the textbook im2col, for callers that multiply it in one GEMM.
     */
    static void unfoldAll(float[] in, int inOff, int cg, int h, int w, int kh, int kw, int oh, int ow, int sh, int sw,
                          int ph, int pw, int dh, int dw, float[] cols) {
        Geometry g = new Geometry(cg, h, w, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw);
        Planes planes = planes(in, inOff, g);
        Parallel.forWork(g.k(), g.l(), (lo, hi) -> unfold(planes, g, 0, g.l(), cols, lo, hi));
    }

    /** What unfolding reads: the input planes, or with stride sw > 1 their phase planes (see {@link #splitPhases}), rows of width w. */
    private record Planes(float[] data, int off, int width) { }

    /** The phase planes live in the caller's buffer and are only read by the workers during this call. */
    private static Planes planes(float[] in, int inOff, Geometry g) {
        if (g.sw == 1) return new Planes(in, inOff, g.w);
        int pwid = (g.w + g.sw - 1) / g.sw;
        float[] phases = PHASES.get(g.cg * g.h * g.sw * pwid);
        splitPhases(in, inOff, g.cg, g.h, g.w, g.sw, pwid, phases);
        return new Planes(phases, 0, pwid);
    }

    /** Geometry of one convolution (per image and group), so the block workers take one argument. */
    private record Geometry(int cg, int h, int w, int kh, int kw, int oh, int ow, int sh, int sw, int ph, int pw, int dh, int dw) {
        int k() { return cg * kh * kw; }
        int l() { return oh * ow; }
        boolean pointwise() { return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0; }
    }

    static void run(float[] in, float[] wt, float[] bias, float[] out, int n, int c, int h, int w, int o, int groups,
                    int kh, int kw, int oh, int ow, int sh, int sw, int ph, int pw, int dh, int dw, float min, float max) {
        int cg = c / groups, og = o / groups;
        Geometry g = new Geometry(cg, h, w, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw);
        int k = g.k(), l = g.l();
        int threads = Parallel.threads();
        // the block's unfolded input and its output both stay in cache until the epilogue has passed over them
        int target = Math.max(MIN_BLOCK_COLUMNS, BLOCK_FLOATS / (k + og));
        int blocks = Math.max(1, (l + target - 1) / target);
        if (blocks < threads && l >= MIN_BLOCK_COLUMNS * threads) blocks = threads;
        blocks = (blocks + threads - 1) / threads * threads;
        int nb = (l + blocks - 1) / blocks;
        boolean byColumns = nb >= MIN_BLOCK_COLUMNS || og < 2 * threads;
        blocks = (l + nb - 1) / nb;
        for (int b = 0; b < n; b++) {
            for (int gi = 0; gi < groups; gi++) {
                int inOff = (b * c + gi * cg) * h * w;
                Planes planes = g.pointwise() ? null : planes(in, inOff, g);
                int wOff = gi * og * k, outOff = (b * o + gi * og) * l, biasOff = gi * og;
                if (byColumns) {
                    int nbF = nb;
                    Parallel.forRange(blocks, 1, (lo, hi) -> {
                        for (int blk = lo; blk < hi; blk++) {
                            int j0 = blk * nbF, j1 = Math.min(l, j0 + nbF), cols = j1 - j0;
                            float[] bmat; int bOff, ldb;
                            if (g.pointwise()) { bmat = in; bOff = inOff + j0; ldb = l; }
                            else {
                                bmat = Scratch.COLUMNS.get(k * cols); bOff = 0; ldb = cols;
                                unfold(planes, g, j0, j1, bmat, 0, k);
                            }
                            product(og, cols, k, wt, wOff, bmat, bOff, ldb, out, outOff, l, j0, j1, bias, biasOff, min, max);
                        }
                    });
                } else {
                    // few output pixels (deep layers): unfold all of them once, split the output channels
                    float[] cols;
                    int ldb = l, bOff;
                    if (g.pointwise()) { cols = in; bOff = inOff; }
                    else {
                        cols = Scratch.COLUMNS.get(k * l); bOff = 0;
                        float[] colsF = cols;
                        Parallel.forWork(k, l, (lo, hi) -> unfold(planes, g, 0, l, colsF, lo, hi));
                    }
                    int rowsPer = (og + threads - 1) / threads;
                    float[] colsF = cols;
                    Parallel.forRange(threads, 1, (lo, hi) -> {
                        for (int t = lo; t < hi; t++) {
                            int r0 = t * rowsPer, r1 = Math.min(og, r0 + rowsPer);
                            if (r0 >= r1) continue;
                            product(r1 - r0, l, k, wt, wOff + r0 * k, colsF, bOff, ldb, out, outOff + r0 * l, l, 0, l, bias, biasOff + r0, min, max);
                        }
                    });
                }
            }
        }
    }

    /**
     * Output rows [0, rows) × columns [j0, j1) of the block at outOff (row stride l) = weights · unfolded columns + bias,
     * clamped. The block starts as the bias and BLAS accumulates into it (beta 1), which saves BLAS's own pass that
     * zeroes C for beta 0 and the bias pass after it: a few percent on 1×1 layers, whose few input channels make
     * the output's memory traffic the larger part.
     */
    private static void product(int rows, int cols, int k, float[] wt, int wOff, float[] bmat, int bOff, int ldb, float[] out,
                                int outOff, int l, int j0, int j1, float[] bias, int biasOff, float min, float max) {
        if (bias != null) for (int r = 0; r < rows; r++) Arrays.fill(out, outOff + r * l + j0, outOff + r * l + j1, bias[biasOff + r]);
        Blas.sgemmRowMajor(rows, cols, k, wt, wOff, k, bmat, bOff, ldb, bias == null ? 0f : 1f, out, outOff + j0, l);
        ConvolutionKernels.epilogueBlock(out, outOff, rows, l, j0, j1, null, 0, min, max);
    }

    /** Splits each row of cg planes into sw column phases: dst[ch][y][p][t] = src[ch][y][t·sw + p] (0 past the row's end). */
    static void splitPhases(float[] in, int inOff, int cg, int h, int w, int sw, int pwid, float[] dst) {
        Parallel.forWork(cg, (long) h * w, (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                for (int y = 0; y < h; y++) {
                    int s = inOff + (ch * h + y) * w, d = (ch * h + y) * sw * pwid;
                    for (int p = 0; p < sw; p++) {
                        int dp = d + p * pwid, t = 0;
                        for (int x = p; x < w; x += sw) dst[dp + t++] = in[s + x];
                        if (t < pwid) Arrays.fill(dst, dp + t, dp + pwid, 0f);
                    }
                }
            }
        });
    }

    /**
     * Unfolds rows [r0, r1) of the (cg·kh·kw) × l receptive-field matrix, restricted to output columns [j0, j1),
     * into cols with row r at r·(j1 - j0): a column block takes all rows, the full matrix can be split by rows.
     * Reads {@code planes}: the phase planes with stride sw > 1, otherwise the input planes.
     */
    private static void unfold(Planes planes, Geometry g, int j0, int j1, float[] cols, int r0, int r1) {
        float[] src = planes.data;
        int srcOff = planes.off, srcW = planes.width;
        int cols_ = j1 - j0, khw = g.kh * g.kw;
        int planeStride = g.sw > 1 ? g.h * g.sw * srcW : g.h * g.w;
        int rowStride = g.sw > 1 ? g.sw * srcW : g.w;
        int y0 = j0 / g.ow, y1 = (j1 - 1) / g.ow;
        for (int r = r0; r < r1; r++) {
            int ch = r / khw, ki = (r / g.kw) % g.kh, kj = r % g.kw;
            int off = kj * g.dw - g.pw;
            int phase = Math.floorMod(off, g.sw), shift = Math.floorDiv(off, g.sw);
            int valid = g.sw > 1 ? (g.w - phase + g.sw - 1) / g.sw : g.w;   // columns of this phase that hold input
            int plane = srcOff + ch * planeStride + (g.sw > 1 ? phase * srcW : 0);
            int dRow = r * cols_;
            for (int y = y0; y <= y1; y++) {
                int xa = y == y0 ? j0 - y * g.ow : 0, xb = y == y1 ? j1 - y * g.ow : g.ow;
                int d = dRow + y * g.ow - j0;
                int iy = y * g.sh - g.ph + ki * g.dh;
                if (iy < 0 || iy >= g.h) { PaddedRows.zero(cols, d + xa, d + xb); continue; }
                // input column of output x is x + shift (in phase units), present where 0 <= x + shift < valid
                PaddedRows.copy(src, plane + iy * rowStride, valid, shift, cols, d, xa, xb);
            }
        }
    }
}
