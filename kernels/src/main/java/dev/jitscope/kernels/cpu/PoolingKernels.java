package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;

/** max_pool2d, avg_pool2d, adaptive_avg_pool2d, adaptive_max_pool2d over (N,)C,H,W float inputs. */
public final class PoolingKernels {
    private PoolingKernels() { }

    private static int[] pair(int[] a, int[] dflt) { return a == null || a.length == 0 ? dflt : a.length == 1 ? new int[]{a[0], a[0]} : a; }

    /** PyTorch's pooling output size, with ceil_mode's rule that the last window must start inside the input or left padding. */
    static int poolOut(int in, int k, int s, int p, int d, boolean ceil) {
        int num = in + 2 * p - d * (k - 1) - 1;
        int out = (ceil ? Math.floorDiv(num + s - 1, s) : Math.floorDiv(num, s)) + 1;
        if (ceil && (out - 1) * s >= in + p) out--;
        return out;
    }

    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil) {
        int[] k = pair(kernel, null), s = pair(stride, k), p = pair(padding, new int[]{0, 0}), d = pair(dilation, new int[]{1, 1});
        if (p[0] * 2 > k[0] || p[1] * 2 > k[1])
            throw new JitScopeException("pad should be at most half of effective kernel size, but got pad=" + p[0] + ", kernel_size=" + k[0] + " and dilation=" + d[0]);
        return pool(x, k, s, p, d, ceil, true, true, 0);
    }

    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceil, boolean countIncludePad, Long divisorOverride) {
        int[] k = pair(kernel, null), s = pair(stride, k), p = pair(padding, new int[]{0, 0});
        if (p[0] * 2 > k[0] || p[1] * 2 > k[1])
            throw new JitScopeException("pad should be at most half of kernel size, but got pad=" + p[0] + " and kernel_size=" + k[0]);
        return pool(x, k, s, p, new int[]{1, 1}, ceil, false, countIncludePad, divisorOverride == null ? 0 : divisorOverride.intValue());
    }

    private static Tensor pool(Tensor x, int[] k, int[] s, int[] p, int[] d, boolean ceil, boolean max, boolean countPad, int divisor) {
        boolean unbatched = x.dim() == 3;
        if (x.dim() != 3 && x.dim() != 4) throw new JitScopeException("Expected 3D or 4D input to pooling, but got input of size " + Arrays.toString(x.shape()));
        int planes = Tensor.numel(Arrays.copyOf(x.shape(), x.dim() - 2));
        int h = x.size(-2), w = x.size(-1);
        int oh = poolOut(h, k[0], s[0], p[0], d[0], ceil), ow = poolOut(w, k[1], s[1], p[1], d[1], ceil);
        if (oh <= 0 || ow <= 0) throw new JitScopeException("Given input size: (" + x.size(-3) + "x" + h + "x" + w + "). Calculated output size: ("
                + x.size(-3) + "x" + oh + "x" + ow + "). Output size is too small");
        float[] in = Strided.denseFloats(x), out = Buffers.floats(planes * oh * ow);
        if (max && d[0] == 1 && d[1] == 1) {
            Parallel.forWork(planes, (long) h * w, (lo, hi) -> {
                float[] rowMax = Scratch.PLANE.get(w);
                for (int pl = lo; pl < hi; pl++) maxPlane(in, pl * h * w, h, w, out, pl * oh * ow, oh, ow, k, s, p, rowMax);
            });
            return finish(out, resized(x.shape(), oh, ow), x.dtype());
        }
        Parallel.forWork(planes, (long) h * w, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int src = pl * h * w, dst = pl * oh * ow;
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        int y0 = y * s[0] - p[0], x0 = xo * s[1] - p[1];
                        if (max && d[0] == 1 && d[1] == 1 && y0 >= 0 && x0 >= 0 && y0 + k[0] <= h && x0 + k[1] <= w) {
                            // interior window: no bounds checks in the inner loops
                            float m = Float.NEGATIVE_INFINITY;
                            for (int i = 0; i < k[0]; i++) {
                                int row = src + (y0 + i) * w + x0;
                                for (int j = 0; j < k[1]; j++) { float v = in[row + j]; if (v > m || v != v) m = v; }
                            }
                            out[dst + y * ow + xo] = m;
                        } else if (max) {
                            float m = Float.NEGATIVE_INFINITY;
                            for (int i = 0; i < k[0]; i++) {
                                int iy = y0 + i * d[0];
                                if (iy < 0 || iy >= h) continue;
                                for (int j = 0; j < k[1]; j++) {
                                    int ix = x0 + j * d[1];
                                    if (ix < 0 || ix >= w) continue;
                                    float v = in[src + iy * w + ix];
                                    if (v > m || v != v) m = v;
                                }
                            }
                            out[dst + y * ow + xo] = m;
                        } else {
                            int y1 = Math.min(y0 + k[0], h + p[0]), x1 = Math.min(x0 + k[1], w + p[1]);
                            int padArea = (y1 - y0) * (x1 - x0);
                            int ys = Math.max(y0, 0), xs = Math.max(x0, 0), ye = Math.min(y1, h), xe = Math.min(x1, w);
                            double sum = 0;
                            for (int iy = ys; iy < ye; iy++) for (int ix = xs; ix < xe; ix++) sum += in[src + iy * w + ix];
                            int div = divisor != 0 ? divisor : countPad ? padArea : (ye - ys) * (xe - xs);
                            out[dst + y * ow + xo] = (float) (sum / div);
                        }
                    }
                }
            }
        });
        int[] shape = x.shape().clone();
        shape[shape.length - 2] = oh; shape[shape.length - 1] = ow;
        return finish(out, shape, x.dtype());
    }

    private static int[] resized(int[] shape, int oh, int ow) {
        int[] r = shape.clone();
        r[r.length - 2] = oh; r[r.length - 1] = ow;
        return r;
    }

    /**
     * Max pooling of one plane without dilation, separably: for each output row, the elementwise maximum of the
     * window's input rows (a loop C2 vectorises), then the maximum over each window's columns of that row.
     * Math.max propagates NaN, as PyTorch's max pooling does; padding never wins, as in PyTorch.
     */
    private static void maxPlane(float[] in, int src, int h, int w, float[] out, int dst, int oh, int ow,
                                 int[] k, int[] s, int[] p, float[] rowMax) {
        int kh = k[0], kw = k[1], sh = s[0], sw = s[1], ph = p[0], pw = p[1];
        for (int y = 0; y < oh; y++) {
            int ys = Math.max(0, y * sh - ph), ye = Math.min(h, y * sh - ph + kh);
            System.arraycopy(in, src + ys * w, rowMax, 0, w);
            for (int r = ys + 1; r < ye; r++) {
                int row = src + r * w;
                for (int x = 0; x < w; x++) rowMax[x] = Math.max(rowMax[x], in[row + x]);
            }
            int o = dst + y * ow;
            for (int xo = 0; xo < ow; xo++) {
                int xs = Math.max(0, xo * sw - pw), xe = Math.min(w, xo * sw - pw + kw);
                float m = rowMax[xs];
                for (int x = xs + 1; x < xe; x++) m = Math.max(m, rowMax[x]);
                out[o + xo] = m;
            }
        }
    }

    private static Tensor finish(float[] out, int[] shape, DType dt) {
        Tensor r = Strided.wrap(out, shape);
        return dt == DType.FLOAT32 ? r : Strided.materialize(r, dt, shape);
    }

    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) { return (Tensor) adaptive(x, outputSize, false, false).get(0); }
    public static Tensor adaptiveMaxPool2d(Tensor x, int[] outputSize) { return (Tensor) adaptive(x, outputSize, true, false).get(0); }

    /** (values, indices): each index is the flat position of the maximum within its h×w input plane, as PyTorch returns. */
    public static Tuple adaptiveMaxPool2dWithIndices(Tensor x, int[] outputSize) { return adaptive(x, outputSize, true, true); }

    private static Tuple adaptive(Tensor x, int[] size, boolean max, boolean withIndices) {
        if (x.dim() != 3 && x.dim() != 4) throw new JitScopeException("adaptive pooling: expected 3D or 4D tensor, got " + Arrays.toString(x.shape()));
        int[] os = size.length == 1 ? new int[]{size[0], size[0]} : size;
        int h = x.size(-2), w = x.size(-1), oh = os[0] < 0 ? h : os[0], ow = os[1] < 0 ? w : os[1];
        int planes = Tensor.numel(Arrays.copyOf(x.shape(), x.dim() - 2));
        float[] in = Strided.denseFloats(x), out = new float[planes * oh * ow];
        long[] idx = withIndices ? new long[out.length] : null;
        Parallel.forWork(planes, (long) h * w, (lo, hi) -> {
            for (int pl = lo; pl < hi; pl++) {
                int src = pl * h * w, dst = pl * oh * ow;
                for (int y = 0; y < oh; y++) {
                    int ys = (int) Math.floor((double) y * h / oh), ye = (int) Math.ceil((double) (y + 1) * h / oh);
                    for (int xo = 0; xo < ow; xo++) {
                        int xs = (int) Math.floor((double) xo * w / ow), xe = (int) Math.ceil((double) (xo + 1) * w / ow);
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int at = ys * w + xs;
                        for (int iy = ys; iy < ye; iy++) for (int ix = xs; ix < xe; ix++) {
                            float v = in[src + iy * w + ix];
                            if (!max) acc += v;
                            else if (v > acc || (v != v && acc == acc)) { acc = v; at = iy * w + ix; }
                        }
                        out[dst + y * ow + xo] = (float) (max ? acc : acc / ((ye - ys) * (xe - xs)));
                        if (idx != null) idx[dst + y * ow + xo] = at;
                    }
                }
            }
        });
        int[] shape = x.shape().clone();
        shape[shape.length - 2] = oh; shape[shape.length - 1] = ow;
        Tensor values = finish(out, shape, x.dtype());
        return idx == null ? Tuple.of(values) : Tuple.of(values, Strided.wrap(idx, shape));
    }
}
