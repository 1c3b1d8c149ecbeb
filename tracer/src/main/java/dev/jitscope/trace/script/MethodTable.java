package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods of a module's class hierarchy with their scripting markers: a derived class's
 * definition hides its bases' ({@code BatchNorm2d} takes {@code forward} from {@code _BatchNorm});
 * {@code @torch.jit.ignore} methods are never compiled, {@code @torch.jit.unused} ones become a
 * stub that raises ({@code @torch.jit.ignore(drop=True)} is the old spelling of unused).
 */
final class MethodTable {
    /** A method definition and the class (hence file) that defines it. */
    record Method(ScriptableClass owner, Ast.FunctionDef def) {
        String name() { return def.name(); }
    }

    enum Marker { NONE, IGNORE, UNUSED, EXPORT }

    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final Set<String> ignored;

    MethodTable(ScriptableModule module) {
        for (ScriptableClass c : module.hierarchy())
            for (Ast.Stmt s : c.definition().body())
                if (s instanceof Ast.FunctionDef d && !d.name().equals("__init__")) methods.putIfAbsent(d.name(), new Method(c, d));
        ignored = new LinkedHashSet<>(module.ignoredMethods());
        for (Method m : methods.values()) {
            Marker k = marker(m.def());
            if (k == Marker.IGNORE || k == Marker.UNUSED) ignored.add(m.name());
        }
    }

    boolean isIgnored(String name) { return ignored.contains(name); }

    /** The {@code @torch.jit.unused} methods, most derived definitions. */
    List<Method> unusedMethods() {
        return methods.values().stream().filter(m -> marker(m.def()) == Marker.UNUSED).toList();
    }

    static Marker marker(Ast.FunctionDef def) {
        for (Ast.Expr d : def.decorators()) {
            Ast.Expr target = d instanceof Ast.Call c ? c.func() : d;
            String name = target instanceof Ast.Attribute a ? a.name() : target instanceof Ast.Name n ? n.id() : "";
            switch (name) {
                case "ignore": {
                    if (d instanceof Ast.Call c && c.keywords().stream().anyMatch(k -> k.name().equals("drop")
                            && k.value() instanceof Ast.Const v && Boolean.TRUE.equals(v.value()))) return Marker.UNUSED;
                    return Marker.IGNORE;
                }
                case "unused": return Marker.UNUSED;
                case "export": return Marker.EXPORT;
                default: break;
            }
        }
        return Marker.NONE;
    }
}
