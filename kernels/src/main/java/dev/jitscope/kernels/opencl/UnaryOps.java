package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.cpu.UnaryKernels.Op;

import java.util.EnumMap;
import java.util.Map;

/** Unary math and activations on float32 device tensors (unary.cl), named as the CPU kernels' ops. */
public final class UnaryOps {
    private UnaryOps() { }

    private static final String RESOURCE = "unary.cl";
    private static final Map<Op, String> EXPRESSIONS = new EnumMap<>(Op.class);
    static {
        EXPRESSIONS.put(Op.NEG, "(-(x))");
        EXPRESSIONS.put(Op.ABS, "fabs(x)");
        // NB: comparisons written so that NaN stays NaN, as in PyTorch
        EXPRESSIONS.put(Op.RELU, "((x) < 0.0f ? 0.0f : (x))");
        EXPRESSIONS.put(Op.RELU6, "((x) < 0.0f ? 0.0f : ((x) > 6.0f ? 6.0f : (x)))");
        EXPRESSIONS.put(Op.CLAMP, "((x) < p1 ? p1 : ((x) > p2 ? p2 : (x)))");
        EXPRESSIONS.put(Op.HARDTANH, "((x) < p1 ? p1 : ((x) > p2 ? p2 : (x)))");
        EXPRESSIONS.put(Op.EXP, "exp(x)");
        EXPRESSIONS.put(Op.LOG, "log(x)");
        EXPRESSIONS.put(Op.SQRT, "sqrt(x)");
        EXPRESSIONS.put(Op.RSQRT, "rsqrt(x)");
        EXPRESSIONS.put(Op.RECIPROCAL, "(1.0f / (x))");
        EXPRESSIONS.put(Op.SIN, "sin(x)");
        EXPRESSIONS.put(Op.COS, "cos(x)");
        EXPRESSIONS.put(Op.TANH, "tanh(x)");
        EXPRESSIONS.put(Op.ERF, "erf(x)");
        EXPRESSIONS.put(Op.FLOOR, "floor(x)");
        EXPRESSIONS.put(Op.CEIL, "ceil(x)");
        EXPRESSIONS.put(Op.SIGMOID, "(1.0f / (1.0f + exp(-(x))))");
        EXPRESSIONS.put(Op.SILU, "((x) / (1.0f + exp(-(x))))");
        EXPRESSIONS.put(Op.GELU, "(0.5f * (x) * (1.0f + erf((x) * 0.70710678118654752f)))");
        EXPRESSIONS.put(Op.GELU_TANH, "(0.5f * (x) * (1.0f + tanh(0.79788456080286536f * ((x) + 0.044715f * (x) * (x) * (x)))))");
        EXPRESSIONS.put(Op.HARDSWISH, "((x) * fmin(fmax((x) + 3.0f, 0.0f), 6.0f) / 6.0f)");
        EXPRESSIONS.put(Op.HARDSIGMOID, "(fmin(fmax((x) + 3.0f, 0.0f), 6.0f) / 6.0f)");
        EXPRESSIONS.put(Op.LEAKY_RELU, "((x) > 0.0f ? (x) : (x) * p1)");
        EXPRESSIONS.put(Op.ELU, "((x) > 0.0f ? (x) : p1 * (exp(x) - 1.0f))");
        // softplus: linear above threshold (beta * x > threshold), as PyTorch does for stability
        EXPRESSIONS.put(Op.SOFTPLUS, "((x) * p1 > p2 ? (x) : log1p(exp((x) * p1)) / p1)");
        EXPRESSIONS.put(Op.MISH, "((x) * tanh(log1p(exp(x))))");
    }

    /** Every op instantiated in one program: "UNARY(relu, ...)" lines after unary.cl's macro. */
    static final String FOOTER = generateFooter();

    private static String generateFooter() {
        StringBuilder sb = new StringBuilder("\n");
        EXPRESSIONS.forEach((op, e) -> sb.append("UNARY(").append(kernelName(op)).append(", ").append(e).append(")\n"));
        return sb.toString();
    }

    // NB: prefixed, the bare names (exp, sqrt...) are OpenCL built-ins
    private static String kernelName(Op op) { return "unary_" + op.name().toLowerCase(); }

    public static boolean supports(Op op) { return EXPRESSIONS.containsKey(op); }

    /** The op's expression over x (and its parameters p1, p2), or null; fused kernels inline it. */
    static String expression(Op op) { return EXPRESSIONS.get(op); }

    public static DeviceTensor apply(OpenClContext ctx, Op op, DeviceTensor x) { return apply(ctx, op, x, 0, 0); }

    /** op(x) with the op's parameters p1/p2 as in {@link dev.jitscope.kernels.cpu.UnaryKernels#unary(Op, dev.jitscope.tensor.Tensor, double, double)}. */
    public static DeviceTensor apply(OpenClContext ctx, Op op, DeviceTensor x, double p1, double p2) {
        Launch.sameDevice(ctx, x);
        String e = EXPRESSIONS.get(op);
        if (e == null) throw new JitScopeException("no OpenCL kernel for " + op.name().toLowerCase());
        DeviceTensor out = ctx.allocate(x.shape());
        int n = out.numel();
        String name = kernelName(op);
        ctx.launch(name, ctx.kernel(RESOURCE, "", FOOTER, name),
                Launch.global(n), Launch.group(), x, out, n, (float) p1, (float) p2);
        return out;
    }
}
