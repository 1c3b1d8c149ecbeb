package dev.jitscope.runtime;

import dev.jitscope.kernels.cpu.UnaryKernels;

import static dev.jitscope.runtime.FusedFloatProgram.Code;

/**
 * The operators of a {@link FusedFloatProgram} on one block of floats: {@code r[ro..ro+len) = op(x[xo..], y[yo..])}.
 * One tight loop per operator and operand form, so that the JIT vectorises each; rounding as the
 * unfused float32 kernels (ElementwiseKernels, UnaryKernels) round.
 */
final class FloatBlockOps {
    private FloatBlockOps() { }

    static void binary(Code op, float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        switch (op) {
            case ADD -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] + y[yo + i]; }
            case SUB -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] - y[yo + i]; }
            case MUL -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] * y[yo + i]; }
            case DIV -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] / y[yo + i]; }
            case POW -> { for (int i = 0; i < len; i++) r[ro + i] = (float) Math.pow(x[xo + i], y[yo + i]); }
            case MAXIMUM -> { for (int i = 0; i < len; i++) r[ro + i] = max(x[xo + i], y[yo + i]); }
            case MINIMUM -> { for (int i = 0; i < len; i++) r[ro + i] = min(x[xo + i], y[yo + i]); }
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    static void binaryScalarRight(Code op, float[] x, int xo, float c, float[] r, int ro, int len) {
        switch (op) {
            case ADD -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] + c; }
            case SUB -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] - c; }
            case MUL -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] * c; }
            case DIV -> { for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] / c; }
            case POW -> { for (int i = 0; i < len; i++) r[ro + i] = (float) Math.pow(x[xo + i], c); }
            case MAXIMUM -> { for (int i = 0; i < len; i++) r[ro + i] = max(x[xo + i], c); }
            case MINIMUM -> { for (int i = 0; i < len; i++) r[ro + i] = min(x[xo + i], c); }
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    static void binaryScalarLeft(Code op, float c, float[] y, int yo, float[] r, int ro, int len) {
        switch (op) {
            case ADD -> { for (int i = 0; i < len; i++) r[ro + i] = c + y[yo + i]; }
            case SUB -> { for (int i = 0; i < len; i++) r[ro + i] = c - y[yo + i]; }
            case MUL -> { for (int i = 0; i < len; i++) r[ro + i] = c * y[yo + i]; }
            case DIV -> { for (int i = 0; i < len; i++) r[ro + i] = c / y[yo + i]; }
            case POW -> { for (int i = 0; i < len; i++) r[ro + i] = (float) Math.pow(c, y[yo + i]); }
            case MAXIMUM -> { for (int i = 0; i < len; i++) r[ro + i] = max(c, y[yo + i]); }
            case MINIMUM -> { for (int i = 0; i < len; i++) r[ro + i] = min(c, y[yo + i]); }
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    /** p1/p2: clamp bounds (infinite where open), leaky_relu's slope. */
    static void unary(Code op, UnaryKernels.Op fn, float[] x, int xo, float[] r, int ro, int len, float p1, float p2) {
        switch (op) {
            case RELU -> { for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = v > 0 || v != v ? v : 0f; } }
            case NEG -> { for (int i = 0; i < len; i++) r[ro + i] = -x[xo + i]; }
            case ABS -> { for (int i = 0; i < len; i++) r[ro + i] = Math.abs(x[xo + i]); }
            case CLAMP -> { for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = v != v ? v : Math.min(Math.max(v, p1), p2); } }
            case LEAKY_RELU -> { for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = v > 0 ? v : v * p1; } }
            case SQRT -> { for (int i = 0; i < len; i++) r[ro + i] = (float) Math.sqrt(x[xo + i]); }
            case HARDSWISH -> { for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = v * Math.min(Math.max(v + 3f, 0f), 6f) / 6f; } }
            case HARDSIGMOID -> { for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = Math.min(Math.max(v + 3f, 0f), 6f) / 6f; } }
            case UNARY -> { for (int i = 0; i < len; i++) r[ro + i] = (float) UnaryKernels.applyD(fn, x[xo + i], 0, 0); }
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    private static float max(float a, float b) { return a != a || b != b ? Float.NaN : Math.max(a, b); }

    private static float min(float a, float b) { return a != a || b != b ? Float.NaN : Math.min(a, b); }
}
