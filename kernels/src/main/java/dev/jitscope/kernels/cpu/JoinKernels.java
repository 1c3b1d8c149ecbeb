package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** cat and stack: the result dtype promotes over all inputs. */
public final class JoinKernels {
    private JoinKernels() { }

    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new JitScopeException("torch.cat(): expected a non-empty list of Tensors");
        // NB: PyTorch still skips legacy empty 1-D tensors of shape [0] whatever their rank.
        List<Tensor> parts = new ArrayList<>();
        Tensor ref = null;
        DType dt = null;
        for (Tensor t : tensors) {
            dt = TypePromotion.promote(dt, t.dtype());
            if (t.dim() == 1 && t.shape()[0] == 0) continue;
            parts.add(t);
            if (ref == null) ref = t;
        }
        if (ref == null) return Tensor.zeros(dt, 0);
        if (ref.dim() == 0) throw new JitScopeException("zero-dimensional tensor (at position 0) cannot be concatenated");
        int d = ShapeKernels.wrapDim(dim, ref.dim());
        int total = 0;
        for (int i = 0; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            if (t.dim() != ref.dim())
                throw new JitScopeException("Tensors must have same number of dimensions: got " + ref.dim() + " and " + t.dim());
            for (int j = 0; j < ref.dim(); j++)
                if (j != d && t.shape()[j] != ref.shape()[j])
                    throw new JitScopeException("Sizes of tensors must match except in dimension " + d + ". Expected size " + ref.shape()[j]
                            + " but got size " + t.shape()[j] + " for tensor number " + i + " in the list.");
            total += t.shape()[d];
        }
        int[] shape = ref.shape().clone();
        shape[d] = total;
        Tensor out = Tensor.zeros(dt, shape);
        int at = 0;
        for (Tensor t : parts) {
            Strided.copyInto(ShapeKernels.narrow(out, d, at, t.shape()[d]), t);
            at += t.shape()[d];
        }
        return out;
    }

    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new JitScopeException("stack expects a non-empty TensorList");
        int d = ShapeKernels.wrapDim(dim, tensors.get(0).dim() + 1);
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!Arrays.equals(t.shape(), tensors.get(0).shape()))
                throw new JitScopeException("stack expects each tensor to be equal size, but got " + Arrays.toString(tensors.get(0).shape())
                        + " at entry 0 and " + Arrays.toString(t.shape()) + " at entry " + i);
            parts.add(ShapeKernels.unsqueeze(t, d));
        }
        return cat(parts, d);
    }

    /**
     * constant_pad_nd: pads are (left, right) pairs starting from the last dimension; negative pads crop.
     */
    public static Tensor constantPad(Tensor x, int[] pads, Object value) {
        if (pads.length % 2 != 0) throw new JitScopeException("Length of pad must be even but instead it equals " + pads.length);
        if (pads.length / 2 > x.dim())
            throw new JitScopeException("Length of pad should be no more than twice the number of dimensions of the input. Pad length is "
                    + pads.length + " while the input has " + x.dim() + " dimensions.");
        int[] shape = x.shape().clone();
        Tensor src = x;
        for (int k = 0; k < pads.length / 2; k++) {
            int d = x.dim() - 1 - k, lo = pads[2 * k], hi = pads[2 * k + 1];
            shape[d] = x.shape()[d] + lo + hi;
            if (shape[d] < 0) throw new JitScopeException("The input size " + x.shape()[d] + ", plus negative padding " + lo + " and " + hi
                    + " resulted in a negative output size, which is invalid. Check dimension " + d + " of your input.");
            // cropping (negative pads) narrows the source
            src = ShapeKernels.narrow(src, d, Math.max(0, -lo), Math.max(0, x.shape()[d] + Math.min(0, lo) + Math.min(0, hi)));
        }
        Tensor out = CreationKernels.full(shape, value, x.dtype());
        Tensor dst = out;
        for (int k = 0; k < pads.length / 2; k++) {
            int d = x.dim() - 1 - k;
            dst = ShapeKernels.narrow(dst, d, Math.max(0, pads[2 * k]), src.shape()[d]);
        }
        Strided.copyInto(dst, src);
        return out;
    }
}
