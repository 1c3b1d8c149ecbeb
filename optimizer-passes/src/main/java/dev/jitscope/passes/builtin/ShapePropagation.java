package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import dev.jitscope.tensor.DType;
import java.util.List;
import java.util.Set;

/**
 * Annotates Tensor values with dtype and sizes, starting from the input types given in the context
 * (e.g. {@code Float(1, 3, 224, 224)}) and following operators whose output shape it knows:
 * <pre>
 *   %x : Float(2, 3)                       %y : Float(2, 4) = aten::linear(%x, %w, %b)
 *   %y : Tensor = aten::linear(%x, %w, %b)   (with %w : Float(4, 3))
 * </pre>
 * Elementwise ops (with broadcasting), linear/mm/matmul, t/transpose, conv2d, pooling, flatten,
 * view/reshape with constant sizes. Unknown ops leave their outputs as they were.
 * NB: dtype is taken from the first tensor operand; mixed-dtype promotion is not modelled.
 */
public final class ShapePropagation implements Pass {
    public static final ShapePropagation INSTANCE = new ShapePropagation();
    private static final Set<String> SAME_SHAPE = Set.of("aten::relu", "aten::relu_", "aten::sigmoid", "aten::tanh",
            "aten::neg", "aten::exp", "aten::log", "aten::sqrt", "aten::abs", "aten::gelu", "aten::silu", "aten::hardtanh",
            "aten::dropout", "aten::feature_dropout", "aten::contiguous", "aten::clone", "aten::batch_norm",
            "aten::softmax", "aten::log_softmax", "aten::layer_norm", "aten::leaky_relu", "aten::clamp",
            "aten::hardswish", "aten::hardsigmoid", "aten::detach");
    private static final Set<String> BROADCAST = Set.of("aten::add", "aten::sub", "aten::mul", "aten::div",
            "aten::add_", "aten::mul_", "aten::maximum", "aten::minimum", "aten::pow");
    private static final PassInfo INFO = new PassInfo("shape-propagation",
            "Annotate tensors with dtype and sizes from given input shapes",
            "Sets refined Tensor types (dtype, sizes, contiguous strides) on graph inputs from the context's input "
                    + "types and propagates them through elementwise, linear algebra, convolution, pooling and "
                    + "reshaping operators.",
            List.of("values-refined"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        List<JitType> given = ctx.inputTypes();
        if (given != null)
            for (int i = 0; i < Math.min(given.size(), ctx.graph().inputs().size()); i++) {
                Value in = ctx.graph().inputs().get(i);
                if (given.get(i) != null && !given.get(i).equals(in.type())) { in.setType(given.get(i)); changed = true; }
            }
        for (Node n : ctx.graph().block().allNodes()) {
            if (n.outputs().size() != 1 || !(n.output().type() instanceof TensorType old)) continue;
            int[] sizes = infer(n);
            if (sizes == null) continue;
            TensorType t = TensorType.of(dtype(n), sizes, dev.jitscope.tensor.Tensor.contiguousStrides(sizes));
            if (!t.equals(old)) {
                n.output().setType(t);
                ctx.count("values-refined");
                changed = true;
            }
        }
        return changed;
    }

    private static DType dtype(Node n) {
        for (Value v : n.inputs()) if (v.type() instanceof TensorType t && t.dtype() != null) return t.dtype();
        return null;
    }

    /** Input i, or null when the node leaves that argument to its default. */
    private static Value arg(Node n, int i) { return i < n.inputs().size() ? n.input(i) : null; }

    private static Object constant(Value v) { return v == null ? Constants.NOT_CONSTANT : Constants.valueOf(v); }

    private static int[] sizes(Value v) { return v != null && v.type() instanceof TensorType t ? t.sizes() : null; }

    private static long[] ints(Value v) {
        Object c = constant(v);
        if (c instanceof Long l) return new long[] {l};
        if (!(c instanceof List<?> l)) return null;
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) { if (!(l.get(i) instanceof Long x)) return null; out[i] = x; }
        return out;
    }

    private static int[] infer(Node n) {
        String k = n.kind();
        if (n.inputs().isEmpty()) return null;
        int[] a = sizes(arg(n, 0));
        if (SAME_SHAPE.contains(k)) return a;
        if (BROADCAST.contains(k)) {
            if (n.inputs().size() < 2 || !(n.input(1).type() instanceof TensorType)) return a;
            return broadcast(a, sizes(arg(n, 1)));
        }
        if (a == null) return null;
        switch (k) {
            case "aten::t": return a.length < 2 ? a : new int[] {a[1], a[0]};
            case "aten::transpose": {
                long[] d0 = ints(arg(n, 1)), d1 = ints(arg(n, 2));
                if (d0 == null || d1 == null) return null;
                int[] r = a.clone();
                int x = (int) (d0[0] < 0 ? d0[0] + a.length : d0[0]), y = (int) (d1[0] < 0 ? d1[0] + a.length : d1[0]);
                r[x] = a[y]; r[y] = a[x];
                return r;
            }
            case "aten::mm", "aten::matmul": {
                int[] b = sizes(arg(n, 1));
                if (b == null || a.length < 2 || b.length != 2) return null;
                int[] r = a.clone();
                r[r.length - 1] = b[1];
                return r;
            }
            case "aten::linear": {
                int[] w = sizes(arg(n, 1));
                if (w == null || w.length != 2) return null;
                int[] r = a.clone();
                r[r.length - 1] = w[0];
                return r;
            }
            case "aten::conv2d": {
                int[] w = sizes(arg(n, 1));
                long[] st = ints(arg(n, 3)), pad = ints(arg(n, 4)), dil = ints(arg(n, 5));
                if (w == null || a.length != 4 || st == null || pad == null || dil == null) return null;
                return new int[] {a[0], w[0], window(a[2], w[2], at(st, 0), at(pad, 0), at(dil, 0), false),
                        window(a[3], w[3], at(st, 1), at(pad, 1), at(dil, 1), false)};
            }
            case "aten::max_pool2d", "aten::avg_pool2d": {
                long[] ks = ints(arg(n, 1)), st = ints(arg(n, 2)), pad = ints(arg(n, 3));
                if (ks == null || st == null || pad == null || a.length < 3) return null;
                if (st.length == 0) st = ks;
                long[] dil = k.equals("aten::max_pool2d") ? ints(arg(n, 4)) : new long[] {1};
                Object ceil = constant(arg(n, k.equals("aten::max_pool2d") ? 5 : 4));
                if (dil == null || !(ceil instanceof Boolean c)) return null;
                int[] r = a.clone();
                r[a.length - 2] = window(a[a.length - 2], (int) at(ks, 0), at(st, 0), at(pad, 0), at(dil, 0), c);
                r[a.length - 1] = window(a[a.length - 1], (int) at(ks, 1), at(st, 1), at(pad, 1), at(dil, 1), c);
                return r;
            }
            case "aten::adaptive_avg_pool2d": {
                long[] os = ints(arg(n, 1));
                if (os == null || a.length < 3) return null;
                int[] r = a.clone();
                r[a.length - 2] = (int) at(os, 0);
                r[a.length - 1] = (int) at(os, 1);
                return r;
            }
            case "aten::flatten": {
                long[] s = ints(arg(n, 1)), e = ints(arg(n, 2));
                if (s == null || e == null) return null;
                int from = (int) (s[0] < 0 ? s[0] + a.length : s[0]), to = (int) (e[0] < 0 ? e[0] + a.length : e[0]);
                int[] r = new int[a.length - (to - from)];
                int j = 0, prod = 1;
                for (int i = 0; i < a.length; i++) {
                    if (i < from || i > to) r[j++] = a[i];
                    else { prod *= a[i]; if (i == to) r[j++] = prod; }
                }
                return r;
            }
            case "aten::view", "aten::reshape": {
                long[] s = ints(arg(n, 1));
                if (s == null) return null;
                int total = dev.jitscope.tensor.Tensor.numel(a), known = 1, infer = -1;
                int[] r = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    if (s[i] == -1) infer = i; else { r[i] = (int) s[i]; known *= r[i]; }
                }
                if (infer >= 0) r[infer] = known == 0 ? 0 : total / known;
                return r;
            }
            default: return null;
        }
    }

    private static long at(long[] xs, int i) { return xs.length == 1 ? xs[0] : xs[i]; }

    private static int window(int in, int kernel, long stride, long pad, long dil, boolean ceil) {
        double span = in + 2 * pad - dil * (kernel - 1) - 1;
        long out = (ceil ? (long) Math.ceil(span / stride) : Math.floorDiv((long) span, stride)) + 1;
        // PyTorch: with ceil_mode the last window must start inside the input or left padding
        if (ceil && (out - 1) * stride >= in + pad) out--;
        return (int) out;
    }

    private static int[] broadcast(int[] a, int[] b) {
        if (a == null || b == null) return null;
        int n = Math.max(a.length, b.length);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            int x = i < n - a.length ? 1 : a[i - (n - a.length)], y = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (x != y && x != 1 && y != 1) return null;
            r[i] = x == 1 ? y : x;
        }
        return r;
    }
}
