package dev.jitscope.ir.type;

public final class NumberType extends JitType {
    public static final NumberType INSTANCE = new NumberType();
    private NumberType() {}
    @Override public String str() { return "Scalar"; }
    @Override public String annotation() { return "number"; }
}
