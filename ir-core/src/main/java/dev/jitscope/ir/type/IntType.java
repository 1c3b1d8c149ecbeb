package dev.jitscope.ir.type;

public final class IntType extends JitType {
    public static final IntType INSTANCE = new IntType();
    private IntType() {}
    @Override public String str() { return "int"; }
    @Override public String annotation() { return "int"; }
}
