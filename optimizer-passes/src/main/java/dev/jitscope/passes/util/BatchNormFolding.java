package dev.jitscope.passes.util;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.PassContext;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

/**
 * Folds an eval-mode aten::batch_norm into the weight and bias of the op that feeds it (a convolution
 * or a linear layer, both with weight at input 1, bias at input 2 and output channels on weight dim 0):
 * <pre>
 *   s  = gamma / sqrt(running_var + eps)
 *   W' = W * s          (per output channel)
 *   b' = (b - running_mean) * s + beta
 * </pre>
 * NB: float32 and float64 weights only; other dtypes are left alone.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {}

    /** Folds {@code bn} into {@code producer} when every operand is a usable constant; true when it did. */
    public static boolean fold(Node producer, Node bn, PassContext ctx, String statistic) {
        if (!bn.kind().equals("aten::batch_norm") || bn.inputs().size() != 9 || bn.input(0) != producer.output()) return false;
        if (producer.output().uses().size() != 1) return false;
        if (!(Constants.valueOf(producer.input(1)) instanceof Tensor w)) return false;
        Object bias = Constants.valueOf(producer.input(2));
        Object gamma = Constants.valueOf(bn.input(1)), beta = Constants.valueOf(bn.input(2));
        if (!(Constants.valueOf(bn.input(3)) instanceof Tensor mean) || !(Constants.valueOf(bn.input(4)) instanceof Tensor var)) return false;
        if (!Boolean.FALSE.equals(Constants.valueOf(bn.input(5))) || !(Constants.valueOf(bn.input(7)) instanceof Double eps)) return false;
        if (!(bias == null || bias instanceof Tensor) || !(gamma == null || gamma instanceof Tensor) || !(beta == null || beta instanceof Tensor)) return false;
        if (w.dtype() != DType.FLOAT32 && w.dtype() != DType.FLOAT64) return false;
        int out = w.size(0);
        if (mean.numel() != out || var.numel() != out) return false;

        double[] scale = new double[out], shift = new double[out];
        for (int o = 0; o < out; o++) {
            double g = gamma == null ? 1 : ((Tensor) gamma).getDouble(o);
            double be = beta == null ? 0 : ((Tensor) beta).getDouble(o);
            double b = bias == null ? 0 : ((Tensor) bias).getDouble(o);
            scale[o] = g / Math.sqrt(var.getDouble(o) + eps);
            shift[o] = (b - mean.getDouble(o)) * scale[o] + be;
        }
        int per = w.numel() / out;
        Tensor w2 = Tensor.zeros(w.dtype(), w.shape().clone());
        Tensor b2 = Tensor.zeros(w.dtype(), out);
        if (w.dtype() == DType.FLOAT32 && w.isContiguous()) {
            // the common case, without per-element index arithmetic (resnet's weights are millions of floats)
            float[] src = w.storage().floats(), dst = w2.storage().floats();
            for (int i = 0, off = w.offset(); i < dst.length; i++) dst[i] = (float) (src[off + i] * scale[i / per]);
        } else
            for (int i = 0; i < w.numel(); i++) set(w2, i, w.getDouble(i) * scale[i / per]);
        for (int o = 0; o < out; o++) set(b2, o, shift[o]);

        producer.replaceInput(1, Constants.insertBefore(producer, w2));
        producer.replaceInput(2, Constants.insertBefore(producer, b2));
        bn.output().replaceAllUsesWith(producer.output());
        bn.destroy();
        ctx.count(statistic);
        return true;
    }

    private static void set(Tensor t, int i, double v) {
        Storage s = t.storage();
        if (t.dtype() == DType.FLOAT32) s.floats()[i] = (float) v; else s.doubles()[i] = v;
    }
}
