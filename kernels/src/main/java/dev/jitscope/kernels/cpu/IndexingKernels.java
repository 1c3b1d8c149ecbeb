package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;

/** embedding, index_select, masked_fill. */
public final class IndexingKernels {
    private IndexingKernels() { }

    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32)
            throw new JitScopeException("index_select(): Expected dtype int32/int64 for index but got: " + index.dtype().storageName);
        int d = ShapeKernels.wrapDim(dim, x.dim());
        long[] idx = Strided.longs(index, index.shape());
        int size = x.dim() == 0 ? 1 : x.shape()[d];
        int[] shape = x.dim() == 0 ? new int[0] : x.shape().clone();
        if (x.dim() > 0) shape[d] = idx.length;
        Tensor out = Tensor.zeros(x.dtype(), shape);
        for (int i = 0; i < idx.length; i++) {
            long k = idx[i];
            if (k < 0 || k >= size) throw new JitScopeException("index out of range in self: index " + k + " is out of bounds for dimension " + d + " with size " + size);
            if (x.dim() == 0) { Strided.copyInto(out, x); continue; }
            Strided.copyInto(ShapeKernels.select(out, d, i), ShapeKernels.select(x, d, k));
        }
        return out;
    }

    /** weight[indices]: rows of the table gathered into indices.shape + [embedding_dim]. */
    public static Tensor embedding(Tensor weight, Tensor indices) {
        if (weight.dim() != 2) throw new JitScopeException("'weight' must be 2-D");
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = weight.shape()[1];
        Tensor flat = indexSelect(weight, 0, ShapeKernels.reshape(indices, new int[]{-1}));
        return ShapeKernels.reshape(flat, shape);
    }

    public static Tensor maskedFill(Tensor x, Tensor mask, Object value) {
        if (mask.dtype() != DType.BOOL) throw new JitScopeException("masked_fill_ only supports boolean masks, but got mask with dtype " + mask.dtype().torchName);
        Tensor v = value instanceof Tensor t ? t : ElementwiseKernels.asTensor(value);
        return ElementwiseKernels.where(mask, v.dim() == 0 ? CreationKernels.to(v, x.dtype(), false) : v, x);
    }
}
