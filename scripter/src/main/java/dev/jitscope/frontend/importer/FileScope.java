package dev.jitscope.frontend.importer;

import dev.jitscope.frontend.ast.Ast.Import;
import dev.jitscope.frontend.ast.Ast.ImportName;
import dev.jitscope.frontend.ast.Ast.SourceFile;
import dev.jitscope.frontend.ast.Ast.Stmt;
import dev.jitscope.frontend.emit.GlobalResolver;
import dev.jitscope.frontend.emit.Sugar;
import dev.jitscope.frontend.nn.NnLibrary;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.type.ClassType;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How names resolve inside one source file (the user's model file, a torch.nn library file), as
 * Python's module globals do: the file's own classes, functions and aliases by bare name, then the
 * names its imports bind ({@code import torch.nn.functional as F} makes {@code F.relu} the library's
 * {@code relu}), then everything the importer knows.
 */
final class FileScope implements GlobalResolver {
    private final String qualifier;
    private final Set<String> defined = new HashSet<>();
    /** Bound name → the dotted module or object it names ("F" → "torch.nn.functional"). */
    private final Map<String, String> imports = new HashMap<>();
    private final SourceImporter importer;

    FileScope(String qualifier, SourceFile file, Set<String> classes, Set<String> functions, Set<String> aliases,
              SourceImporter importer) {
        this.qualifier = qualifier;
        this.importer = importer;
        defined.addAll(classes);
        defined.addAll(functions);
        defined.addAll(aliases);
        String pkg = packageOf(qualifier);
        for (Stmt s : file.body()) {
            if (!(s instanceof Import im)) continue;
            for (ImportName n : im.names()) {
                if (n.name().equals("*")) continue;
                if (im.module() == null) {
                    // import a.b.c binds a; import a.b as x binds x to a.b
                    if (n.asName() != null) imports.put(n.asName(), n.name());
                    else imports.put(n.name().split("\\.")[0], n.name().split("\\.")[0]);
                } else {
                    imports.put(n.asName() != null ? n.asName() : n.name(), absolute(im.module(), pkg) + "." + n.name());
                }
            }
        }
    }

    /** "__torch__.torch.nn.modules.linear" → "torch.nn.modules" (what a relative import starts from). */
    private static String packageOf(String qualifier) {
        String q = qualifier.startsWith(NnLibrary.QUALIFIER_PREFIX) ? qualifier.substring(NnLibrary.QUALIFIER_PREFIX.length()) : "";
        int dot = q.lastIndexOf('.');
        return dot < 0 ? "" : q.substring(0, dot);
    }

    private static String absolute(String module, String pkg) {
        if (!module.startsWith(".")) return module;
        int up = 0;
        while (up < module.length() && module.charAt(up) == '.') up++;
        String base = pkg;
        for (int i = 1; i < up && base.contains("."); i++) base = base.substring(0, base.lastIndexOf('.'));
        String rest = module.substring(up);
        return rest.isEmpty() ? base : base + "." + rest;
    }

    @Override
    public Sugar resolve(String name) {
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot);
        if (defined.contains(head)) {
            Sugar s = importer.resolveAnywhere(qualifier + "." + name);
            if (s != null) return s;
        }
        String target = imports.get(head);
        if (target != null) {
            String full = target + rest;
            Sugar s = resolvePath(full);
            return s != null ? s : new Sugar.Namespace(full);
        }
        return importer.resolveGlobal(name);
    }

    /** A dotted path from an import: torch.nn library objects first, then the importer's names. */
    private Sugar resolvePath(String full) {
        if (full.startsWith("torch.nn.")) {
            Sugar s = importer.resolveAnywhere(NnLibrary.QUALIFIER_PREFIX + full);
            if (s != null) return s;
            String simple = full.substring("torch.nn.".length());
            if (simple.indexOf('.') < 0 && NnLibrary.qualifiedClassName(simple) != null)
                return importer.resolveAnywhere(NnLibrary.qualifiedClassName(simple));
        }
        return full.indexOf('.') < 0 ? null : importer.resolveGlobal(full);
    }

    @Override
    public Object constant(String qualifiedName) { return importer.constant(qualifiedName); }

    @Override
    public Function lazyMethod(ClassType owner, String name) { return importer.lazyMethod(owner, name); }
}
