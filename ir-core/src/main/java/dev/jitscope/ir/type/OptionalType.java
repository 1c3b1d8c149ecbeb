package dev.jitscope.ir.type;

public final class OptionalType extends JitType {
    private final JitType element;
    public OptionalType(JitType element) { this.element = element; }
    public static OptionalType of(JitType element) { return new OptionalType(element); }
    public JitType element() { return element; }
    @Override public String str() { return element.str() + "?"; }
    @Override public String annotation() { return "Optional[" + element.annotation() + "]"; }
    @Override public boolean isSubtypeOf(JitType other) {
        return super.isSubtypeOf(other) || (other instanceof OptionalType o && element.isSubtypeOf(o.element()));
    }
    @Override public boolean equals(Object o) { return o instanceof OptionalType l && l.element.equals(element); }
    @Override public int hashCode() { return 37 + element.hashCode(); }
}
