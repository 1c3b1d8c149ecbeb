package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;

/** batch_norm (eval with running stats, training with batch stats), layer_norm, group_norm. */
public final class NormalizationKernels {
    private NormalizationKernels() { }

    /**
     * Normalizes over channel dimension 1. In training the batch statistics are used and the running
     * statistics (when given) updated in place with momentum, the variance unbiased as PyTorch does.
     */
    public static Tensor batchNorm(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                   boolean training, double momentum, double eps) {
        if (x.dim() < 2) throw new JitScopeException("batch_norm: expected at least 2D input (got " + x.dim() + "D input)");
        int n = x.shape()[0], c = x.shape()[1], inner = x.numel() / Math.max(1, n * c);
        float[] in = Strided.denseFloats(x);
        double[] mean = new double[c], invStd = new double[c];
        if (training || runningMean == null) {
            if (n * inner <= 1 && training) throw new JitScopeException("Expected more than 1 value per channel when training, got input size " + Arrays.toString(x.shape()));
            for (int ch = 0; ch < c; ch++) {
                double s = 0;
                for (int b = 0; b < n; b++) { int o = (b * c + ch) * inner; for (int i = 0; i < inner; i++) s += in[o + i]; }
                double m = s / (n * inner), v = 0;
                for (int b = 0; b < n; b++) { int o = (b * c + ch) * inner; for (int i = 0; i < inner; i++) { double dd = in[o + i] - m; v += dd * dd; } }
                mean[ch] = m;
                invStd[ch] = 1 / Math.sqrt(v / (n * inner) + eps);
                if (training && runningMean != null) {
                    double unbiased = v / Math.max(1, n * inner - 1);
                    double rm = runningMean.getDouble(ch), rv = runningVar.getDouble(ch);
                    setScalar(runningMean, ch, (1 - momentum) * rm + momentum * m);
                    setScalar(runningVar, ch, (1 - momentum) * rv + momentum * unbiased);
                }
            }
        } else {
            for (int ch = 0; ch < c; ch++) { mean[ch] = runningMean.getDouble(ch); invStd[ch] = 1 / Math.sqrt(runningVar.getDouble(ch) + eps); }
        }
        // Fold everything into one scale and shift per channel: y = x·scale + shift.
        float[] scale = new float[c], shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double g = weight == null ? 1 : weight.getDouble(ch), b = bias == null ? 0 : bias.getDouble(ch);
            scale[ch] = (float) (g * invStd[ch]);
            shift[ch] = (float) (b - mean[ch] * g * invStd[ch]);
        }
        float[] out = new float[in.length];
        Parallel.forWork(n * c, inner, (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                int ch = p % c, o = p * inner;
                float sc = scale[ch], sh = shift[ch];
                for (int i = 0; i < inner; i++) out[o + i] = in[o + i] * sc + sh;
            }
        });
        return result(out, x);
    }

    private static void setScalar(Tensor t, int i, double v) {
        Strided.copyInto(ShapeKernels.select(t, 0, i), CreationKernels.scalarTensor(v, null));
    }

    private static Tensor result(float[] out, Tensor x) {
        Tensor r = Strided.wrap(out, x.shape().clone());
        return x.dtype() == DType.FLOAT32 ? r : Strided.materialize(r, x.dtype(), r.shape());
    }

    /** Normalizes over the trailing normalizedShape dimensions. */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        if (k > x.dim() || !Arrays.equals(normalizedShape, Arrays.copyOfRange(x.shape(), x.dim() - k, x.dim())))
            throw new JitScopeException("Given normalized_shape=" + Arrays.toString(normalizedShape) + ", expected input with shape [*, "
                    + Arrays.toString(normalizedShape).replaceAll("[\\[\\]]", "") + "], but got input of size" + Arrays.toString(x.shape()));
        int len = Tensor.numel(normalizedShape), rows = len == 0 ? 0 : x.numel() / len;
        float[] in = Strided.denseFloats(x), out = new float[in.length];
        float[] g = weight == null ? null : Strided.floats(weight, normalizedShape), b = bias == null ? null : Strided.floats(bias, normalizedShape);
        Parallel.forWork(rows, 3L * len, (lo, hi) -> {
            for (int r = lo; r < hi; r++) normalizeRow(in, out, r * len, len, eps, g, b, 0, 0);
        });
        return result(out, x);
    }

    /** (x - mean)/sqrt(var + eps) over [o, o+len), then the affine part indexed from affineStart (stride per element or per group). */
    private static void normalizeRow(float[] in, float[] out, int o, int len, double eps, float[] g, float[] b, int affineStart, int perChannel) {
        double s = 0;
        for (int i = 0; i < len; i++) s += in[o + i];
        double m = s / len, v = 0;
        for (int i = 0; i < len; i++) { double d = in[o + i] - m; v += d * d; }
        float inv = (float) (1 / Math.sqrt(v / len + eps)), mf = (float) m;
        for (int i = 0; i < len; i++) {
            float y = (in[o + i] - mf) * inv;
            int a = perChannel == 0 ? i : affineStart + i / perChannel;
            if (g != null) y *= g[a];
            if (b != null) y += b[a];
            out[o + i] = y;
        }
    }

    /** Normalizes each of numGroups channel groups per sample; affine parameters are per channel. */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        if (x.dim() < 2) throw new JitScopeException("group_norm: expected at least 2D input");
        int n = x.shape()[0], c = x.shape()[1];
        if (numGroups <= 0 || c % numGroups != 0)
            throw new JitScopeException("Expected number of channels in input to be divisible by num_groups, but got input of shape "
                    + Arrays.toString(x.shape()) + " and num_groups=" + numGroups);
        int inner = c == 0 ? 0 : x.numel() / (n * c), cpg = c / numGroups, len = cpg * inner;
        float[] in = Strided.denseFloats(x), out = new float[in.length];
        float[] g = weight == null ? null : Strided.floats(weight, new int[]{c}), b = bias == null ? null : Strided.floats(bias, new int[]{c});
        Parallel.forWork(n * numGroups, 3L * len, (lo, hi) -> {
            for (int p = lo; p < hi; p++) normalizeRow(in, out, p * len, len, eps, g, b, (p % numGroups) * cpg, Math.max(1, inner));
        });
        return result(out, x);
    }
}
