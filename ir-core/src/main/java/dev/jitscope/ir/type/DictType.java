package dev.jitscope.ir.type;

public final class DictType extends JitType {
    private final JitType key, value;
    public DictType(JitType key, JitType value) { this.key = key; this.value = value; }
    public static DictType of(JitType key, JitType value) { return new DictType(key, value); }
    public JitType key() { return key; }
    public JitType value() { return value; }
    @Override public String str() { return "Dict(" + key.str() + ", " + value.str() + ")"; }
    @Override public String annotation() { return "Dict[" + key.annotation() + ", " + value.annotation() + "]"; }
    @Override public boolean equals(Object o) { return o instanceof DictType d && d.key.equals(key) && d.value.equals(value); }
    @Override public int hashCode() { return 41 * key.hashCode() + value.hashCode(); }
}
