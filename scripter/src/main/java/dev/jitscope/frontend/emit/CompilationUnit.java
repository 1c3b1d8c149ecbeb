package dev.jitscope.frontend.emit;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.type.ClassType;

import java.util.Map;

/** What compiling one source file produced: its classes and free functions by simple name. */
public record CompilationUnit(Map<String, ClassType> classes, Map<String, Function> functions) {

    public CompilationUnit {
        classes = Map.copyOf(classes);
        functions = Map.copyOf(functions);
    }

    public Function function(String name) {
        Function f = functions.get(name);
        if (f == null) throw new JitScopeException("no function '" + name + "' in the compiled source");
        return f;
    }

    public ClassType classType(String name) {
        ClassType c = classes.get(name);
        if (c == null) throw new JitScopeException("no class '" + name + "' in the compiled source");
        return c;
    }
}
