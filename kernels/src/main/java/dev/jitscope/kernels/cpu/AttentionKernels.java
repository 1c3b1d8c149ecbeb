package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

/**
 * The fused attention paths PyTorch 1.13 takes in eval mode: aten::_native_multi_head_attention
 * (nn.MultiheadAttention's fast path) and aten::_transformer_encoder_layer_fwd
 * (nn.TransformerEncoderLayer's). Batch-first (batch, length, embed) float32 tensors.
 */
public final class AttentionKernels {
    private AttentionKernels() { }

    /** mask_type of the fused ops: 0 (or None) = attention mask (L, S), 1 = key padding mask (B, S). */
    private static final int KEY_PADDING_MASK = 1;

    /**
     * softmax(q·kᵀ/√d + mask)·v over heads, then the output projection. Returns (output, weights);
     * weights are averaged over heads when {@code average}, and an empty tensor unless {@code needWeights}.
     */
    public static Tuple multiHeadAttention(Tensor query, Tensor key, Tensor value, int embed, int heads,
                                           Tensor qkvWeight, Tensor qkvBias, Tensor projWeight, Tensor projBias,
                                           Tensor mask, boolean needWeights, boolean average, Integer maskType) {
        if (query.dim() != 3) throw new JitScopeException("expected query of shape (batch, length, embed), got " + query.dim() + " dimensions");
        if (embed % heads != 0) throw new JitScopeException("embed_dim " + embed + " is not divisible by num_heads " + heads);
        int batch = query.shape()[0], lq = query.shape()[1], ls = key.shape()[1], dh = embed / heads;
        // q, k, v as (array, offset, row stride): self-attention reads them in place from the one qkv projection
        float[] q, k, v;
        int qo = 0, ko = 0, vo = 0, ldq = embed, ldk = embed, ldv = embed;
        if (query == key && key == value) {
            q = k = v = Strided.denseFloats(LinearAlgebraKernels.linear(query, qkvWeight, qkvBias));
            ko = embed; vo = 2 * embed;
            ldq = ldk = ldv = 3 * embed;
        } else {
            q = project(query, qkvWeight, qkvBias, 0, embed);
            k = project(key, qkvWeight, qkvBias, 1, embed);
            v = project(value, qkvWeight, qkvBias, 2, embed);
        }
        float[] maskF = mask == null ? null : additiveMask(mask, maskType, batch, heads, lq, ls);
        float scale = (float) (1 / Math.sqrt(dh));
        float[] ctx = new float[batch * lq * embed];
        float[] weights = needWeights ? new float[batch * heads * lq * ls] : null;
        Heads at = new Heads(q, qo, ldq, k, ko, ldk, v, vo, ldv, maskF, mask, maskType, batch, heads, lq, ls, dh, embed, scale, ctx, weights);
        if ((long) lq * ls * dh >= BLAS_ATTENTION_WORK) at.withBlas();
        else at.direct();
        Tensor out = LinearAlgebraKernels.linear(Strided.wrap(ctx, new int[]{batch, lq, embed}), projWeight, projBias);
        Tensor w;
        if (!needWeights) w = Tensor.zeros(DType.FLOAT32, 0);
        else if (average) w = ReductionKernels.mean(Strided.wrap(weights, new int[]{batch, heads, lq, ls}), new int[]{1}, false, null);
        else w = Strided.wrap(weights, new int[]{batch, heads, lq, ls});
        return Tuple.of(out, w);
    }

    /** Per (batch, head) work below which plain loops beat two BLAS calls and their JNI crossings. */
    private static final long BLAS_ATTENTION_WORK = 1 << 15;

    /** softmax(q·kᵀ·scale + mask)·v for every (batch, head), written into ctx (and weights when kept). */
    private record Heads(float[] q, int qo, int ldq, float[] k, int ko, int ldk, float[] v, int vo, int ldv,
                         float[] maskF, Tensor mask, Integer maskType, int batch, int heads, int lq, int ls, int dh, int embed,
                         float scale, float[] ctx, float[] weights) {

        /** Scores and context as GEMMs on the heads' strided slices (no copies), softmax rows in between. */
        void withBlas() {
            float[] scores = new float[lq * ls];
            for (int bh = 0; bh < batch * heads; bh++) {
                int b = bh / heads, h = bh % heads;
                LinearAlgebraKernels.gemm(lq, ls, dh, scale,
                        new LinearAlgebraKernels.Operand(q, qo + b * lq * ldq + h * dh, ldq, false),
                        new LinearAlgebraKernels.Operand(k, ko + b * ls * ldk + h * dh, ldk, true), 0f, scores, 0, ls);
                Parallel.forWork(lq, 8L * ls, (from, to) -> {
                    for (int i = from; i < to; i++) softmaxRow(scores, i * ls, b, h, i);
                });
                if (weights != null) System.arraycopy(scores, 0, weights, bh * lq * ls, lq * ls);
                LinearAlgebraKernels.gemm(lq, dh, ls, 1f, new LinearAlgebraKernels.Operand(scores, 0, ls, false),
                        new LinearAlgebraKernels.Operand(v, vo + b * ls * ldv + h * dh, ldv, false), 0f,
                        ctx, b * lq * embed + h * dh, embed);
            }
        }

        /** Small heads: dot products and weighted sums in plain loops, (batch, head) pairs split over the pool. */
        void direct() {
            Parallel.forWork(batch * heads, 2L * lq * ls * dh, (from, to) -> {
                float[] scores = new float[ls];
                for (int bh = from; bh < to; bh++) {
                    int b = bh / heads, h = bh % heads;
                    for (int i = 0; i < lq; i++) {
                        int qi = qo + (b * lq + i) * ldq + h * dh;
                        for (int j = 0; j < ls; j++) {
                            int kj = ko + (b * ls + j) * ldk + h * dh;
                            float sdot = 0;
                            for (int e = 0; e < dh; e++) sdot += q[qi + e] * k[kj + e];
                            scores[j] = sdot * scale;
                        }
                        softmaxRow(scores, 0, b, h, i);
                        int co = (b * lq + i) * embed + h * dh;
                        for (int j = 0; j < ls; j++) {
                            float w = scores[j];
                            if (weights != null) weights[((b * heads + h) * lq + i) * ls + j] = w;
                            int vj = vo + (b * ls + j) * ldv + h * dh;
                            for (int e = 0; e < dh; e++) ctx[co + e] += w * v[vj + e];
                        }
                    }
                }
            });
        }

        /** Adds the mask to row i of (b, h)'s scaled scores at s[off..off+ls) and turns it into softmax weights. */
        void softmaxRow(float[] s, int off, int b, int h, int i) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < ls; j++) {
                float x = s[off + j];
                if (maskF != null) s[off + j] = x += maskF[maskIndex(maskType, mask, b, h, i, j, heads, lq, ls)];
                if (x > max) max = x;
            }
            float sum = 0;
            for (int j = 0; j < ls; j++) {
                float ex = max == Float.NEGATIVE_INFINITY ? Float.NaN : (float) Math.exp(s[off + j] - max);
                s[off + j] = ex;
                sum += ex;
            }
            float inv = 1 / sum;
            for (int j = 0; j < ls; j++) s[off + j] *= inv;
        }
    }

    /** x·W[part]ᵀ + b[part] for one of the three stacked projections. */
    private static float[] project(Tensor x, Tensor w, Tensor b, int part, int embed) {
        Tensor wp = ShapeKernels.narrow(w, 0, (long) part * embed, embed);
        Tensor bp = b == null ? null : ShapeKernels.narrow(b, 0, (long) part * embed, embed);
        return Strided.denseFloats(LinearAlgebraKernels.linear(x, wp, bp));
    }

    /** Boolean masks mark positions to drop (−∞); float masks are added as they are. */
    private static float[] additiveMask(Tensor mask, Integer maskType, int batch, int heads, int lq, int ls) {
        float[] m = Strided.denseFloats(mask);
        if (mask.dtype() == DType.BOOL || mask.dtype() == DType.UINT8)
            for (int i = 0; i < m.length; i++) m[i] = m[i] != 0 ? Float.NEGATIVE_INFINITY : 0f;
        return m;
    }

    private static int maskIndex(Integer maskType, Tensor mask, int b, int h, int i, int j, int heads, int lq, int ls) {
        if (maskType != null && maskType == KEY_PADDING_MASK) return b * ls + j;
        return switch (mask.dim()) {
            case 2 -> i * ls + j;
            case 3 -> (mask.shape()[0] == 1 ? 0 : b * heads + h) * lq * ls + i * ls + j;
            default -> (((mask.shape()[0] == 1 ? 0 : b) * (mask.shape()[1] == 1 ? 1 : heads) + (mask.shape()[1] == 1 ? 0 : h)) * lq + i) * ls + j;
        };
    }

    /** nn.TransformerEncoderLayer's fused forward: attention block and feed-forward block, each with its residual and layer norm. */
    public static Tensor encoderLayer(Tensor src, int embed, int heads, Tensor qkvWeight, Tensor qkvBias,
                                      Tensor projWeight, Tensor projBias, boolean useGelu, boolean normFirst, double eps,
                                      Tensor norm1W, Tensor norm1B, Tensor norm2W, Tensor norm2B,
                                      Tensor ffn1W, Tensor ffn1B, Tensor ffn2W, Tensor ffn2B, Tensor mask, Integer maskType) {
        int[] normShape = {embed};
        Tensor x = normFirst ? NormalizationKernels.layerNorm(src, normShape, norm1W, norm1B, eps) : src;
        x = (Tensor) multiHeadAttention(x, x, x, embed, heads, qkvWeight, qkvBias, projWeight, projBias, mask, false, true, maskType).get(0);
        x = ElementwiseKernels.add(x, src, 1L);
        if (!normFirst) x = NormalizationKernels.layerNorm(x, normShape, norm1W, norm1B, eps);
        Tensor residual = x;
        Tensor y = normFirst ? NormalizationKernels.layerNorm(x, normShape, norm2W, norm2B, eps) : x;
        y = LinearAlgebraKernels.linear(y, ffn1W, ffn1B);
        y = useGelu ? ActivationKernels.gelu(y, "none") : ActivationKernels.relu_(y);   // y is the fresh linear output
        y = LinearAlgebraKernels.linear(y, ffn2W, ffn2B);
        x = ElementwiseKernels.add(residual, y, 1L);
        if (!normFirst) x = NormalizationKernels.layerNorm(x, normShape, norm2W, norm2B, eps);
        return x;
    }
}
