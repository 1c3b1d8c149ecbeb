package dev.jitscope.ir.type;

import java.util.List;

/**
 * A type that appears in PyTorch's operator schemas but that JitScope does not model
 * ({@code complex}, {@code Storage}, {@code Stream}, {@code QScheme}, {@code Future(t)},
 * {@code RRef(t)}, {@code AnyEnumType}...): kept by name so schemas print back unchanged.
 */
public final class OpaqueType extends JitType {
    private final String name;
    private final List<JitType> parameters;

    private OpaqueType(String name, List<JitType> parameters) { this.name = name; this.parameters = List.copyOf(parameters); }

    public static OpaqueType of(String name, JitType... parameters) { return new OpaqueType(name, List.of(parameters)); }
    public static OpaqueType of(String name, List<JitType> parameters) { return new OpaqueType(name, parameters); }

    public String name() { return name; }
    public List<JitType> parameters() { return parameters; }

    @Override public String str() {
        if (parameters.isEmpty()) return name;
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) sb.append(i > 0 ? ", " : "").append(parameters.get(i).str());
        return sb.append(')').toString();
    }
    @Override public boolean equals(Object o) { return o instanceof OpaqueType t && t.name.equals(name) && t.parameters.equals(parameters); }
    @Override public int hashCode() { return name.hashCode() * 31 + parameters.hashCode(); }
}
