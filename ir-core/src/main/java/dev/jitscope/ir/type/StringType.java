package dev.jitscope.ir.type;

public final class StringType extends JitType {
    public static final StringType INSTANCE = new StringType();
    private StringType() {}
    @Override public String str() { return "str"; }
    @Override public String annotation() { return "str"; }
}
