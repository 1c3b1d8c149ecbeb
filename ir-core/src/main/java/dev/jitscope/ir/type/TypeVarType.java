package dev.jitscope.ir.type;

/**
 * A type variable of an operator schema ({@code t}, {@code t1}, {@code tVal}): matched against the
 * actual argument type when a call is resolved; prints as its name.
 */
public final class TypeVarType extends JitType {
    private final String name;

    private TypeVarType(String name) { this.name = name; }

    public static TypeVarType of(String name) { return new TypeVarType(name); }

    public String name() { return name; }

    @Override public String str() { return name; }
    @Override public boolean equals(Object o) { return o instanceof TypeVarType t && t.name.equals(name); }
    @Override public int hashCode() { return name.hashCode(); }
}
