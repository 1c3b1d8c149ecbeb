package dev.jitscope.trace.eager;

import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.ir.Source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A class defined in source (the user's file or an nn library resource), as the eager interpreter
 * built it by running the class body.
 */
public final class PyClass {
    private final String name;
    private final String qualifiedName;
    private final Source source;
    private final Ast.ClassDef definition;
    private final PyClass base;
    private final boolean module;
    final Map<String, PyFunction> methods = new LinkedHashMap<>();
    final Map<String, Object> classAttributes = new LinkedHashMap<>();
    final Set<String> constants = new LinkedHashSet<>();
    final Set<String> ignored = new LinkedHashSet<>();
    final Set<String> exported = new LinkedHashSet<>();
    final Map<String, Ast.Expr> annotations = new LinkedHashMap<>();

    PyClass(String name, String qualifiedName, Source source, Ast.ClassDef definition, PyClass base, boolean module) {
        this.name = name;
        this.qualifiedName = qualifiedName;
        this.source = source;
        this.definition = definition;
        this.base = base;
        this.module = module;
    }

    public String name() { return name; }

    /** "__torch__.MyCell", "__torch__.torch.nn.modules.linear.Linear". */
    public String qualifiedName() { return qualifiedName; }

    public Source source() { return source; }

    public Ast.ClassDef definition() { return definition; }

    /** The source-defined base class, or null when the base is nn.Module or object. */
    public PyClass base() { return base; }

    /** Derives from nn.Module. */
    public boolean isModule() { return module; }

    /** __constants__ entries and Final[...] annotated names, this class's and its bases'. */
    public Set<String> constants() {
        Set<String> all = new LinkedHashSet<>();
        if (base != null) all.addAll(base.constants());
        all.addAll(constants);
        return Collections.unmodifiableSet(all);
    }

    /** Methods decorated @torch.jit.ignore or @torch.jit.unused (this class and its bases). */
    public Set<String> ignoredMethods() {
        Set<String> all = new LinkedHashSet<>();
        if (base != null) all.addAll(base.ignoredMethods());
        all.addAll(ignored);
        return Collections.unmodifiableSet(all);
    }

    /** Methods decorated @torch.jit.export (this class and its bases). */
    public Set<String> exportedMethods() {
        Set<String> all = new LinkedHashSet<>();
        if (base != null) all.addAll(base.exportedMethods());
        all.addAll(exported);
        return Collections.unmodifiableSet(all);
    }

    /** Class-level annotations (`x: Final[int]`, `weight: Tensor`) by name, bases first. */
    public Map<String, Ast.Expr> annotations() {
        Map<String, Ast.Expr> all = new LinkedHashMap<>();
        if (base != null) all.putAll(base.annotations());
        all.putAll(annotations);
        return Collections.unmodifiableMap(all);
    }

    /** The method as found through the base chain, or null. */
    public Ast.FunctionDef methodDefinition(String methodName) {
        PyFunction f = findMethod(methodName);
        return f == null ? null : f.definition();
    }

    PyFunction findMethod(String methodName) {
        for (PyClass c = this; c != null; c = c.base) {
            PyFunction f = c.methods.get(methodName);
            if (f != null) return f;
        }
        return null;
    }

    /** A class attribute (class body assignment) through the base chain; {@link #MISSING} if none. */
    Object findClassAttribute(String attr) {
        for (PyClass c = this; c != null; c = c.base)
            if (c.classAttributes.containsKey(attr)) return c.classAttributes.get(attr);
        return MISSING;
    }

    boolean isSubclassOf(PyClass other) {
        for (PyClass c = this; c != null; c = c.base) if (c == other) return true;
        return false;
    }

    static final Object MISSING = new Object();

    @Override public String toString() { return "<class '" + qualifiedName + "'>"; }
}
