package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Views that share storage (view, transpose, slice, expand, ...) and the copies reshape falls back to. */
public final class ShapeKernels {
    private ShapeKernels() { }

    public static int wrapDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r)
            throw new JitScopeException("Dimension out of range (expected to be in range of [" + (-r) + ", " + (r - 1) + "], but got " + dim + ")");
        return dim < 0 ? dim + r : dim;
    }

    public static Tensor contiguous(Tensor t) {
        return t.isContiguous() ? t : Strided.materialize(t, t.dtype(), t.shape());
    }

    /** Fills in one -1 dimension; checks the element count. */
    public static int[] inferSize(int[] shape, int numel) {
        int[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) throw new JitScopeException("only one dimension can be inferred");
                infer = i;
            } else if (out[i] < 0) {
                throw new JitScopeException("invalid shape dimension " + out[i]);
            } else known *= out[i];
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0)
                throw new JitScopeException("shape '" + Arrays.toString(shape) + "' is invalid for input of size " + numel);
            out[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new JitScopeException("shape '" + Arrays.toString(shape) + "' is invalid for input of size " + numel);
        }
        return out;
    }

    public static Tensor view(Tensor t, int[] shape) {
        int[] size = inferSize(shape, t.numel());
        int[] strides = viewStrides(t.shape(), t.strides(), size);
        if (strides == null)
            throw new JitScopeException("view size is not compatible with input tensor's size and stride (at least one dimension spans "
                    + "across two contiguous subspaces). Use .reshape(...) instead.");
        return new Tensor(t.storage(), size, strides, t.offset());
    }

    public static Tensor reshape(Tensor t, int[] shape) {
        int[] size = inferSize(shape, t.numel());
        int[] strides = viewStrides(t.shape(), t.strides(), size);
        if (strides != null) return new Tensor(t.storage(), size, strides, t.offset());
        return Tensor.contiguous(Strided.materialize(t, t.dtype(), t.shape()).storage(), size);
    }

    /**
     * Strides for viewing (oldShape, oldStrides) as newShape without copying, or null. Groups of old
     * dimensions that are contiguous with each other may be split/merged freely.
     */
    static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] out = new int[newShape.length];
        if (Tensor.numel(oldShape) == 0) return Tensor.contiguousStrides(newShape);
        int viewD = newShape.length - 1;
        int chunkBase = oldStrides.length == 0 ? 1 : oldStrides[oldStrides.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = oldShape.length - 1; d >= 0; d--) {
            tensorNumel *= oldShape[d];
            if (d == 0 || (oldShape[d - 1] != 1 && oldStrides[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    out[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0) { chunkBase = oldStrides[d - 1]; tensorNumel = 1; viewNumel = 1; }
            }
        }
        if (viewD != -1) {
            // remaining leading size-1 dimensions
            for (; viewD >= 0; viewD--) { if (newShape[viewD] != 1) return null; out[viewD] = 1; }
        }
        return out;
    }

    public static Tensor transpose(Tensor t, int d0, int d1) {
        if (t.dim() == 0) return t;
        d0 = wrapDim(d0, t.dim()); d1 = wrapDim(d1, t.dim());
        int[] sh = t.shape().clone(), st = t.strides().clone();
        sh[d0] = t.shape()[d1]; sh[d1] = t.shape()[d0];
        st[d0] = t.strides()[d1]; st[d1] = t.strides()[d0];
        return new Tensor(t.storage(), sh, st, t.offset());
    }

    /** Tensor.t(): transposes a matrix, leaves vectors alone. */
    public static Tensor t(Tensor x) {
        if (x.dim() > 2) throw new JitScopeException("t() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D");
        return x.dim() < 2 ? x : transpose(x, 0, 1);
    }

    public static Tensor permute(Tensor t, int[] dims) {
        if (dims.length != t.dim()) throw new JitScopeException("number of dims don't match in permute");
        int[] sh = new int[dims.length], st = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = wrapDim(dims[i], t.dim());
            if (seen[d]) throw new JitScopeException("repeated dim in permute");
            seen[d] = true;
            sh[i] = t.shape()[d]; st[i] = t.strides()[d];
        }
        return new Tensor(t.storage(), sh, st, t.offset());
    }

    /** aten::slice with Python semantics: null start/end mean the ends; out-of-range bounds clamp. */
    public static Tensor slice(Tensor t, int dim, Long start, Long end, long step) {
        dim = wrapDim(dim, t.dim());
        if (step <= 0) throw new JitScopeException("slice step must be positive");
        int size = t.shape()[dim];
        long s = start == null ? 0 : start, e = end == null ? size : end;
        if (s < 0) s += size;
        if (e < 0) e += size;
        s = Math.max(0, Math.min(s, size));
        e = Math.max(s, Math.min(e, size));
        int len = (int) ((e - s + step - 1) / step);
        int[] sh = t.shape().clone(), st = t.strides().clone();
        sh[dim] = len;
        st[dim] = (int) (t.strides()[dim] * step);
        return new Tensor(t.storage(), sh, st, t.offset() + (int) s * t.strides()[dim]);
    }

    public static Tensor narrow(Tensor t, int dim, long start, long length) {
        return slice(t, dim, start, start + length, 1);
    }

    public static Tensor select(Tensor t, int dim, long index) {
        if (t.dim() == 0) throw new JitScopeException("select() cannot be applied to a 0-dim tensor.");
        dim = wrapDim(dim, t.dim());
        int size = t.shape()[dim];
        if (index < -size || index >= size)
            throw new JitScopeException("select(): index " + index + " out of range for tensor of size " + Arrays.toString(t.shape()) + " at dimension " + dim);
        if (index < 0) index += size;
        int[] sh = remove(t.shape(), dim), st = remove(t.strides(), dim);
        return new Tensor(t.storage(), sh, st, t.offset() + (int) index * t.strides()[dim]);
    }

    public static Tensor expand(Tensor t, int[] sizes) {
        if (sizes.length < t.dim())
            throw new JitScopeException("expand: the number of sizes provided (" + sizes.length + ") must be greater or equal to the number of dimensions in the tensor (" + t.dim() + ")");
        int[] shape = sizes.clone();
        int shift = sizes.length - t.dim();
        for (int i = 0; i < shape.length; i++)
            if (shape[i] == -1) {
                if (i < shift) throw new JitScopeException("expand: -1 is not allowed in a leading, non-existing dimension");
                shape[i] = t.shape()[i - shift];
            }
        return new Tensor(t.storage(), shape, Strided.broadcastStrides(t, shape), t.offset());
    }

    public static Tensor expandAs(Tensor t, Tensor other) { return expand(t, other.shape()); }

    public static Tensor squeeze(Tensor t) {
        int n = 0;
        for (int d : t.shape()) if (d != 1) n++;
        int[] sh = new int[n], st = new int[n];
        for (int i = 0, j = 0; i < t.dim(); i++) if (t.shape()[i] != 1) { sh[j] = t.shape()[i]; st[j++] = t.strides()[i]; }
        return new Tensor(t.storage(), sh, st, t.offset());
    }

    public static Tensor squeeze(Tensor t, int dim) {
        if (t.dim() == 0) return t;
        dim = wrapDim(dim, t.dim());
        if (t.shape()[dim] != 1) return t;
        return new Tensor(t.storage(), remove(t.shape(), dim), remove(t.strides(), dim), t.offset());
    }

    public static Tensor unsqueeze(Tensor t, int dim) {
        dim = wrapDim(dim, t.dim() + 1);
        int stride = dim < t.dim() ? t.shape()[dim] * t.strides()[dim] : 1;
        return new Tensor(t.storage(), insert(t.shape(), dim, 1), insert(t.strides(), dim, stride), t.offset());
    }

    public static Tensor flatten(Tensor t, int startDim, int endDim) {
        if (t.dim() == 0) return reshape(t, new int[]{1});
        int s = wrapDim(startDim, t.dim()), e = wrapDim(endDim, t.dim());
        if (s > e) throw new JitScopeException("flatten() has invalid args: start_dim cannot come after end_dim");
        if (s == e) return t;
        int[] shape = new int[t.dim() - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) shape[k++] = t.shape()[i];
        int prod = 1;
        for (int i = s; i <= e; i++) prod *= t.shape()[i];
        shape[k++] = prod;
        for (int i = e + 1; i < t.dim(); i++) shape[k++] = t.shape()[i];
        return reshape(t, shape);
    }

    public static List<Tensor> split(Tensor t, int splitSize, int dim) {
        dim = wrapDim(dim, t.dim());
        int size = t.shape()[dim];
        if (splitSize <= 0 && size > 0) throw new JitScopeException("split expects split_size be non-negative, but got split_size=" + splitSize);
        List<Tensor> out = new ArrayList<>();
        int n = splitSize == 0 ? 1 : Math.max(1, (size + splitSize - 1) / splitSize);
        for (int i = 0; i < n; i++) out.add(narrow(t, dim, (long) i * splitSize, Math.min(splitSize, size - (long) i * splitSize)));
        return out;
    }

    public static List<Tensor> splitWithSizes(Tensor t, int[] sizes, int dim) {
        dim = wrapDim(dim, t.dim());
        int total = 0;
        for (int s : sizes) total += s;
        if (total != t.shape()[dim])
            throw new JitScopeException("split_with_sizes expects split_sizes to sum exactly to " + t.shape()[dim] + " (input tensor's size at dimension " + dim + "), but got split_sizes=" + Arrays.toString(sizes));
        List<Tensor> out = new ArrayList<>();
        int start = 0;
        for (int s : sizes) { out.add(narrow(t, dim, start, s)); start += s; }
        return out;
    }

    public static List<Tensor> chunk(Tensor t, int chunks, int dim) {
        if (chunks <= 0) throw new JitScopeException("chunk expects `chunks` to be greater than 0, got: " + chunks);
        dim = wrapDim(dim, t.dim());
        int size = t.shape()[dim];
        int splitSize = (size + chunks - 1) / chunks;
        if (splitSize == 0 && size == 0) {
            List<Tensor> out = new ArrayList<>();
            for (int i = 0; i < chunks; i++) out.add(t);
            return out;
        }
        return split(t, splitSize, dim);
    }

    public static List<Tensor> unbind(Tensor t, int dim) {
        dim = wrapDim(dim, t.dim());
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < t.shape()[dim]; i++) out.add(select(t, dim, i));
        return out;
    }

    static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    static int[] insert(int[] a, int i, int v) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }
}
