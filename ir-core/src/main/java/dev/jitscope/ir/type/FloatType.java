package dev.jitscope.ir.type;

public final class FloatType extends JitType {
    public static final FloatType INSTANCE = new FloatType();
    private FloatType() {}
    @Override public String str() { return "float"; }
    @Override public String annotation() { return "float"; }
}
