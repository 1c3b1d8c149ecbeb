package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;

/**
 * Binary elementwise math and comparisons with broadcasting and PyTorch's type promotion; operands
 * are Tensors or Python scalars (Long, Double, Boolean). float32 computes in float (PyTorch's exact
 * results for + - * /), float64 in double, integers and bool in long.
 */
public final class ElementwiseKernels {
    private ElementwiseKernels() { }

    public enum Binary {
        ADD, SUB, MUL, DIV, FLOOR_DIVIDE, REMAINDER, POW, MAXIMUM, MINIMUM, ATAN2,
        EQ, NE, LT, LE, GT, GE, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, BITWISE_AND, BITWISE_OR, BITWISE_XOR;

        boolean isComparison() { return ordinal() >= EQ.ordinal() && ordinal() <= LOGICAL_XOR.ordinal(); }
        boolean isBitwise() { return ordinal() >= BITWISE_AND.ordinal(); }
    }

    private static final int GRAIN = 1 << 15;

    public static Tensor add(Object a, Object b, Object alpha) { return binary(Binary.ADD, a, b, alpha); }
    public static Tensor sub(Object a, Object b, Object alpha) { return binary(Binary.SUB, a, b, alpha); }
    public static Tensor mul(Object a, Object b) { return binary(Binary.MUL, a, b, null); }
    public static Tensor div(Object a, Object b) { return binary(Binary.DIV, a, b, null); }

    /** rounding_mode "trunc" / "floor" / null of aten::div.Tensor_mode. */
    public static Tensor div(Object a, Object b, String roundingMode) {
        if (roundingMode == null) return div(a, b);
        if (roundingMode.equals("floor")) return binary(Binary.FLOOR_DIVIDE, a, b, null);
        if (!roundingMode.equals("trunc")) throw new JitScopeException("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '" + roundingMode + "'");
        DType rt = TypePromotion.resultType(a, b);
        Tensor q = div(a, b);
        Tensor r = UnaryKernels.unary(UnaryKernels.Op.TRUNC, q, 0, 0);
        return rt.isFloatingPoint() ? r : Strided.materialize(r, rt, r.shape());
    }

    static int[] shapeOf(Object o) { return o instanceof Tensor t ? t.shape() : new int[0]; }

    static Tensor asTensor(Object o) {
        if (o instanceof Tensor t) return t;
        if (o instanceof Boolean b) return Tensor.contiguous(Storage.wrap(DType.BOOL, new byte[]{(byte) (b ? 1 : 0)}));
        if (o instanceof Double || o instanceof Float) return Tensor.contiguous(Storage.wrap(new double[]{((Number) o).doubleValue()}));
        if (o instanceof Number n) return Tensor.contiguous(Storage.wrap(new long[]{n.longValue()}));
        throw new JitScopeException("expected a Tensor or a number, got " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    public static Tensor binary(Binary op, Object a, Object b, Object alpha) {
        DType common = TypePromotion.resultType(a, b);
        if (alpha != null && !(alpha instanceof Long l && l == 1) && (op == Binary.ADD || op == Binary.SUB)) {
            if (alpha instanceof Double && !common.isFloatingPoint())
                throw new JitScopeException("For integral input tensors, argument alpha must not be a floating point number.");
            // NB: a scalar times alpha stays a scalar, so it keeps a scalar's low priority in promotion.
            if (b instanceof Tensor) b = binary(Binary.MUL, b, alpha, null);
            else if (b instanceof Double || alpha instanceof Double) b = toDouble(b) * toDouble(alpha);
            else b = ((Number) b).longValue() * ((Number) alpha).longValue();
        }
        int[] shape = Strided.broadcastShapes(shapeOf(a), shapeOf(b));
        if (op == Binary.SUB && common == DType.BOOL)
            throw new JitScopeException("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
        if (op.isBitwise() && common.isFloatingPoint())
            throw new JitScopeException("\"bitwise_" + op.name().substring(8).toLowerCase() + "_cpu\" not implemented for '" + common.storageName + "'");
        DType compute = op == Binary.DIV || op == Binary.ATAN2 ? TypePromotion.floatResult(common) : common;
        DType out = op.isComparison() ? DType.BOOL : compute;
        if (op.isComparison() && op.ordinal() >= Binary.LOGICAL_AND.ordinal()) compute = common;
        int n = Tensor.numel(shape);
        if (compute == DType.FLOAT32 || compute == DType.FLOAT16 || compute == DType.BFLOAT16) {
            float[] x = floatsOf(a, shape), y = floatsOf(b, shape);
            if (compute != DType.FLOAT32) {
                // NB: PyTorch casts scalar operands to the half type before computing (in float) and rounding.
                if (x.length == 1) Strided.roundToStorage(x, compute);
                if (y.length == 1) Strided.roundToStorage(y, compute);
            }
            if (out == DType.BOOL) {
                byte[] r = new byte[n];
                Parallel.forRange(n, GRAIN, (lo, hi) -> compareF(op, x, y, r, lo, hi));
                return Tensor.contiguous(Storage.wrap(DType.BOOL, r), shape);
            }
            float[] r = Buffers.floats(n);
            Parallel.forRange(n, GRAIN, (lo, hi) -> mathF(op, x, y, r, lo, hi));
            Tensor t = Strided.wrap(r, shape);
            return compute == DType.FLOAT32 ? t : Strided.materialize(t, compute, shape);
        }
        if (compute == DType.FLOAT64) {
            double[] x = doublesOf(a, shape), y = doublesOf(b, shape);
            if (out == DType.BOOL) {
                byte[] r = new byte[n];
                for (int i = 0; i < n; i++) r[i] = compare(op, x[x.length == 1 ? 0 : i], y[y.length == 1 ? 0 : i]);
                return Tensor.contiguous(Storage.wrap(DType.BOOL, r), shape);
            }
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = mathD(op, x[x.length == 1 ? 0 : i], y[y.length == 1 ? 0 : i]);
            return Strided.wrap(r, shape);
        }
        long[] x = longsOf(a, shape), y = longsOf(b, shape);
        if (out == DType.BOOL) {
            byte[] r = new byte[n];
            // NB: &, |, ^ of two bool tensors stay bool (PyTorch computes them on the 0/1 values)
            for (int i = 0; i < n; i++) {
                long xi = x[x.length == 1 ? 0 : i], yi = y[y.length == 1 ? 0 : i];
                r[i] = op.isBitwise() ? (byte) mathL(op, xi, yi) : compareL(op, xi, yi);
            }
            return Tensor.contiguous(Storage.wrap(DType.BOOL, r), shape);
        }
        long[] r = new long[n];
        try {
            for (int i = 0; i < n; i++) r[i] = mathL(op, x[x.length == 1 ? 0 : i], y[y.length == 1 ? 0 : i]);
        } catch (ArithmeticException e) {
            throw new JitScopeException("ZeroDivisionError");
        }
        if (compute == DType.BOOL) for (int i = 0; i < n; i++) r[i] = r[i] != 0 ? 1 : 0;
        return Strided.fromLongs(r, compute, shape);
    }

    /** In-place form (add_, mul_, ...): the result must be castable to self's dtype and have self's shape. */
    public static Tensor binaryInPlace(Binary op, Tensor self, Object other, Object alpha) {
        checkNoPartialOverlap(self, other);
        if (inPlaceFloat(op, self, other, alpha)) return self;
        Tensor r = binary(op, self, other, alpha);
        checkInPlace(self, r);
        Strided.copyInto(self, r);
        return self;
    }

    /** PyTorch refuses in-place ops whose dense input overlaps the dense output without coinciding with it. */
    static void checkNoPartialOverlap(Tensor self, Object other) {
        if (!(other instanceof Tensor t) || t.storage() != self.storage() || !t.isContiguous() || !self.isContiguous()) return;
        if (t.offset() == self.offset() && t.numel() == self.numel()) return;
        int a0 = self.offset(), a1 = a0 + self.numel(), b0 = t.offset(), b1 = b0 + t.numel();
        if (a0 < b1 && b0 < a1)
            throw new JitScopeException("unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
                    + "memory location. Please clone() the tensor before performing the operation.");
    }

    /**
     * Fast path for contiguous float32 self (residual adds, scaling): computes straight into self's storage.
     * NB: an operand that is a different view of self's storage falls back to the gather-then-scatter path.
     */
    private static boolean inPlaceFloat(Binary op, Tensor self, Object other, Object alpha) {
        if (self.dtype() != DType.FLOAT32 || !self.isContiguous() || alpha != null && !(alpha instanceof Long l && l == 1)) return false;
        if (op != Binary.ADD && op != Binary.SUB && op != Binary.MUL && op != Binary.DIV) return false;
        if (TypePromotion.resultType(self, other) != DType.FLOAT32) return false;
        if (other instanceof Tensor t) {
            if (t.storage() == self.storage() && !(t.offset() == self.offset() && Arrays.equals(t.strides(), self.strides()) && Arrays.equals(t.shape(), self.shape())))
                return false;
            if (!Arrays.equals(Strided.broadcastShapes(self.shape(), t.shape()), self.shape())) return false;
        }
        float[] y = floatsOf(other, self.shape()), a = self.storage().floats();
        int off = self.offset(), n = self.numel();
        boolean scalar = y.length == 1;
        int yOff = 0;   // floatsOf returns row-major data starting at 0
        float c = y[0];
        Parallel.forRange(n, GRAIN, (lo, hi) -> {
            switch (op) {
                case ADD -> { if (scalar) for (int i = lo; i < hi; i++) a[off + i] += c; else for (int i = lo; i < hi; i++) a[off + i] += y[yOff + i]; }
                case SUB -> { if (scalar) for (int i = lo; i < hi; i++) a[off + i] -= c; else for (int i = lo; i < hi; i++) a[off + i] -= y[yOff + i]; }
                case MUL -> { if (scalar) for (int i = lo; i < hi; i++) a[off + i] *= c; else for (int i = lo; i < hi; i++) a[off + i] *= y[yOff + i]; }
                default -> { if (scalar) for (int i = lo; i < hi; i++) a[off + i] /= c; else for (int i = lo; i < hi; i++) a[off + i] /= y[yOff + i]; }
            }
        });
        return true;
    }

    static void checkInPlace(Tensor self, Tensor result) {
        if (!TypePromotion.canCast(result.dtype(), self.dtype()))
            throw new JitScopeException("result type " + result.dtype().storageName + " can't be cast to the desired output type " + self.dtype().storageName);
        if (!Arrays.equals(result.shape(), self.shape()))
            throw new JitScopeException("output with shape " + Arrays.toString(self.shape()) + " doesn't match the broadcast shape " + Arrays.toString(result.shape()));
    }

    /** Operand values as floats: a one-element array for scalars and one-element tensors, else dense in shape. */
    static float[] floatsOf(Object o, int[] shape) {
        if (!(o instanceof Tensor t)) return new float[]{(float) toDouble(o)};
        if (t.numel() == 1) return new float[]{(float) t.getDouble(0)};
        if (Arrays.equals(t.shape(), shape)) return Strided.denseFloats(t);
        return Strided.floats(t, shape);
    }

    static double[] doublesOf(Object o, int[] shape) {
        if (!(o instanceof Tensor t)) return new double[]{toDouble(o)};
        if (t.numel() == 1) return new double[]{t.getDouble(0)};
        if (t.dtype() == DType.FLOAT64 && t.isContiguous() && t.offset() == 0 && Arrays.equals(t.shape(), shape) && t.storage().length() == t.numel())
            return t.storage().doubles();
        return Strided.doubles(t, shape);
    }

    static long[] longsOf(Object o, int[] shape) {
        if (!(o instanceof Tensor t)) return new long[]{o instanceof Boolean bo ? (bo ? 1 : 0) : ((Number) o).longValue()};
        if (t.numel() == 1) return new long[]{Strided.readL(t.storage(), t.offset())};
        return Strided.longs(t, shape);
    }

    static double toDouble(Object o) {
        if (o instanceof Boolean b) return b ? 1 : 0;
        return ((Number) o).doubleValue();
    }

    private static void mathF(Binary op, float[] x, float[] y, float[] r, int lo, int hi) {
        boolean xs = x.length == 1, ys = y.length == 1;
        if (!xs && !ys) {
            switch (op) {
                case ADD -> { for (int i = lo; i < hi; i++) r[i] = x[i] + y[i]; return; }
                case SUB -> { for (int i = lo; i < hi; i++) r[i] = x[i] - y[i]; return; }
                case MUL -> { for (int i = lo; i < hi; i++) r[i] = x[i] * y[i]; return; }
                case DIV -> { for (int i = lo; i < hi; i++) r[i] = x[i] / y[i]; return; }
                default -> { }
            }
        } else if (ys) {
            float c = y[0];
            switch (op) {
                case ADD -> { for (int i = lo; i < hi; i++) r[i] = x[i] + c; return; }
                case SUB -> { for (int i = lo; i < hi; i++) r[i] = x[i] - c; return; }
                case MUL -> { for (int i = lo; i < hi; i++) r[i] = x[i] * c; return; }
                case DIV -> { for (int i = lo; i < hi; i++) r[i] = x[i] / c; return; }
                default -> { }
            }
        }
        int sx = xs ? 0 : 1, sy = ys ? 0 : 1;
        for (int i = lo; i < hi; i++) r[i] = (float) mathD(op, x[i * sx], y[i * sy]);
        if (op == Binary.ADD || op == Binary.SUB || op == Binary.MUL || op == Binary.DIV || op == Binary.MAXIMUM || op == Binary.MINIMUM) {
            // NB: recomputed in float so that results round exactly as PyTorch's float kernels do.
            for (int i = lo; i < hi; i++) {
                float a = x[i * sx], b = y[i * sy];
                r[i] = switch (op) {
                    case ADD -> a + b; case SUB -> a - b; case MUL -> a * b; case DIV -> a / b;
                    case MAXIMUM -> (a != a || b != b) ? Float.NaN : Math.max(a, b);
                    default -> (a != a || b != b) ? Float.NaN : Math.min(a, b);
                };
            }
        }
    }

    private static void compareF(Binary op, float[] x, float[] y, byte[] r, int lo, int hi) {
        int sx = x.length == 1 ? 0 : 1, sy = y.length == 1 ? 0 : 1;
        for (int i = lo; i < hi; i++) r[i] = compare(op, x[i * sx], y[i * sy]);
    }

    static double mathD(Binary op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case FLOOR_DIVIDE -> {
                if (b == 0) yield a / b;
                double mod = a % b, div = (a - mod) / b;
                if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
                double fl = Math.floor(div);
                yield div == 0 ? Math.copySign(0, a / b) : (div - fl > 0.5 ? fl + 1 : fl);
            }
            case REMAINDER -> { double m = a % b; yield m != 0 && (m < 0) != (b < 0) ? m + b : m; }
            case POW -> Math.pow(a, b);
            case MAXIMUM -> (a != a || b != b) ? Double.NaN : Math.max(a, b);
            case MINIMUM -> (a != a || b != b) ? Double.NaN : Math.min(a, b);
            case ATAN2 -> Math.atan2(a, b);
            default -> throw new IllegalStateException(op.name());
        };
    }

    static byte compare(Binary op, double a, double b) {
        boolean r = switch (op) {
            case EQ -> a == b; case NE -> a != b; case LT -> a < b; case LE -> a <= b; case GT -> a > b; case GE -> a >= b;
            case LOGICAL_AND -> a != 0 && b != 0; case LOGICAL_OR -> a != 0 || b != 0; case LOGICAL_XOR -> (a != 0) != (b != 0);
            default -> throw new IllegalStateException(op.name());
        };
        return (byte) (r ? 1 : 0);
    }

    static byte compareL(Binary op, long a, long b) {
        boolean r = switch (op) {
            case EQ -> a == b; case NE -> a != b; case LT -> a < b; case LE -> a <= b; case GT -> a > b; case GE -> a >= b;
            case LOGICAL_AND -> a != 0 && b != 0; case LOGICAL_OR -> a != 0 || b != 0; case LOGICAL_XOR -> (a != 0) != (b != 0);
            default -> throw new IllegalStateException(op.name());
        };
        return (byte) (r ? 1 : 0);
    }

    static long mathL(Binary op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case FLOOR_DIVIDE -> Math.floorDiv(a, b);
            case REMAINDER -> Math.floorMod(a, b);
            case POW -> {
                if (b < 0) { if (a == 1) yield 1; if (a == -1) yield (b & 1) == 0 ? 1 : -1; throw new JitScopeException("Integers to negative integer powers are not allowed."); }
                long r = 1, base = a;
                for (long e = b; e > 0; e >>= 1) { if ((e & 1) != 0) r *= base; base *= base; }
                yield r;
            }
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case BITWISE_AND -> a & b;
            case BITWISE_OR -> a | b;
            case BITWISE_XOR -> a ^ b;
            default -> throw new IllegalStateException(op.name());
        };
    }

    /** aten::where(condition, self, other) with broadcasting and promotion of self/other. */
    public static Tensor where(Tensor cond, Object a, Object b) {
        DType dt = TypePromotion.resultType(a, b);
        int[] shape = Strided.broadcastShapes(cond.shape(), Strided.broadcastShapes(shapeOf(a), shapeOf(b)));
        Tensor x = Strided.materialize(asTensor(a), dt, shape), y = Strided.materialize(asTensor(b), dt, shape);
        long[] c = Strided.longs(cond, shape);
        Tensor out = Tensor.zeros(dt, shape);
        Object xa = x.storage().array(), ya = y.storage().array(), oa = out.storage().array();
        for (int i = 0; i < c.length; i++) System.arraycopy(c[i] != 0 ? xa : ya, i, oa, i, 1);
        return out;
    }
}
