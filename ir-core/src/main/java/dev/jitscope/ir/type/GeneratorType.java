package dev.jitscope.ir.type;

public final class GeneratorType extends JitType {
    public static final GeneratorType INSTANCE = new GeneratorType();
    private GeneratorType() {}
    @Override public String str() { return "Generator"; }
    @Override public String annotation() { return "Generator"; }
}
