package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tensor attributes (.shape, .dtype, .T, ...), methods (x.relu() → aten::relu(x), x.view(2, 3),
 * x.item(), ...) and indexing (x[0, :, 1:3], x[None], x[..., 0], x[mask]) in terms of registry
 * operators, as the scripter lowers them. Shapes and data read into Python are marked as
 * tensor-derived; .item()/.tolist() are SCALAR divergences.
 */
final class TensorAccess {
    private final Evaluator ev;

    TensorAccess(Evaluator ev) { this.ev = ev; }

    private Object op(String name, List<Object> args, SourceRange r) { return ev.ops.call("aten::" + name, args, Map.of(), r); }

    Object getAttr(Tensor t, String name, SourceRange r) {
        switch (name) {
            case "shape": return shape(t, r);
            case "dtype": return ev.dtypeValue((Long) ev.ops.call("prim::dtype", java.util.Arrays.asList(t), Map.of(), r));
            case "device": return ev.ops.call("prim::device", java.util.Arrays.asList(t), Map.of(), r);
            case "ndim": return op("dim", java.util.Arrays.asList(t), r);
            case "T": {
                List<Object> dims = new ArrayList<>();
                for (long d = t.dim() - 1; d >= 0; d--) dims.add(d);
                return op("permute", java.util.Arrays.asList(t, dims), r);
            }
            case "data": return t;
            case "requires_grad": return t.requiresGrad();
            case "is_cuda": return false;
            case "is_leaf": return true;
            case "grad": return null;
            default: return (NativeFunction) (args, kw, range) -> method(t, name, args, kw, range);
        }
    }

    /** torch.Size is a tuple; each size is marked as tensor-derived. */
    private Object shape(Tensor t, SourceRange r) {
        List<?> sizes = (List<?>) op("size", java.util.Arrays.asList(t), r);
        return new Tuple(new ArrayList<>(sizes));
    }

    Object method(Tensor t, String name, List<Object> args, Map<String, Object> kw, SourceRange r) {
        List<Object> all = new ArrayList<>(args.size() + 1);
        all.add(t);
        all.addAll(args);
        switch (name) {
            case "size":
                if (args.isEmpty() && kw.isEmpty()) return shape(t, r);
                return ev.ops.call("aten::size", all, kw, r);
            case "item": {
                Object v = op("item", java.util.Arrays.asList(t), r);
                ev.divergence(DivergenceEvent.Kind.SCALAR, r, v, ".item() reads a tensor's value into Python");
                return v;
            }
            case "tolist": {
                Object v = toList(t, 0, 0);
                ev.divergence(DivergenceEvent.Kind.SCALAR, r, v, ".tolist() reads a tensor's values into Python");
                return v;
            }
            case "dim": case "ndimension": return op("dim", java.util.Arrays.asList(t), r);
            case "numel": case "nelement": return op("numel", java.util.Arrays.asList(t), r);
            case "float": return to(t, DType.FLOAT32, r);
            case "double": return to(t, DType.FLOAT64, r);
            case "half": return to(t, DType.FLOAT16, r);
            case "long": return to(t, DType.INT64, r);
            case "int": return to(t, DType.INT32, r);
            case "bool": return to(t, DType.BOOL, r);
            case "cpu": case "detach": case "requires_grad_": case "cuda_if_available": return t;
            case "cuda": throw new JitScopeException("CUDA is not available in JitScope (tensors live on the CPU)", r);
            case "numpy": throw new JitScopeException("Tensor.numpy() is not supported by the eager interpreter", r);
            case "is_contiguous": return t.isContiguous();
            case "type_as": return to(t, ((Tensor) args.get(0)).dtype(), r);
            case "element_size": return (long) t.dtype().itemSize;
            case "new_zeros": case "new_ones": case "new_empty": case "new_full": {
                Map<String, Object> k = new java.util.LinkedHashMap<>(kw);
                k.putIfAbsent("dtype", (long) t.dtype().code);
                return ev.ops.call("aten::" + name.substring(4), args, k, r);
            }
            default: return ev.ops.call("aten::" + name, all, kw, r);
        }
    }

    private Object to(Tensor t, DType dt, SourceRange r) {
        return ev.ops.call("aten::to", java.util.Arrays.asList(t, (long) dt.code), Map.of(), r);
    }

    private Object toList(Tensor t, int dim, int flatBase) {
        if (t.dim() == 0) return scalar(t, 0);
        return toListAt(t, 0, new int[]{0});
    }

    private Object toListAt(Tensor t, int dim, int[] flat) {
        if (dim == t.dim()) return scalar(t, flat[0]++);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < t.shape()[dim]; i++) out.add(toListAt(t, dim + 1, flat));
        return out;
    }

    private Object scalar(Tensor t, int flat) {
        double v = t.getDouble(flat);
        Object o = t.dtype() == DType.BOOL ? (Object) (v != 0) : t.dtype().isFloatingPoint() ? (Object) v : (Object) (long) v;
        return ev.taint.mark(o);
    }

    /** bool(t): a one-element tensor's truth value (PyTorch refuses ambiguous ones too). */
    boolean toBool(Tensor t, SourceRange r) {
        if (t.numel() != 1)
            throw new JitScopeException("RuntimeError: Boolean value of Tensor with more than one value is ambiguous", r);
        return t.getDouble(0) != 0;
    }

    // ---------------------------------------------------------------- indexing

    Object index(Tensor t, List<Object> idx, SourceRange r) {
        List<Object> items = expandIndices(t, idx, r);
        Tensor cur = t;
        int dim = 0;
        List<Object> advanced = new ArrayList<>();
        boolean anyAdvanced = false;
        for (Object i : items) {
            if (i == null) {
                cur = (Tensor) op("unsqueeze", java.util.Arrays.asList(cur, (long) dim), r);
                advanced.add(null);
                dim++;
            } else if (i instanceof PySlice s) {
                if (s.lower() != null || s.upper() != null || s.step() != null) {
                    cur = (Tensor) ev.ops.call("aten::slice", java.util.Arrays.asList(cur, (long) dim, s.lower() == null ? null : ev.intIndex(s.lower(), r),
                            s.upper() == null ? null : ev.intIndex(s.upper(), r), s.step() == null ? 1L : ev.intIndex(s.step(), r)), Map.of(), r);
                }
                advanced.add(null);
                dim++;
            } else if (i instanceof Long || i instanceof Boolean) {
                cur = (Tensor) op("select", java.util.Arrays.asList(cur, (long) dim, ev.intIndex(i, r)), r);
            } else if (i instanceof Tensor it) {
                advanced.add(it);
                anyAdvanced = true;
                dim++;
            } else if (i instanceof List<?> || i instanceof Tuple) {
                Object tv = ev.ops.call("aten::tensor", java.util.Arrays.asList(i instanceof Tuple tu ? tu.items() : i), Map.of(), r);
                advanced.add(tv);
                anyAdvanced = true;
                dim++;
            } else {
                throw new JitScopeException("TypeError: a tensor index must be an int, slice, None, ..., a list or a tensor, not "
                        + PyRepr.typeName(i), r);
            }
        }
        if (!anyAdvanced) return cur;
        while (!advanced.isEmpty() && advanced.get(advanced.size() - 1) == null) advanced.remove(advanced.size() - 1);
        return ev.ops.call("aten::index", java.util.Arrays.asList(cur, advanced), Map.of(), r);
    }

    /** Replaces '...' by as many full slices as it stands for. */
    private List<Object> expandIndices(Tensor t, List<Object> idx, SourceRange r) {
        int consumed = 0, ellipses = 0;
        for (Object i : idx) {
            if (i == Evaluator.ELLIPSIS) ellipses++;
            else if (i != null) consumed += (i instanceof Tensor m && m.dtype() == DType.BOOL) ? m.dim() : 1;
        }
        if (ellipses > 1) throw new JitScopeException("IndexError: an index can only have a single ellipsis ('...')", r);
        if (consumed > t.dim()) throw new JitScopeException("IndexError: too many indices for tensor of dimension " + t.dim(), r);
        List<Object> out = new ArrayList<>();
        for (Object i : idx) {
            if (i == Evaluator.ELLIPSIS) for (int k = 0; k < t.dim() - consumed; k++) out.add(new PySlice(null, null, null));
            else out.add(i);
        }
        return out;
    }

    void setIndex(Tensor t, List<Object> idx, Object v, SourceRange r) {
        if (idx.size() == 1 && idx.get(0) instanceof Tensor mask && mask.dtype() == DType.BOOL) {
            if (v instanceof Tensor vt) op("masked_fill_", java.util.Arrays.asList(t, mask, op("item", java.util.Arrays.asList(vt), r)), r);
            else op("masked_fill_", java.util.Arrays.asList(t, mask, v), r);
            return;
        }
        Object view = index(t, idx, r);
        if (!(view instanceof Tensor vt)) throw new JitScopeException("cannot assign to this index", r);
        boolean advanced = false;
        for (Object i : idx) advanced |= i instanceof Tensor || i instanceof List<?>;
        if (advanced) throw new JitScopeException("assignment through a tensor index is not supported by the eager interpreter (only a boolean mask)", r);
        if (v instanceof Tensor src) op("copy_", java.util.Arrays.asList(vt, src), r);
        else op("fill_", java.util.Arrays.asList(vt, v), r);
    }
}
