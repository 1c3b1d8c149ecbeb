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

    /** torch.gather: out[i][j][k] = x[index[i][j][k]][j][k] along dim. */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = ShapeKernels.wrapDim(dim, x.dim());
        if (index.dim() != x.dim()) throw new JitScopeException("Index tensor must have the same number of dimensions as input tensor");
        int[] shape = index.shape().clone();
        long[] idx = Strided.longs(index, shape);
        Tensor out = Tensor.zeros(x.dtype(), shape);
        int n = idx.length;
        int[] pos = new int[shape.length];
        for (int f = 0; f < n; f++) {
            int rem = f;
            for (int k = shape.length - 1; k >= 0; k--) { pos[k] = rem % shape[k]; rem /= shape[k]; }
            long j = idx[f];
            if (j < 0 || j >= x.shape()[d]) throw new JitScopeException("index " + j + " is out of bounds for dimension " + d + " with size " + x.shape()[d]);
            Tensor src = x, dst = out;
            for (int k = shape.length - 1; k >= 0; k--) {
                src = ShapeKernels.select(src, k, k == d ? j : pos[k]);
                dst = ShapeKernels.select(dst, k, pos[k]);
            }
            Strided.copyInto(dst, src);
        }
        return out;
    }

    /**
     * aten::index with one index tensor (the others None): integer indices gather along that dimension,
     * a bool mask selects the elements (rows) where it is true.
     */
    public static Tensor index(Tensor x, java.util.List<Tensor> indices) {
        int at = -1;
        for (int k = 0; k < indices.size(); k++) {
            if (indices.get(k) == null) continue;
            if (at >= 0) throw new JitScopeException("indexing with more than one index tensor is not supported yet");
            at = k;
        }
        if (at < 0) return x;
        Tensor idx = indices.get(at);
        if (idx.dtype() == DType.BOOL || idx.dtype() == DType.UINT8) {
            int md = idx.dim();
            for (int k = 0; k < md; k++)
                if (idx.shape()[k] != x.shape()[at + k])
                    throw new JitScopeException("The shape of the mask " + Arrays.toString(idx.shape()) + " at index " + k
                            + " does not match the shape of the indexed tensor " + Arrays.toString(x.shape()) + " at index " + (at + k));
            int[] merged = new int[x.dim() - md + 1];
            for (int k = 0; k < at; k++) merged[k] = x.shape()[k];
            merged[at] = idx.numel();
            for (int k = at + md; k < x.dim(); k++) merged[k - md + 1] = x.shape()[k];
            Tensor flat = ShapeKernels.reshape(x, merged);
            long[] m = Strided.longs(idx, idx.shape());
            int count = 0;
            for (long v : m) if (v != 0) count++;
            long[] pos = new long[count];
            for (int k = 0, c = 0; k < m.length; k++) if (m[k] != 0) pos[c++] = k;
            return indexSelect(flat, at, Tensor.contiguous(dev.jitscope.tensor.Storage.wrap(pos), count));
        }
        Tensor sel = indexSelect(x, at, ShapeKernels.reshape(idx, new int[]{-1}));
        int[] shape = new int[x.dim() - 1 + idx.dim()];
        int k = 0;
        for (int q = 0; q < at; q++) shape[k++] = x.shape()[q];
        for (int q = 0; q < idx.dim(); q++) shape[k++] = idx.shape()[q];
        for (int q = at + 1; q < x.dim(); q++) shape[k++] = x.shape()[q];
        return ShapeKernels.reshape(sel, shape);
    }

    /** tril (lower) / triu (upper) keeping elements on the given side of the diagonal of the last two dimensions. */
    public static Tensor triangle(Tensor x, long diagonal, boolean lower) {
        if (x.dim() < 2) throw new JitScopeException((lower ? "tril" : "triu") + ": input tensor must have at least 2 dimensions");
        Tensor out = Strided.materialize(x, x.dtype(), x.shape());
        int r = x.size(-2), c = x.size(-1), mats = r * c == 0 ? 0 : x.numel() / (r * c);
        Tensor m3 = ShapeKernels.reshape(out, new int[]{mats, r, c});
        Tensor zero = ElementwiseKernels.asTensor(0L);
        for (int b = 0; b < mats; b++)
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++)
                    if (lower ? j - i > diagonal : j - i < diagonal) Strided.copyInto(ShapeKernels.select(ShapeKernels.select(ShapeKernels.select(m3, 0, b), 0, i), 0, j), zero);
        return out;
    }
}
