package dev.jitscope.ir.type;

import java.util.List;
import java.util.stream.Collectors;

public final class TupleType extends JitType {
    private final List<JitType> elements;
    public TupleType(List<JitType> elements) { this.elements = List.copyOf(elements); }
    public static TupleType of(JitType... elements) { return new TupleType(List.of(elements)); }
    public List<JitType> elements() { return elements; }
    @Override public String str() { return "(" + elements.stream().map(JitType::str).collect(Collectors.joining(", ")) + ")"; }
    @Override public String annotation() {
        return elements.isEmpty() ? "Tuple[()]" : "Tuple[" + elements.stream().map(JitType::annotation).collect(Collectors.joining(", ")) + "]";
    }
    @Override public boolean isSubtypeOf(JitType other) {
        if (super.isSubtypeOf(other)) return true;
        if (!(other instanceof TupleType t) || t.elements.size() != elements.size()) return false;
        for (int i = 0; i < elements.size(); i++) if (!elements.get(i).isSubtypeOf(t.elements.get(i))) return false;
        return true;
    }
    @Override public boolean equals(Object o) { return o instanceof TupleType t && t.elements.equals(elements); }
    @Override public int hashCode() { return elements.hashCode(); }
}
