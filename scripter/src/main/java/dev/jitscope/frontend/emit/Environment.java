package dev.jitscope.frontend.emit;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.JitType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One level of the environment stack: the variables (re)defined while emitting into one block.
 * Lookups fall through to the enclosing level, so a branch sees what was defined before the if;
 * what a branch defines is read back from {@link #defined()} to build the block's outputs.
 */
final class Environment {
    /** The pseudo-variable that holds a function's return value (lowering of early returns). */
    static final String RETURN = "$return";
    /** The pseudo-variable holding a loop body's continue condition when it has break/continue. */
    static final String CONTINUE = "$continue";

    final Environment parent;
    final Block block;
    private final Map<String, Value> vars = new LinkedHashMap<>();
    private final Map<String, Sugar> sugars = new LinkedHashMap<>();
    private final Map<String, JitType> declared = new LinkedHashMap<>();
    /** True once the block ended in return or raise: nothing after it runs. */
    boolean exited;
    /** True once the block ended in break or continue: the rest of the loop body does not run. */
    boolean loopExited;

    boolean stopped() { return exited || loopExited; }
    /** The prim::unchecked_cast values Optional refinements bound at the start of this block, by variable. */
    final Map<String, Value> refined = new java.util.HashMap<>();

    Environment(Environment parent, Block block) {
        this.parent = parent;
        this.block = block;
    }

    /** The innermost binding; null when unbound or deleted (see {@link #isDeleted}). */
    Value lookup(String name) {
        for (Environment e = this; e != null; e = e.parent) {
            if (e.vars.containsKey(name)) return e.vars.get(name);
        }
        return null;
    }

    /** True when the innermost binding is a deletion ({@code del x}, or defined on one branch only). */
    boolean isDeleted(String name) {
        for (Environment e = this; e != null; e = e.parent) {
            if (e.vars.containsKey(name)) return e.vars.get(name) == null;
        }
        return false;
    }

    /** The annotated type of a variable, if any level declared one. */
    JitType declaredType(String name) {
        for (Environment e = this; e != null; e = e.parent) {
            JitType t = e.declared.get(name);
            if (t != null) return t;
        }
        return null;
    }

    void set(String name, Value v) { vars.put(name, v); sugars.remove(name); }

    /** Binds a name to a compile-time entity (a function or class assigned to a local). */
    void setSugar(String name, Sugar s) { sugars.put(name, s); vars.remove(name); }

    Sugar lookupSugar(String name) {
        for (Environment e = this; e != null; e = e.parent) {
            if (e.vars.containsKey(name)) return null;
            Sugar s = e.sugars.get(name);
            if (s != null) return s;
        }
        return null;
    }
    void declare(String name, JitType t) { declared.put(name, t); }
    Map<String, Value> defined() { return vars; }
}
