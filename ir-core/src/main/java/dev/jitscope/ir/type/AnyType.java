package dev.jitscope.ir.type;

public final class AnyType extends JitType {
    public static final AnyType INSTANCE = new AnyType();
    private AnyType() {}
    @Override public String str() { return "Any"; }
    @Override public String annotation() { return "Any"; }
}
