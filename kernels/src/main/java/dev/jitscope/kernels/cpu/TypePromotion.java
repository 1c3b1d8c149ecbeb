package dev.jitscope.kernels.cpu;

import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

/**
 * PyTorch's type promotion: dtypes promote along bool < integers < floats, and operands take part
 * by priority: tensors with dimensions, then 0-d tensors, then Python scalars. A lower-priority
 * operand only changes the result when it is of a higher category (int tensor + 2.5 → float32,
 * float32 tensor + float64 0-d tensor → float32).
 */
public final class TypePromotion {
    private TypePromotion() { }

    public static DType promote(DType a, DType b) {
        if (a == null) return b;
        if (b == null || a == b) return a;
        if (a.isFloatingPoint() || b.isFloatingPoint()) {
            if (!b.isFloatingPoint()) return a;
            if (!a.isFloatingPoint()) return b;
            if ((a == DType.FLOAT16 && b == DType.BFLOAT16) || (a == DType.BFLOAT16 && b == DType.FLOAT16)) return DType.FLOAT32;
            return a.itemSize >= b.itemSize ? a : b;
        }
        if (a == DType.BOOL) return b;
        if (b == DType.BOOL) return a;
        if (a == DType.UINT8 || b == DType.UINT8) {
            DType other = a == DType.UINT8 ? b : a;
            return other == DType.INT8 ? DType.INT16 : other;
        }
        return a.itemSize >= b.itemSize ? a : b;
    }

    /** dtype a Python scalar takes when it wins promotion (float scalars become the default dtype float32). */
    public static DType scalarType(Object scalar) {
        if (scalar instanceof Boolean) return DType.BOOL;
        if (scalar instanceof Double || scalar instanceof Float) return DType.FLOAT32;
        return DType.INT64;
    }

    /** Result dtype of an operation over tensors and scalars (Long, Double, Boolean). */
    public static DType resultType(Object... operands) {
        DType dim = null, zero = null, wrapped = null;
        for (Object o : operands) {
            if (o instanceof Tensor t) {
                if (t.dim() > 0) dim = promote(dim, t.dtype()); else zero = promote(zero, t.dtype());
            } else if (o != null) {
                wrapped = promote(wrapped, scalarType(o));
            }
        }
        return combine(dim, combine(zero, wrapped));
    }

    private static DType combine(DType higher, DType lower) {
        if (higher == null) return lower;
        if (lower == null) return higher;
        if (higher.isFloatingPoint()) return higher;
        if (higher == DType.BOOL || lower.isFloatingPoint()) return promote(higher, lower);
        return higher;
    }

    /** Whether a computed result may be written into a tensor of type {@code to} in place (PyTorch's canCast). */
    public static boolean canCast(DType from, DType to) {
        if (from.isFloatingPoint() && !to.isFloatingPoint()) return false;
        return !(from != DType.BOOL && to == DType.BOOL);
    }

    /** The dtype ops like sqrt/exp compute in: integers and bool become float32. */
    public static DType floatResult(DType d) { return d.isFloatingPoint() ? d : DType.FLOAT32; }
}
