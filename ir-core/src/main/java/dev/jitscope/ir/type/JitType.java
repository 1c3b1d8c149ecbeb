package dev.jitscope.ir.type;

/**
 * TorchScript's static types. {@link #str()} is the form graphs print ({@code int[]}, {@code Tensor?},
 * {@code (Tensor, int)}, {@code Dict(str, Tensor)}); {@link #annotation()} the form code uses
 * ({@code List[int]}, {@code Optional[Tensor]}, {@code Tuple[Tensor, int]}).
 */
public abstract class JitType {
    public abstract String str();
    public String annotation() { return str(); }

    /** TorchScript subtyping: NoneType and T are subtypes of Optional[T], everything of Any, int/float of Scalar. */
    public boolean isSubtypeOf(JitType other) {
        if (this.equals(other) || other == AnyType.INSTANCE) return true;
        if (other instanceof OptionalType o) return this == NoneType.INSTANCE || isSubtypeOf(o.element());
        if (other == NumberType.INSTANCE) return this == IntType.INSTANCE || this == FloatType.INSTANCE || this == NumberType.INSTANCE;
        return false;
    }

    @Override public String toString() { return str(); }
}
