package dev.jitscope.frontend.importer;

import dev.jitscope.frontend.ast.Ast.Attribute;
import dev.jitscope.frontend.ast.Ast.ClassDef;
import dev.jitscope.frontend.ast.Ast.Expr;
import dev.jitscope.frontend.ast.Ast.FunctionDef;
import dev.jitscope.frontend.ast.Ast.Name;
import dev.jitscope.frontend.ast.Ast.Stmt;
import dev.jitscope.frontend.emit.TypeParser;

import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which methods of a module class torch.jit.script compiles up front: {@code forward}, the
 * {@code @torch.jit.export} methods, and the methods they call through {@code self}. The rest
 * (helpers only {@code __init__} uses, Python protocol methods of containers) stay uncompiled, and
 * are compiled on demand if another module's code calls them.
 */
final class MethodReachability {
    private MethodReachability() { }

    /** @param methods the class's methods by name, inherited ones included */
    static Set<String> compiledMethods(Map<String, FunctionDef> methods) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (FunctionDef fd : methods.values()) {
            if (isIgnored(fd)) continue;
            if (fd.name().equals("forward") || hasDecorator(fd, "export")) work.add(fd.name());
        }
        while (!work.isEmpty()) {
            String m = work.poll();
            if (!out.add(m)) continue;
            Set<String> used = new LinkedHashSet<>();
            for (Stmt s : methods.get(m).body()) collectSelfAttributes(s, used);
            for (String u : used) if (methods.containsKey(u) && !isIgnored(methods.get(u)) && !out.contains(u)) work.add(u);
        }
        return out;
    }

    static boolean isIgnored(FunctionDef fd) {
        return hasDecorator(fd, "ignore") || hasDecorator(fd, "unused");
    }

    private static boolean hasDecorator(FunctionDef fd, String last) {
        for (Expr d : fd.decorators()) {
            String n = TypeParser.dottedName(d instanceof dev.jitscope.frontend.ast.Ast.Call c ? c.func() : d);
            if (n != null && (n.equals(last) || n.endsWith("." + last))) return true;
        }
        return false;
    }

    /** Every {@code self.<name>} in a syntax tree (the AST is records all the way down). */
    private static void collectSelfAttributes(Object node, Set<String> out) {
        if (node instanceof Attribute a && a.value() instanceof Name n && n.id().equals("self")) out.add(a.name());
        if (node instanceof List<?> l) {
            for (Object o : l) collectSelfAttributes(o, out);
            return;
        }
        if (node == null || !node.getClass().isRecord()) return;
        for (RecordComponent rc : node.getClass().getRecordComponents()) {
            try {
                Object child = rc.getAccessor().invoke(node);
                if (child instanceof List<?> || child != null && child.getClass().getEnclosingClass() == dev.jitscope.frontend.ast.Ast.class)
                    collectSelfAttributes(child, out);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot walk " + node.getClass().getSimpleName(), e);
            }
        }
    }
}
