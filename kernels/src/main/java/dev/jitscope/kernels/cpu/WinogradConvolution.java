package dev.jitscope.kernels.cpu;

/**
 * 3×3 stride-1 convolution with padding 1 by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, "Fast
 * Algorithms for Convolutional Neural Networks", 2015): each 2×2 output tile comes from a 4×4 input tile with 16
 * multiplies per input channel instead of 36, so the GEMM work, which is most of a ResNet's, shrinks 2.25×.
 *
 * <p>Per image: the input tiles are gathered as 16 arrays [channel][tile], one per tile position, each a shifted
 * copy of one of the input's four phase planes (even/odd rows × even/odd columns) and transformed (Bᵀ d B); 16
 * GEMMs multiply them by the transformed weights (G g Gᵀ); the products are transformed back (Aᵀ m A), biased,
 * clamped and interleaved into the output. The transforms are same-index loops over a channel's tiles, the one
 * loop form C2 vectorises; the tile arrays live in per-thread buffers and are copied in and out of the GEMM
 * operands.
 *
 * <p>The weights are transformed on every call (a few multiply-adds per weight, against the 16·c·tiles per output
 * channel of the GEMMs): nothing cached can go stale when a module's weights change in place.
 */
final class WinogradConvolution {
    private WinogradConvolution() { }

    /** Fewer channels than this and the 16 small GEMMs lose to one im2col GEMM. */
    private static final int MIN_CHANNELS = 16;
    /** Fewer 2×2 tiles than this (under 20×20 pixels) and the GEMMs run too short (N is the tile count). */
    private static final int MIN_TILES = 100;
    /** Larger layers (16 tile arrays per input and output channel) are left to the GEMM convolution's bounded blocks. */
    private static final long MAX_BUFFER_FLOATS = 1 << 24;

    private static final Scratch WEIGHTS = Scratch.WINOGRAD_WEIGHTS, TILES = Scratch.WINOGRAD_TILES,
            PRODUCTS = Scratch.WINOGRAD_PRODUCTS;

    /** Whether {@link #run} takes this convolution: groups 1, 3×3, stride 1, padding 1, dilation 1, big enough. */
    static boolean applies(int c, int o, int groups, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        return groups == 1 && kh == 3 && kw == 3 && sh == 1 && sw == 1 && ph == 1 && pw == 1 && dh == 1 && dw == 1
                && c >= MIN_CHANNELS && o >= MIN_CHANNELS && (long) half(h) * half(w) >= MIN_TILES
                && 16L * (c + o) * half(h) * half(w) <= MAX_BUFFER_FLOATS && Blas.singleThreaded();
    }

    private static int half(int n) { return (n + 1) / 2; }

    /** Per-thread tile buffers: 16 input-tile arrays, 16 transformed ones, and the four output phases. */
    private static final class Workspace {
        final float[][] d = new float[16][0], v = new float[16][0], y = new float[4][0];
        float[] phase = new float[0];

        void ensure(int tiles) {
            if (d[0].length >= tiles) return;
            for (int k = 0; k < 16; k++) { d[k] = new float[tiles]; v[k] = new float[tiles]; }
            for (int k = 0; k < 4; k++) y[k] = new float[tiles];
            phase = new float[4 * tiles];
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    static void run(float[] in, float[] wt, float[] bias, float[] out, int n, int c, int h, int w, int o, float min, float max) {
        int th = half(h), tw = half(w), tiles = th * tw;
        float[] u = WEIGHTS.get(16 * o * c), v = TILES.get(16 * c * tiles), m = PRODUCTS.get(16 * o * tiles);
        Parallel.forWork(o, 16L * c, (lo, hi) -> transformWeights(wt, u, o, c, lo, hi));
        for (int b = 0; b < n; b++) {
            int inOff = b * c * h * w, outOff = b * o * h * w;
            Parallel.forWork(c, 100L * tiles, (lo, hi) -> {
                Workspace ws = WORKSPACE.get();
                ws.ensure(tiles);
                for (int ch = lo; ch < hi; ch++) transformInput(ws, in, inOff + ch * h * w, h, w, th, tw, v, c, ch);
            });
            Parallel.forRange(16, 1, (lo, hi) -> {
                for (int k = lo; k < hi; k++)
                    Blas.sgemmRowMajor(o, tiles, c, u, k * o * c, c, v, k * c * tiles, tiles, 0f, m, k * o * tiles, tiles);
            });
            Parallel.forWork(o, 50L * tiles, (lo, hi) -> {
                Workspace ws = WORKSPACE.get();
                ws.ensure(tiles);
                for (int oc = lo; oc < hi; oc++)
                    transformOutput(ws, m, o, oc, tiles, bias == null ? 0f : bias[oc], min, max, out, outOff + oc * h * w, h, w, th, tw);
            });
        }
    }

    /** u[k][oc][ic] = (G g Gᵀ)[k] for every filter g = wt[oc][ic] of output channels [lo, hi), G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]. */
    private static void transformWeights(float[] wt, float[] u, int o, int c, int lo, int hi) {
        float[] t = new float[12];
        for (int oc = lo; oc < hi; oc++) {
            for (int ic = 0; ic < c; ic++) {
                int g = (oc * c + ic) * 9;
                for (int j = 0; j < 3; j++) {   // t = G g, 4×3
                    float g0 = wt[g + j], g1 = wt[g + 3 + j], g2 = wt[g + 6 + j];
                    t[j] = g0;
                    t[3 + j] = 0.5f * (g0 + g1 + g2);
                    t[6 + j] = 0.5f * (g0 - g1 + g2);
                    t[9 + j] = g2;
                }
                for (int i = 0; i < 4; i++) {   // u = t Gᵀ, 4×4
                    float a = t[3 * i], bb = t[3 * i + 1], cc = t[3 * i + 2];
                    int base = oc * c + ic;
                    u[(4 * i) * o * c + base] = a;
                    u[(4 * i + 1) * o * c + base] = 0.5f * (a + bb + cc);
                    u[(4 * i + 2) * o * c + base] = 0.5f * (a - bb + cc);
                    u[(4 * i + 3) * o * c + base] = cc;
                }
            }
        }
    }

    /*
     * Tile (ty, tx) reads input rows 2ty − 1 + a and columns 2tx − 1 + b, a, b in 0..3. Row 2ty − 1 + a is, for
     * a = 0, 1, 2, 3, row ty − 1, ty, ty, ty + 1 of the odd, even, odd, even phase; columns likewise.
     */
    private static final int[] PHASE = {1, 0, 1, 0}, SHIFT = {-1, 0, 0, 1};

    /** Row a of Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1] as its two nonzero columns and their signs. */
    private static final int[][] BT_COLUMNS = {{0, 2}, {1, 2}, {1, 2}, {1, 3}};
    private static final float[][] BT_SIGNS = {{1, -1}, {1, 1}, {-1, 1}, {1, -1}};

    /** One input channel: tile arrays d[a·4 + b], transformed to Bᵀ d B, copied into v[k][ch]. */
    private static void transformInput(Workspace ws, float[] in, int src, int h, int w, int th, int tw, float[] v, int c, int ch) {
        int tiles = th * tw;
        float[] phase = ws.phase;
        splitPhases(in, src, h, w, th, tw, phase);
        float[][] d = ws.d, r = ws.v;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                float[] t = d[4 * a + b];
                int plane = (2 * PHASE[a] + PHASE[b]) * tiles;
                PaddedRows.copy(phase, plane, tiles, SHIFT[a] * tw + SHIFT[b], t, 0, 0, tiles);
                // a column shift wraps around the tile rows' ends: those tiles read padding
                if (SHIFT[b] < 0) for (int q = 0; q < tiles; q += tw) t[q] = 0f;
                else if (SHIFT[b] > 0) for (int q = tw - 1; q < tiles; q += tw) t[q] = 0f;
            }
        }
        // v[a·4 + b] = (Bᵀ d B)[a][b]: a signed sum of four tile entries, one same-index loop each
        for (int a = 0; a < 4; a++) {
            int[] ia = BT_COLUMNS[a];
            float[] sa = BT_SIGNS[a];
            for (int b = 0; b < 4; b++) {
                int[] ib = BT_COLUMNS[b];
                float[] sb = BT_SIGNS[b];
                signedSum4(r[4 * a + b], tiles, d[4 * ia[0] + ib[0]], sa[0] * sb[0], d[4 * ia[0] + ib[1]], sa[0] * sb[1],
                        d[4 * ia[1] + ib[0]], sa[1] * sb[0], d[4 * ia[1] + ib[1]], sa[1] * sb[1]);
            }
        }
        for (int k = 0; k < 16; k++) System.arraycopy(r[k], 0, v, (k * c + ch) * tiles, tiles);
    }

    /** The input plane's four phases, each th × tw, zero past the plane's last row or column: [2p + q][ty][tx] = x[2ty + p][2tx + q]. */
    private static void splitPhases(float[] in, int src, int h, int w, int th, int tw, float[] phase) {
        int tiles = th * tw, pairs = w / 2;
        for (int y = 0; y < 2 * th; y++) {
            int p = y & 1, ty = y >> 1;
            int even = (2 * p) * tiles + ty * tw, odd = even + tiles;
            if (y >= h) {
                PaddedRows.zero(phase, even, even + tw);
                PaddedRows.zero(phase, odd, odd + tw);
                continue;
            }
            int row = src + y * w;
            PaddedRows.deinterleave(in, row, pairs, phase, even, phase, odd);
            if (pairs < tw) {   // odd width: the last even column has no odd partner
                phase[even + pairs] = in[row + 2 * pairs];
                phase[odd + pairs] = 0f;
            }
        }
    }

    /** One output channel: m[k][oc] copied out, Aᵀ m A with A = [1 0; 1 1; 1 −1; 0 −1], bias, clamp, interleaved into the plane. */
    private static void transformOutput(Workspace ws, float[] m, int o, int oc, int tiles, float bias, float min, float max,
                                        float[] out, int dst, int h, int w, int th, int tw) {
        float[][] t = ws.d, s = ws.v, y = ws.y;
        for (int k = 0; k < 16; k++) System.arraycopy(m, (k * o + oc) * tiles, t[k], 0, tiles);
        // rows: s0 = m0 + m1 + m2, s1 = m1 − m2 − m3 (per column b)
        for (int b = 0; b < 4; b++) {
            sum3(s[b], t[b], t[4 + b], t[8 + b], tiles);
            diff3(s[4 + b], t[4 + b], t[8 + b], t[12 + b], tiles);
        }
        for (int a = 0; a < 2; a++) {
            int i = 4 * a;
            sum3Clamped(y[2 * a], s[i], s[i + 1], s[i + 2], bias, min, max, tiles);
            diff3Clamped(y[2 * a + 1], s[i + 1], s[i + 2], s[i + 3], bias, min, max, tiles);
        }
        for (int ty = 0; ty < th; ty++) {
            for (int p = 0; p < 2; p++) {
                int row = 2 * ty + p;
                if (row >= h) break;
                float[] ev = y[2 * p], od = y[2 * p + 1];
                int d = dst + row * w, q = ty * tw, x = 0;
                for (; 2 * x + 1 < w; x++) {
                    out[d + 2 * x] = ev[q + x];
                    out[d + 2 * x + 1] = od[q + x];
                }
                if (2 * x < w) out[d + 2 * x] = ev[q + x];
            }
        }
    }

    private static void signedSum4(float[] r, int n, float[] a, float sa, float[] b, float sb, float[] c, float sc, float[] d, float sd) {
        for (int i = 0; i < n; i++) r[i] = sa * a[i] + sb * b[i] + sc * c[i] + sd * d[i];
    }

    private static void sum3(float[] r, float[] a, float[] b, float[] c, int n) { for (int i = 0; i < n; i++) r[i] = a[i] + b[i] + c[i]; }

    private static void diff3(float[] r, float[] a, float[] b, float[] c, int n) { for (int i = 0; i < n; i++) r[i] = a[i] - b[i] - c[i]; }

    private static void sum3Clamped(float[] r, float[] a, float[] b, float[] c, float bias, float min, float max, int n) {
        for (int i = 0; i < n; i++) r[i] = Math.min(Math.max(a[i] + b[i] + c[i] + bias, min), max);
    }

    private static void diff3Clamped(float[] r, float[] a, float[] b, float[] c, float bias, float min, float max, int n) {
        for (int i = 0; i < n; i++) r[i] = Math.min(Math.max(a[i] - b[i] - c[i] + bias, min), max);
    }
}
