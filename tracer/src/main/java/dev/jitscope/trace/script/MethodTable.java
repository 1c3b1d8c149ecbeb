package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods of a module class hierarchy and which of them scripting compiles: as
 * {@code torch.jit.script} does, {@code forward} (unless ignored) and every {@code @torch.jit.export}
 * method, then every method those reach through {@code self.name}. A derived class's definition
 * hides its bases' ({@code BatchNorm2d} takes {@code forward} from {@code _BatchNorm}).
 */
final class MethodTable {
    /** A method definition and the class (hence file) that defines it. */
    record Method(ScriptableClass owner, Ast.FunctionDef def) {
        String name() { return def.name(); }
    }

    enum Marker { NONE, IGNORE, UNUSED, EXPORT }

    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final Set<String> ignored;
    private final Set<String> exported;

    MethodTable(ScriptableModule module) {
        List<ScriptableClass> hierarchy = module.hierarchy();
        for (ScriptableClass c : hierarchy)
            for (Ast.Stmt s : c.definition().body())
                if (s instanceof Ast.FunctionDef d && !d.name().equals("__init__")) methods.putIfAbsent(d.name(), new Method(c, d));
        ignored = new LinkedHashSet<>(module.ignoredMethods());
        exported = new LinkedHashSet<>(module.exportedMethods());
        for (Method m : methods.values()) {
            Marker k = marker(m.def());
            if (k == Marker.IGNORE || k == Marker.UNUSED) ignored.add(m.name());
            if (k == Marker.EXPORT) exported.add(m.name());
        }
    }

    Method method(String name) { return methods.get(name); }

    boolean isIgnored(String name) { return ignored.contains(name); }

    /** {@code @torch.jit.unused}: compiled as a stub that raises, so callers still compile. */
    boolean isUnused(String name) {
        Method m = methods.get(name);
        return m != null && marker(m.def()) == Marker.UNUSED;
    }

    /**
     * The methods to compile, in the order they are first reached, plus {@code extraRoots} (methods a
     * parent module calls on this one). Ignored methods are left out even when reached: a call to one
     * is reported where it is compiled.
     */
    List<Method> reachable(Set<String> extraRoots) {
        Deque<String> work = new ArrayDeque<>();
        if (methods.containsKey("forward")) work.add("forward");
        work.addAll(exported);
        work.addAll(extraRoots);
        Set<String> seen = new LinkedHashSet<>();
        while (!work.isEmpty()) {
            String name = work.poll();
            if (!methods.containsKey(name) || (isIgnored(name) && !isUnused(name)) || !seen.add(name)) continue;
            if (isUnused(name)) continue;   // its body is replaced by a raise: what it calls is not needed
            for (String used : selfAttributes(methods.get(name).def())) if (methods.containsKey(used)) work.add(used);
        }
        return seen.stream().map(methods::get).toList();
    }

    /** Methods called on submodules: {@code self.sub.helper(...)} needs {@code helper} compiled on {@code sub}. */
    static Map<String, Set<String>> submoduleCalls(List<Method> compiled, Set<String> submodules) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Method m : compiled)
            walk(m.def(), node -> {
                if (node instanceof Ast.Call c && c.func() instanceof Ast.Attribute method
                        && method.value() instanceof Ast.Attribute sub && isSelf(sub.value()) && submodules.contains(sub.name()))
                    out.computeIfAbsent(sub.name(), k -> new LinkedHashSet<>()).add(method.name());
            });
        return out;
    }

    /** Names {@code n} that appear as {@code self.n} in a def. */
    static Set<String> selfAttributes(Ast.FunctionDef def) {
        Set<String> names = new LinkedHashSet<>();
        walk(def, node -> {
            if (node instanceof Ast.Attribute a && isSelf(a.value())) names.add(a.name());
        });
        return names;
    }

    private static boolean isSelf(Ast.Expr e) {
        return e instanceof Ast.Name n && n.id().equals("self");
    }

    static Marker marker(Ast.FunctionDef def) {
        for (Ast.Expr d : def.decorators()) {
            Ast.Expr target = d instanceof Ast.Call c ? c.func() : d;
            String name = target instanceof Ast.Attribute a ? a.name() : target instanceof Ast.Name n ? n.id() : "";
            switch (name) {
                case "ignore": {
                    // @torch.jit.ignore(drop=True) is the old spelling of unused
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

    /** Visits every AST record below {@code node} (records, their components, lists of them). */
    static void walk(Object node, java.util.function.Consumer<Object> visit) {
        if (node == null) return;
        if (node instanceof List<?> l) {
            for (Object o : l) walk(o, visit);
            return;
        }
        if (!node.getClass().isRecord() || !node.getClass().getName().startsWith(Ast.class.getName())) return;
        visit.accept(node);
        for (RecordComponent rc : node.getClass().getRecordComponents()) {
            Class<?> t = rc.getType();
            if (t.isPrimitive() || t == String.class || t.getName().startsWith("dev.jitscope.ir.")) continue;
            try {
                walk(rc.getAccessor().invoke(node), visit);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + rc.getName() + " of " + node.getClass().getSimpleName(), e);
            }
        }
    }
}
