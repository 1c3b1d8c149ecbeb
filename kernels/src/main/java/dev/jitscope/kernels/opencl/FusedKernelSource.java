package dev.jitscope.kernels.opencl;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.kernels.cpu.Strided;
import dev.jitscope.kernels.cpu.UnaryKernels.Op;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the OpenCL C source of one prim::FusionGroup's "Subgraph" for given input shapes: one work
 * item per element of the broadcast output shape, every operator one float statement (so each
 * intermediate is rounded to float, as the unfused kernels round), broadcasting by index arithmetic
 * with the shapes baked in as literals, scalar constants as float literals and non-constant scalar
 * inputs as kernel arguments. An output whose own shape is smaller than the group's (an intermediate
 * taken out before a broadcast) is written by the work items at index 0 of its broadcast dimensions.
 * <pre>
 * __kernel void fused_1a2b3c4d(__global const float* restrict in0, __global const float* restrict in1, __global float* restrict out0) {
 *     const int i = get_global_id(0);
 *     if (i &gt;= 12) return;
 *     const int c1 = i % 3;
 *     const float t0 = in0[i];
 *     const float t1 = in1[c1];
 *     const float v0 = t0 * t1;   // aten::mul
 *     out0[i] = v0;
 * }
 * </pre>
 * Everything the source depends on (operators, constants, shapes, dtypes) is spelled out in it, so
 * the source text itself is the program's cache key, and the kernel is named by a hash of it: equal
 * groups (two encoder layers' activations, say) share one program whatever their values are called.
 */
final class FusedKernelSource {
    /** The binary operators' C forms, over a and b. */
    private static final Map<String, String> BINARY = Map.of(
            "aten::mul", "a * b",
            "aten::maximum", "(isnan(a) || isnan(b) ? NAN : fmax(a, b))",
            "aten::minimum", "(isnan(a) || isnan(b) ? NAN : fmin(a, b))",
            "aten::pow", "pow(a, b)");
    private static final Map<String, Op> UNARY = Map.ofEntries(
            Map.entry("aten::neg", Op.NEG), Map.entry("aten::relu", Op.RELU), Map.entry("aten::sigmoid", Op.SIGMOID),
            Map.entry("aten::tanh", Op.TANH), Map.entry("aten::exp", Op.EXP), Map.entry("aten::log", Op.LOG),
            Map.entry("aten::sqrt", Op.SQRT), Map.entry("aten::rsqrt", Op.RSQRT), Map.entry("aten::abs", Op.ABS),
            Map.entry("aten::reciprocal", Op.RECIPROCAL), Map.entry("aten::sin", Op.SIN), Map.entry("aten::cos", Op.COS),
            Map.entry("aten::erf", Op.ERF), Map.entry("aten::silu", Op.SILU), Map.entry("aten::hardswish", Op.HARDSWISH),
            Map.entry("aten::hardsigmoid", Op.HARDSIGMOID));
    private static final Map<String, Op> PARAMETRIC = Map.of(
            "aten::leaky_relu", Op.LEAKY_RELU, "aten::hardtanh", Op.HARDTANH, "aten::clamp", Op.CLAMP);

    /** The kernel's name until the body is written; then its fingerprint names it. */
    private static final String NAME = "fused_KERNEL";

    private final Map<String, String> overrides;

    FusedKernelSource() { this(Map.of()); }

    /**
     * A generator whose operator expressions are replaced by {@code overrides} (operator name → C
     * expression over a, b): how tests make a generated kernel that fails to build.
     */
    FusedKernelSource(Map<String, String> overrides) { this.overrides = Map.copyOf(overrides); }

    /** What one kernel was generated for, and how to launch it. */
    record Generated(String kernelName, String source, int[] shape, int[][] outputShapes) { }

    /** Thrown when the group or these arguments cannot become a kernel; the CPU loop takes over. */
    static final class Unsupported extends Exception {
        Unsupported(String reason) { super(reason, null, false, false); }
    }

    /** The first operator of {@code sub} no kernel can be generated for, or null when every one can. */
    String unsupportedOperator(Graph sub) {
        for (Node n : sub.block().nodes()) {
            String k = functional(n.kind());
            if (k.equals(Node.CONSTANT)) continue;
            boolean known = overrides.containsKey(k) || BINARY.containsKey(k) || UNARY.containsKey(k) || PARAMETRIC.containsKey(k)
                    || k.equals("aten::add") || k.equals("aten::sub") || k.equals("aten::div") || k.equals("aten::gelu");
            if (!known || n.outputs().size() != 1 || !n.blocks().isEmpty()) return k;
        }
        return null;
    }

    /** A short name for a kernel body: equal bodies (the same operators, constants and shapes) get equal names. */
    static String fingerprint(String body) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An operand of an operator: C code, and what kind of value it is. */
    private record Operand(String code, Kind kind, int[] shape, Object constant) {
        enum Kind { TENSOR, SCALAR, NONE, STRING }
        static Operand scalar(String code) { return new Operand(code, Kind.SCALAR, null, null); }
    }

    /**
     * The kernel for {@code sub} on these group arguments: float32 tensors, numbers (passed as float
     * arguments) and None.
     */
    Generated generate(Graph sub, Object[] args) throws Unsupported {
        if (args.length != sub.inputs().size()) throw new Unsupported("argument count");
        Map<Value, Operand> operands = new IdentityHashMap<>();
        List<String> params = new ArrayList<>();
        List<int[]> tensorShapes = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            Object a = args[k];
            Value in = sub.inputs().get(k);
            if (a instanceof Tensor t) {
                if (t.dtype() != DType.FLOAT32) throw new Unsupported("non-float32 tensors");
                params.add("__global const " + cType(t.dtype()) + "* restrict in" + k);
                operands.put(in, new Operand("t" + k, Operand.Kind.TENSOR, t.shape().clone(), null));
                tensorShapes.add(t.shape());
            } else if (a instanceof Long || a instanceof Double || a instanceof Boolean) {
                params.add("const float s" + k);
                operands.put(in, Operand.scalar("s" + k));
            } else if (a == null) {
                operands.put(in, new Operand("0", Operand.Kind.NONE, null, null));
            } else throw new Unsupported(a.getClass().getSimpleName() + " arguments");
        }
        int[] shape = broadcast(tensorShapes);
        if (shape == null) throw new Unsupported("no tensor arguments");

        StringBuilder ops = new StringBuilder();
        int nextVar = 0;
        for (Node n : sub.block().nodes()) {
            if (n.kind().equals(Node.CONSTANT)) {
                operands.put(n.output(), constant(n.attr("value")));
                continue;
            }
            List<Operand> ins = new ArrayList<>();
            for (Value v : n.inputs()) {
                Operand o = operands.get(v);
                if (o == null) throw new Unsupported("a " + v.type().str() + " operand of " + n.kind());
                ins.add(o);
            }
            List<int[]> shapes = new ArrayList<>();
            for (Operand o : ins) if (o.kind == Operand.Kind.TENSOR) shapes.add(o.shape);
            int[] own = broadcast(shapes);
            if (own == null) throw new Unsupported(n.kind() + " without tensor operands");
            String e = expression(n, ins);
            String var = "v" + nextVar++;
            ops.append("    const float ").append(var).append(" = ").append(e).append(";   // ").append(n.kind()).append('\n');
            operands.put(n.output(), new Operand(var, Operand.Kind.TENSOR, own, null));
        }

        int[][] outputShapes = new int[sub.outputs().size()][];
        List<String> stores = new ArrayList<>();
        for (int k = 0; k < outputShapes.length; k++) {
            Operand o = operands.get(sub.outputs().get(k));
            if (o == null || o.kind != Operand.Kind.TENSOR) throw new Unsupported("a non-tensor group output");
            outputShapes[k] = o.shape;
            params.add("__global float* restrict out" + k);
            String guard = writeGuard(o.shape, shape);
            stores.add("    " + (guard.isEmpty() ? "" : "if (" + guard + ") ") + "out" + k + "[" + offset(o.shape, shape) + "] = " + o.code + ";\n");
        }

        int n = Tensor.numel(shape);
        StringBuilder src = new StringBuilder();
        src.append("// prim::FusionGroup over shape ").append(Arrays.toString(shape));
        for (int k = 0; k < args.length; k++)
            if (args[k] instanceof Tensor t) src.append(", in").append(k).append(' ').append(t.dtype().name().toLowerCase()).append(Arrays.toString(t.shape()));
        src.append('\n');
        src.append("__kernel void ").append(NAME).append("(").append(String.join(", ", params)).append(") {\n");
        src.append("    const int i = get_global_id(0);\n");
        src.append("    if (i >= ").append(n).append(") return;\n");
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            // NB: unused coordinates cost nothing, the compiler drops them
            src.append("    const int c").append(d).append(" = ");
            String q = stride == 1 ? "i" : "(i / " + stride + ")";
            src.append(d == 0 ? q : q + " % " + shape[d]).append(";\n");
            stride *= shape[d];
        }
        for (int k = 0; k < args.length; k++)
            if (args[k] instanceof Tensor t)
                src.append("    const float t").append(k).append(" = in").append(k).append('[').append(offset(t.shape(), shape)).append("];\n");
        src.append(ops);
        stores.forEach(src::append);
        src.append("}\n");
        String name = "fused_" + fingerprint(src.toString());
        return new Generated(name, src.toString().replace(NAME, name), shape, outputShapes);
    }

    private static String cType(DType d) {
        if (d == DType.FLOAT32) return "float";
        throw new IllegalArgumentException(d.name());
    }

    private static Operand constant(Object v) {
        if (v == null) return new Operand("0", Operand.Kind.NONE, null, null);
        if (v instanceof Boolean b) return new Operand(b ? "1.0f" : "0.0f", Operand.Kind.SCALAR, null, v);
        if (v instanceof Number num) return new Operand(literal(num.doubleValue()), Operand.Kind.SCALAR, null, v);
        if (v instanceof String s) return new Operand("0", Operand.Kind.STRING, null, s);
        // tensor or list constants are not operands of the ops we generate; a use of one is Unsupported
        return new Operand("0", Operand.Kind.STRING, null, v);
    }

    /** A float literal: the value rounded to float, as PyTorch converts a scalar to a float32 op's type. */
    static String literal(double v) {
        float f = (float) v;
        if (Float.isNaN(f)) return "NAN";
        if (Float.isInfinite(f)) return f > 0 ? "INFINITY" : "(-INFINITY)";
        String s = Float.toString(f) + "f";
        return f < 0 || (f == 0 && 1 / f < 0) ? "(" + s + ")" : s;
    }

    /**
     * relu_ → relu: an in-place op in a group writes a temporary nothing else reads (the fusion pass
     * checks), so the kernel computes it into the group's output like the functional op.
     */
    static String functional(String kind) {
        return kind.startsWith("aten::") && kind.endsWith("_") && !kind.endsWith("__") ? kind.substring(0, kind.length() - 1) : kind;
    }

    private String expression(Node n, List<Operand> ins) throws Unsupported {
        String k = functional(n.kind());
        String override = overrides.get(k);
        if (override != null) return substitute(override, ins);
        switch (k) {
            case "aten::add", "aten::sub" -> {
                need(n, ins, 2, 3);
                String sign = k.equals("aten::add") ? " + " : " - ";
                Operand alpha = ins.size() == 3 ? value(n, ins.get(2)) : null;
                boolean unit = alpha == null || (alpha.constant instanceof Number num && num.doubleValue() == 1);
                return "(" + value(n, ins.get(0)).code + sign + (unit ? "" : alpha.code + " * ") + value(n, ins.get(1)).code + ")";
            }
            case "aten::div" -> {
                need(n, ins, 2, 3);
                String q = "(" + value(n, ins.get(0)).code + " / " + value(n, ins.get(1)).code + ")";
                if (ins.size() == 2 || ins.get(2).kind == Operand.Kind.NONE) return q;
                if ("trunc".equals(ins.get(2).constant)) return "trunc" + q;
                if ("floor".equals(ins.get(2).constant)) return "floor" + q;
                throw new Unsupported("aten::div rounding mode " + ins.get(2).constant);
            }
            case "aten::gelu" -> {
                need(n, ins, 1, 2);
                Object mode = ins.size() == 1 ? "none" : ins.get(1).constant;
                Op op = "none".equals(mode) ? Op.GELU : "tanh".equals(mode) ? Op.GELU_TANH : null;
                if (op == null) throw new Unsupported("aten::gelu approximate=" + mode);
                return unary(op, value(n, ins.get(0)).code, "0.0f", "0.0f");
            }
            default -> { }
        }
        String binary = BINARY.get(k);
        if (binary != null) {
            need(n, ins, 2, 2);
            return substitute(binary, ins.subList(0, 2), n);
        }
        Op op = UNARY.get(k);
        if (op != null) {
            need(n, ins, 1, 1);
            return unary(op, value(n, ins.get(0)).code, "0.0f", "0.0f");
        }
        op = PARAMETRIC.get(k);
        if (op != null) {
            int arity = op == Op.LEAKY_RELU ? 2 : 3;
            need(n, ins, arity, arity);
            String x = value(n, ins.get(0)).code;
            if (op == Op.LEAKY_RELU) return unary(op, x, value(n, ins.get(1)).code, "0.0f");
            // None bounds of clamp are open
            String lo = ins.get(1).kind == Operand.Kind.NONE ? "(-INFINITY)" : value(n, ins.get(1)).code;
            String hi = ins.get(2).kind == Operand.Kind.NONE ? "INFINITY" : value(n, ins.get(2)).code;
            return unary(op, x, lo, hi);
        }
        throw new Unsupported(k);
    }

    private static void need(Node n, List<Operand> ins, int min, int max) throws Unsupported {
        if (ins.size() < min || ins.size() > max) throw new Unsupported(n.kind() + " with " + ins.size() + " arguments");
    }

    /** A numeric operand (tensor element or scalar). */
    private static Operand value(Node n, Operand o) throws Unsupported {
        if (o.kind != Operand.Kind.TENSOR && o.kind != Operand.Kind.SCALAR) throw new Unsupported("a " + o.kind.name().toLowerCase() + " operand of " + n.kind());
        return o;
    }

    private static final Pattern A_OR_B = Pattern.compile("\\b([ab])\\b");
    private static final Pattern X_P1_P2 = Pattern.compile("\\b(x|p1|p2)\\b");

    private static String substitute(String template, List<Operand> ins, Node n) throws Unsupported {
        for (Operand o : ins) value(n, o);
        return substitute(template, ins);
    }

    private static String substitute(String template, List<Operand> ins) {
        Matcher m = A_OR_B.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int k = m.group(1).charAt(0) - 'a';
            m.appendReplacement(sb, Matcher.quoteReplacement(k < ins.size() ? ins.get(k).code : "0.0f"));
        }
        m.appendTail(sb);
        return "(" + sb + ")";
    }

    /** UnaryOps' expression for op with x, p1, p2 replaced. */
    private static String unary(Op op, String x, String p1, String p2) {
        Map<String, String> values = new HashMap<>(Map.of("x", x, "p1", p1, "p2", p2));
        Matcher m = X_P1_P2.matcher(UnaryOps.expression(op));
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(values.get(m.group(1))));
        m.appendTail(sb);
        return sb.toString();
    }

    /** Where element (c0, c1, ...) of {@code full} is found in a contiguous tensor of {@code own} shape. */
    private static String offset(int[] own, int[] full) {
        if (Arrays.equals(own, full)) return "i";
        int[] strides = BinaryOps.broadcastStrides(own, full);
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < full.length; d++) {
            if (strides[d] == 0) continue;
            if (sb.length() > 0) sb.append(" + ");
            sb.append('c').append(d);
            if (strides[d] != 1) sb.append(" * ").append(strides[d]);
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    /** The condition under which a work item writes an output of a smaller shape: index 0 along its broadcast dims. */
    private static String writeGuard(int[] own, int[] full) {
        List<String> zero = new ArrayList<>();
        int lead = full.length - own.length;
        for (int d = 0; d < full.length; d++) {
            boolean broadcast = d < lead ? full[d] != 1 : own[d - lead] == 1 && full[d] != 1;
            if (broadcast) zero.add("c" + d + " == 0");
        }
        return String.join(" && ", zero);
    }

    /** The broadcast of the shapes, null for none; shapes that do not broadcast are Unsupported (the CPU path reports them). */
    private static int[] broadcast(List<int[]> shapes) throws Unsupported {
        if (shapes.isEmpty()) return null;
        int[] out = shapes.get(0);
        try {
            for (int[] s : shapes) out = Strided.broadcastShapes(out, s);
        } catch (RuntimeException e) {
            throw new Unsupported("shapes that do not broadcast");
        }
        return out;
    }
}
