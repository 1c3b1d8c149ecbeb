package dev.jitscope.ir.type;

import dev.jitscope.tensor.DType;
import java.util.Arrays;
import java.util.Objects;

/**
 * Tensor, optionally refined with a dtype and concrete sizes (from tracing or shape propagation).
 * The unrefined {@link #INSTANCE} prints as {@code Tensor}; a refined one as PyTorch prints it,
 * e.g. {@code Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)}.
 */
public final class TensorType extends JitType {
    public static final TensorType INSTANCE = new TensorType(null, null, null);
    private final DType dtype;     // null = unknown
    private final int[] sizes;     // null = unknown rank
    private final int[] strides;   // null = unknown
    private final boolean requiresGrad;

    private TensorType(DType dtype, int[] sizes, int[] strides) { this(dtype, sizes, strides, false); }

    private TensorType(DType dtype, int[] sizes, int[] strides, boolean requiresGrad) {
        this.dtype = dtype; this.sizes = sizes; this.strides = strides; this.requiresGrad = requiresGrad;
    }

    /** A refined type of a tensor that requires grad (traced parameters and what is computed from them). */
    public static TensorType of(DType dtype, int[] sizes, int[] strides, boolean requiresGrad) {
        if (!requiresGrad) return of(dtype, sizes, strides);
        return new TensorType(dtype, sizes == null ? null : sizes.clone(), strides == null ? null : strides.clone(), true);
    }

    public boolean requiresGrad() { return requiresGrad; }

    public static TensorType of(DType dtype, int[] sizes, int[] strides) {
        if (dtype == null && sizes == null) return INSTANCE;
        return new TensorType(dtype, sizes == null ? null : sizes.clone(), strides == null ? null : strides.clone());
    }

    public DType dtype() { return dtype; }
    public int[] sizes() { return sizes == null ? null : sizes.clone(); }
    public int[] strides() { return strides == null ? null : strides.clone(); }
    public boolean isRefined() { return dtype != null || sizes != null; }

    @Override public String str() {
        if (!isRefined()) return "Tensor";
        StringBuilder sb = new StringBuilder(dtype == null ? "Tensor" : dtype.storageName);
        sb.append('(');
        if (sizes != null) {
            for (int i = 0; i < sizes.length; i++) sb.append(i > 0 ? ", " : "").append(sizes[i]);
            // PyTorch shows strides only for tensors of rank > 0: a scalar prints as Long(requires_grad=0, device=cpu)
            boolean showStrides = strides != null && sizes.length > 0;
            if (showStrides) sb.append(", strides=").append(Arrays.toString(strides));
            sb.append(sizes.length > 0 ? ", " : "").append("requires_grad=").append(requiresGrad ? 1 : 0).append(", device=cpu");
        }
        return sb.append(')').toString();
    }
    @Override public String annotation() { return "Tensor"; }

    /** Refinements do not change the static type: every TensorType is a subtype of every other. */
    @Override public boolean isSubtypeOf(JitType other) {
        return other instanceof TensorType || super.isSubtypeOf(other);
    }
    @Override public boolean equals(Object o) {
        return o instanceof TensorType t && Objects.equals(dtype, t.dtype) && Arrays.equals(sizes, t.sizes) && Arrays.equals(strides, t.strides) && requiresGrad == t.requiresGrad;
    }
    @Override public int hashCode() { return Objects.hash(dtype, Arrays.hashCode(sizes)); }
}
