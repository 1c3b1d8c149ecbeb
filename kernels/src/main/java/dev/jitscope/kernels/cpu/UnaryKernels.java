package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

/**
 * Unary elementwise math (exp, sqrt, floor, ...) and the pointwise activations built on it. Float ops
 * on integer tensors compute in float32 as PyTorch does; sign-like ops keep the dtype.
 */
public final class UnaryKernels {
    private UnaryKernels() { }

    public enum Op {
        // keep the input dtype
        NEG(false), ABS(false), RELU(false), FLOOR(false), CEIL(false), ROUND(false), TRUNC(false), SIGN(false),
        CLAMP(false), LOGICAL_NOT(false), BITWISE_NOT(false),
        // floating results
        EXP(true), LOG(true), LOG2(true), LOG10(true), LOG1P(true), EXPM1(true), SQRT(true), RSQRT(true), RECIPROCAL(true),
        SIN(true), COS(true), TAN(true), ASIN(true), ACOS(true), ATAN(true), SINH(true), COSH(true), TANH(true),
        SIGMOID(true), ERF(true), GELU(true), GELU_TANH(true), SILU(true), MISH(true), HARDSWISH(true), HARDSIGMOID(true),
        HARDTANH(true), LEAKY_RELU(true), ELU(true), SOFTPLUS(true), RELU6(true);

        final boolean floating;
        Op(boolean floating) { this.floating = floating; }
    }

    private static final int GRAIN = 1 << 14;

    /** Applies op; p1/p2 are the op's parameters (clamp min/max, leaky slope, elu alpha, hardtanh bounds, softplus beta/threshold). */
    public static Tensor unary(Op op, Tensor x, double p1, double p2) {
        DType in = x.dtype();
        if (op == Op.LOGICAL_NOT) {
            long[] v = Strided.longs(in.isFloatingPoint() ? ElementwiseKernels.binary(ElementwiseKernels.Binary.NE, x, 0L, null) : x, x.shape());
            byte[] r = new byte[v.length];
            for (int i = 0; i < v.length; i++) r[i] = (byte) (v[i] == 0 ? 1 : 0);
            return Tensor.contiguous(dev.jitscope.tensor.Storage.wrap(DType.BOOL, r), x.shape().clone());
        }
        DType out = op.floating ? TypePromotion.floatResult(in) : in;
        int n = x.numel();
        int[] shape = x.shape().clone();
        if (out == DType.FLOAT32 || out == DType.FLOAT16 || out == DType.BFLOAT16) {
            float[] a = Strided.denseFloats(x);
            float[] r = new float[n];
            Parallel.forRange(n, GRAIN, (lo, hi) -> applyF(op, a, r, lo, hi, (float) p1, (float) p2));
            Tensor t = Strided.wrap(r, shape);
            return out == DType.FLOAT32 ? t : Strided.materialize(t, out, shape);
        }
        if (out == DType.FLOAT64) {
            double[] a = Strided.doubles(x, shape), r = new double[n];
            for (int i = 0; i < n; i++) r[i] = applyD(op, a[i], p1, p2);
            return Strided.wrap(r, shape);
        }
        long[] a = Strided.longs(x, shape), r = new long[n];
        for (int i = 0; i < n; i++) {
            long v = a[i];
            r[i] = switch (op) {
                case NEG -> { if (in == DType.BOOL) throw new JitScopeException("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."); yield -v; }
                case ABS -> Math.abs(v);
                case RELU -> Math.max(v, 0);
                case SIGN -> Long.signum(v);
                case CLAMP -> (long) Math.min(Math.max((double) v, p1), p2);
                case BITWISE_NOT -> in == DType.BOOL ? (v == 0 ? 1 : 0) : ~v;
                default -> v;   // floor/ceil/round/trunc of integers
            };
        }
        return Strided.fromLongs(r, out, shape);
    }

    public static Tensor unary(Op op, Tensor x) { return unary(op, x, 0, 0); }

    /** In-place variant: writes op(self) back into self's (possibly strided) elements. */
    public static Tensor unaryInPlace(Op op, Tensor self, double p1, double p2) {
        if (self.dtype() == DType.FLOAT32 && self.isContiguous()) {
            float[] a = self.storage().floats();
            int off = self.offset(), n = self.numel();
            float f1 = (float) p1, f2 = (float) p2;
            Parallel.forRange(n, GRAIN, (lo, hi) -> applyF(op, a, a, lo + off, hi + off, f1, f2));
            return self;
        }
        Tensor r = unary(op, self, p1, p2);
        ElementwiseKernels.checkInPlace(self, r);
        Strided.copyInto(self, r);
        return self;
    }

    private static void applyF(Op op, float[] a, float[] r, int lo, int hi, float p1, float p2) {
        switch (op) {
            case RELU -> { for (int i = lo; i < hi; i++) { float v = a[i]; r[i] = v > 0 || v != v ? v : 0f; } }
            case NEG -> { for (int i = lo; i < hi; i++) r[i] = -a[i]; }
            case ABS -> { for (int i = lo; i < hi; i++) r[i] = Math.abs(a[i]); }
            case CLAMP -> { for (int i = lo; i < hi; i++) { float v = a[i]; r[i] = v != v ? v : Math.min(Math.max(v, p1), p2); } }
            case HARDTANH -> { for (int i = lo; i < hi; i++) { float v = a[i]; r[i] = v != v ? v : Math.min(Math.max(v, p1), p2); } }
            case RELU6 -> { for (int i = lo; i < hi; i++) { float v = a[i]; r[i] = v != v ? v : Math.min(Math.max(v, 0f), 6f); } }
            case SQRT -> { for (int i = lo; i < hi; i++) r[i] = (float) Math.sqrt(a[i]); }
            case HARDSWISH -> { for (int i = lo; i < hi; i++) { float v = a[i]; r[i] = v * Math.min(Math.max(v + 3f, 0f), 6f) / 6f; } }
            case HARDSIGMOID -> { for (int i = lo; i < hi; i++) { float v = a[i]; r[i] = Math.min(Math.max(v + 3f, 0f), 6f) / 6f; } }
            case LEAKY_RELU -> { for (int i = lo; i < hi; i++) { float v = a[i]; r[i] = v > 0 ? v : v * p1; } }
            default -> { for (int i = lo; i < hi; i++) r[i] = (float) applyD(op, a[i], p1, p2); }
        }
    }

    public static double applyD(Op op, double v, double p1, double p2) {
        return switch (op) {
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case RELU -> v > 0 || v != v ? v : 0;
            case FLOOR -> Math.floor(v);
            case CEIL -> Math.ceil(v);
            case ROUND -> Math.rint(v);
            case TRUNC -> v < 0 ? Math.ceil(v) : Math.floor(v);
            case SIGN -> Math.signum(v);
            case CLAMP, HARDTANH -> v != v ? v : Math.min(Math.max(v, p1), p2);
            case RELU6 -> v != v ? v : Math.min(Math.max(v, 0), 6);
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case LOG2 -> Math.log(v) / Math.log(2);
            case LOG10 -> Math.log10(v);
            case LOG1P -> Math.log1p(v);
            case EXPM1 -> Math.expm1(v);
            case SQRT -> Math.sqrt(v);
            case RSQRT -> 1 / Math.sqrt(v);
            case RECIPROCAL -> 1 / v;
            case SIN -> Math.sin(v);
            case COS -> Math.cos(v);
            case TAN -> Math.tan(v);
            case ASIN -> Math.asin(v);
            case ACOS -> Math.acos(v);
            case ATAN -> Math.atan(v);
            case SINH -> Math.sinh(v);
            case COSH -> Math.cosh(v);
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case ERF -> erf(v);
            case GELU -> 0.5 * v * erfc(-v * 0.7071067811865476);
            case GELU_TANH -> 0.5 * v * (1 + Math.tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)));
            case SILU -> v / (1 + Math.exp(-v));
            case MISH -> v * Math.tanh(softplus(v, 1, 20));
            case HARDSWISH -> v * Math.min(Math.max(v + 3, 0), 6) / 6;
            case HARDSIGMOID -> Math.min(Math.max(v + 3, 0), 6) / 6;
            case LEAKY_RELU -> v > 0 ? v : v * p1;
            case ELU -> v > 0 ? v : p1 * Math.expm1(v);
            case SOFTPLUS -> softplus(v, p1, p2);
            case LOGICAL_NOT, BITWISE_NOT -> throw new JitScopeException(op.name().toLowerCase() + " is not defined on floating point tensors");
        };
    }

    private static double softplus(double v, double beta, double threshold) {
        return v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta;
    }

    public static double erf(double x) { return x >= 0 ? 1 - erfc(x) : erfc(-x) - 1; }

    /** Complementary error function, relative error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes §6.2). */
    public static double erfc(double x) {
        double z = Math.abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
