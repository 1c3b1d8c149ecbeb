package dev.jitscope.ir.type;

public final class ListType extends JitType {
    private final JitType element;
    public ListType(JitType element) { this.element = element; }
    public static ListType of(JitType element) { return new ListType(element); }
    public JitType element() { return element; }
    @Override public String str() { return element.str() + "[]"; }
    @Override public String annotation() { return "List[" + element.annotation() + "]"; }
    @Override public boolean equals(Object o) { return o instanceof ListType l && l.element.equals(element); }
    @Override public int hashCode() { return 31 + element.hashCode(); }
}
