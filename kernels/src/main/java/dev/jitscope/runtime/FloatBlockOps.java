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
            case ADD -> add(x, xo, y, yo, r, ro, len);
            case SUB -> sub(x, xo, y, yo, r, ro, len);
            case MUL -> mul(x, xo, y, yo, r, ro, len);
            case DIV -> div(x, xo, y, yo, r, ro, len);
            case POW -> pow(x, xo, y, yo, r, ro, len);
            case MAXIMUM -> maximum(x, xo, y, yo, r, ro, len);
            case MINIMUM -> minimum(x, xo, y, yo, r, ro, len);
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    static void binaryScalarRight(Code op, float[] x, int xo, float c, float[] r, int ro, int len) {
        switch (op) {
            case ADD -> addScalar(x, xo, c, r, ro, len);
            case SUB -> subScalar(x, xo, c, r, ro, len);
            case MUL -> mulScalar(x, xo, c, r, ro, len);
            case DIV -> divScalar(x, xo, c, r, ro, len);
            case POW -> powScalar(x, xo, c, r, ro, len);
            case MAXIMUM -> maximumScalar(x, xo, c, r, ro, len);
            case MINIMUM -> minimumScalar(x, xo, c, r, ro, len);
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    static void binaryScalarLeft(Code op, float c, float[] y, int yo, float[] r, int ro, int len) {
        switch (op) {
            case ADD -> addScalarBy(c, y, yo, r, ro, len);
            case SUB -> subScalarBy(c, y, yo, r, ro, len);
            case MUL -> mulScalarBy(c, y, yo, r, ro, len);
            case DIV -> divScalarBy(c, y, yo, r, ro, len);
            case POW -> powScalarBy(c, y, yo, r, ro, len);
            case MAXIMUM -> maximumScalarBy(c, y, yo, r, ro, len);
            case MINIMUM -> minimumScalarBy(c, y, yo, r, ro, len);
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    /** p1/p2: clamp bounds (infinite where open), leaky_relu's slope. */
    static void unary(Code op, UnaryKernels.Op fn, float[] x, int xo, float[] r, int ro, int len, float p1, float p2) {
        switch (op) {
            case RELU -> relu(x, xo, r, ro, len);
            case NEG -> neg(x, xo, r, ro, len);
            case ABS -> abs(x, xo, r, ro, len);
            case CLAMP -> clamp(x, xo, r, ro, len, p1, p2);
            case LEAKY_RELU -> leakyRelu(x, xo, r, ro, len, p1);
            case SQRT -> sqrt(x, xo, r, ro, len);
            case HARDSWISH -> hardswish(x, xo, r, ro, len);
            case HARDSIGMOID -> hardsigmoid(x, xo, r, ro, len);
            case UNARY -> transcendental(fn, x, xo, r, ro, len, p1, p2);
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    private static float max(float a, float b) { return a != a || b != b ? Float.NaN : Math.max(a, b); }

    private static float min(float a, float b) { return a != a || b != b ? Float.NaN : Math.min(a, b); }

    // NB: one small method per loop: inside one big switch method the JIT left the loops ~10x slower (not vectorised).
    private static void add(float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] + y[yo + i];
    }

    private static void sub(float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] - y[yo + i];
    }

    private static void mul(float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] * y[yo + i];
    }

    private static void div(float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] / y[yo + i];
    }

    private static void pow(float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = (float) Math.pow(x[xo + i], y[yo + i]);
    }

    private static void maximum(float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = max(x[xo + i], y[yo + i]);
    }

    private static void minimum(float[] x, int xo, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = min(x[xo + i], y[yo + i]);
    }

    private static void addScalar(float[] x, int xo, float c, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] + c;
    }

    private static void subScalar(float[] x, int xo, float c, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] - c;
    }

    private static void mulScalar(float[] x, int xo, float c, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] * c;
    }

    private static void divScalar(float[] x, int xo, float c, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = x[xo + i] / c;
    }

    private static void powScalar(float[] x, int xo, float c, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = (float) Math.pow(x[xo + i], c);
    }

    private static void maximumScalar(float[] x, int xo, float c, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = max(x[xo + i], c);
    }

    private static void minimumScalar(float[] x, int xo, float c, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = min(x[xo + i], c);
    }

    private static void addScalarBy(float c, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = c + y[yo + i];
    }

    private static void subScalarBy(float c, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = c - y[yo + i];
    }

    private static void mulScalarBy(float c, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = c * y[yo + i];
    }

    private static void divScalarBy(float c, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = c / y[yo + i];
    }

    private static void powScalarBy(float c, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = (float) Math.pow(c, y[yo + i]);
    }

    private static void maximumScalarBy(float c, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = max(c, y[yo + i]);
    }

    private static void minimumScalarBy(float c, float[] y, int yo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = min(c, y[yo + i]);
    }

    private static void relu(float[] x, int xo, float[] r, int ro, int len) {
        // Math.max keeps NaN, as PyTorch's relu does, and C2 vectorises it where a conditional stays scalar
        for (int i = 0; i < len; i++) r[ro + i] = Math.max(x[xo + i], 0f);
    }

    private static void neg(float[] x, int xo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = -x[xo + i];
    }

    private static void abs(float[] x, int xo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = Math.abs(x[xo + i]);
    }

    private static void clamp(float[] x, int xo, float[] r, int ro, int len, float p1, float p2) {
        for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = v != v ? v : Math.min(Math.max(v, p1), p2); }
    }

    private static void leakyRelu(float[] x, int xo, float[] r, int ro, int len, float p1) {
        for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = v > 0 ? v : v * p1; }
    }

    private static void sqrt(float[] x, int xo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) r[ro + i] = (float) Math.sqrt(x[xo + i]);
    }

    private static void hardswish(float[] x, int xo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = v * Math.min(Math.max(v + 3f, 0f), 6f) / 6f; }
    }

    private static void hardsigmoid(float[] x, int xo, float[] r, int ro, int len) {
        for (int i = 0; i < len; i++) { float v = x[xo + i]; r[ro + i] = Math.min(Math.max(v + 3f, 0f), 6f) / 6f; }
    }

    private static void transcendental(UnaryKernels.Op fn, float[] x, int xo, float[] r, int ro, int len, float p1, float p2) {
        for (int i = 0; i < len; i++) r[ro + i] = (float) UnaryKernels.applyD(fn, x[xo + i], 0, 0);
    }
}
