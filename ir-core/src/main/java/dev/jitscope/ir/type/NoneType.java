package dev.jitscope.ir.type;

public final class NoneType extends JitType {
    public static final NoneType INSTANCE = new NoneType();
    private NoneType() {}
    @Override public String str() { return "NoneType"; }
    @Override public String annotation() { return "NoneType"; }
}
