package dev.jitscope.frontend.emit;

import dev.jitscope.ir.type.ClassType;

/**
 * Answers what a qualified global name denotes: a class, a free function, a constant (archive
 * {@code CONSTANTS.c0}), or nothing (then it is treated as a namespace). The source importer and
 * the script compiler each provide one.
 */
public interface GlobalResolver {

    /** Returns a ClassRef, FunctionRef, or null when {@code qualifiedName} is not a script entity. */
    Sugar resolve(String qualifiedName);

    /** The value of a named constant ({@code CONSTANTS.c0}), or {@link #NO_CONSTANT}. */
    default Object constant(String qualifiedName) { return NO_CONSTANT; }

    /** Resolves a class by qualified name for type annotations, or null. */
    default ClassType classType(String qualifiedName) {
        return resolve(qualifiedName) instanceof Sugar.ClassRef c ? c.type() : null;
    }

    /**
     * A method of {@code owner} that was declared in source but not compiled up front (torch.jit.script
     * compiles a module's methods when code first calls them), compiled now; null when there is none.
     */
    default dev.jitscope.ir.Function lazyMethod(ClassType owner, String name) { return null; }

    Object NO_CONSTANT = new Object();

    GlobalResolver NONE = name -> null;
}
