package dev.jitscope.trace.eager;

import java.util.HashMap;
import java.util.Map;

/**
 * One scope of names: a function call's locals, enclosed by the scope the function was defined in
 * (closures read through), ending at the module's globals.
 */
final class Frame {
    final Map<String, Object> vars;
    final Frame enclosing;
    final ModuleScope module;
    /** For methods: the class that defined the running function and the first argument (super()). */
    final PyClass ownerClass;
    final Object self;
    /** Set by a return statement. */
    Object returnValue;

    Frame(Map<String, Object> vars, Frame enclosing, ModuleScope module, PyClass ownerClass, Object self) {
        this.vars = vars;
        this.enclosing = enclosing;
        this.module = module;
        this.ownerClass = ownerClass;
        this.self = self;
    }

    static Frame call(Frame enclosing, PyClass owner, Object self) {
        return new Frame(new HashMap<>(), enclosing, enclosing.module, owner, self);
    }

    /** The value bound to name in this scope or an enclosing one, or {@link PyClass#MISSING}. */
    Object lookup(String name) {
        for (Frame f = this; f != null; f = f.enclosing) {
            Object v = f.vars.getOrDefault(name, PyClass.MISSING);
            if (v != PyClass.MISSING) return v;
        }
        return PyClass.MISSING;
    }
}
