package dev.jitscope.ir.type;

import dev.jitscope.ir.Function;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TorchScript class, usually a module: {@code __torch__.MyCell}. Holds attribute slots in
 * declaration order (with which are parameters/buffers/submodules), constants ({@code Final}s and
 * {@code __constants__}) and compiled methods.
 */
public final class ClassType extends JitType {
    public enum AttributeKind { PLAIN, PARAMETER, BUFFER }
    public record Attribute(String name, JitType type, AttributeKind kind) {}

    private final String qualifiedName;
    private final boolean isModule;
    private final List<Attribute> attributes = new ArrayList<>();
    private final Map<String, Object> constants = new LinkedHashMap<>();
    private final Map<String, Function> methods = new LinkedHashMap<>();

    public ClassType(String qualifiedName, boolean isModule) { this.qualifiedName = qualifiedName; this.isModule = isModule; }

    public String qualifiedName() { return qualifiedName; }
    /** Last component of the qualified name. */
    public String simpleName() { return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1); }
    public boolean isModule() { return isModule; }

    public void addAttribute(String name, JitType type, AttributeKind kind) {
        if (findAttribute(name) >= 0) throw new IllegalArgumentException("attribute " + name + " already defined on " + qualifiedName);
        attributes.add(new Attribute(name, type, kind));
    }
    public List<Attribute> attributes() { return Collections.unmodifiableList(attributes); }
    public int findAttribute(String name) {
        for (int i = 0; i < attributes.size(); i++) if (attributes.get(i).name().equals(name)) return i;
        return -1;
    }
    public Attribute attribute(String name) { int i = findAttribute(name); return i < 0 ? null : attributes.get(i); }

    public Map<String, Object> constants() { return constants; }
    public void addMethod(Function f) { methods.put(f.name(), f); }
    public Function method(String name) { return methods.get(name); }
    public Map<String, Function> methods() { return Collections.unmodifiableMap(methods); }

    @Override public String str() { return qualifiedName; }
    // NB: identity equality on purpose: two compilations of the same name are different types.
}
