package dev.jitscope.ir.type;

public final class BoolType extends JitType {
    public static final BoolType INSTANCE = new BoolType();
    private BoolType() {}
    @Override public String str() { return "bool"; }
    @Override public String annotation() { return "bool"; }
}
