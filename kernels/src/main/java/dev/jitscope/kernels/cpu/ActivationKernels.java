package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.Tensor;

/** Pointwise activations with PyTorch's parameter defaults; dropout is the identity in eval mode. */
public final class ActivationKernels {
    private ActivationKernels() { }

    public static Tensor relu(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.RELU, x); }
    public static Tensor relu_(Tensor x) { return UnaryKernels.unaryInPlace(UnaryKernels.Op.RELU, x, 0, 0); }
    public static Tensor relu6(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.RELU6, x); }
    public static Tensor sigmoid(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.SIGMOID, x); }
    public static Tensor tanh(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.TANH, x); }
    public static Tensor silu(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.SILU, x); }
    public static Tensor mish(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.MISH, x); }
    public static Tensor hardswish(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.HARDSWISH, x); }
    public static Tensor hardsigmoid(Tensor x) { return UnaryKernels.unary(UnaryKernels.Op.HARDSIGMOID, x); }

    /** approximate is "none" (erf form) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        if (approximate.equals("none")) return UnaryKernels.unary(UnaryKernels.Op.GELU, x);
        if (approximate.equals("tanh")) return UnaryKernels.unary(UnaryKernels.Op.GELU_TANH, x);
        throw new JitScopeException("approximate argument must be either none or tanh.");
    }

    public static Tensor hardtanh(Tensor x, double min, double max) { return UnaryKernels.unary(UnaryKernels.Op.HARDTANH, x, min, max); }
    public static Tensor leakyRelu(Tensor x, double slope) { return UnaryKernels.unary(UnaryKernels.Op.LEAKY_RELU, x, slope, 0); }
    public static Tensor elu(Tensor x, double alpha) { return UnaryKernels.unary(UnaryKernels.Op.ELU, x, alpha, 0); }
    public static Tensor softplus(Tensor x, double beta, double threshold) { return UnaryKernels.unary(UnaryKernels.Op.SOFTPLUS, x, beta, threshold); }

    public static Tensor clamp(Tensor x, Double min, Double max) {
        return UnaryKernels.unary(UnaryKernels.Op.CLAMP, x, min == null ? Double.NEGATIVE_INFINITY : min, max == null ? Double.POSITIVE_INFINITY : max);
    }

    public static Tensor dropout(Tensor x, double p, boolean train) {
        if (p < 0 || p > 1) throw new JitScopeException("dropout probability has to be between 0 and 1, but got " + p);
        if (!train || p == 0) return x;
        throw new JitScopeException("dropout in training mode is not supported (JitScope runs models in eval mode)");
    }
}
