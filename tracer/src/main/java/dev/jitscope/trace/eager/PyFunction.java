package dev.jitscope.trace.eager;

import dev.jitscope.frontend.ast.Ast;

import java.util.List;

/**
 * A function or method defined in source, closed over the namespace it was defined in.
 * Parameter defaults are evaluated once, at definition time, as Python does.
 */
final class PyFunction {
    private final Ast.FunctionDef definition;
    private final Frame closure;
    private final PyClass owner;
    private final List<Object> defaults;   // one per parameter, NO_DEFAULT where none

    static final Object NO_DEFAULT = new Object();

    PyFunction(Ast.FunctionDef definition, Frame closure, PyClass owner, List<Object> defaults) {
        this.definition = definition;
        this.closure = closure;
        this.owner = owner;
        this.defaults = defaults;
    }

    Ast.FunctionDef definition() { return definition; }
    Frame closure() { return closure; }
    /** The class whose body defined this function (for super()), or null. */
    PyClass owner() { return owner; }
    List<Object> defaults() { return defaults; }
    String name() { return definition.name(); }

    @Override public String toString() { return "<function " + definition.name() + ">"; }
}
