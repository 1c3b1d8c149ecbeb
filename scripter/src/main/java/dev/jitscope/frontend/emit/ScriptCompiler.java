package dev.jitscope.frontend.emit;

import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.importer.SourceImporter;
import dev.jitscope.frontend.parser.Parser;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-call entry to the frontend for user source: parses a file and compiles every free function
 * and class in it to graphs. Names in the file resolve to each other (a function may call a
 * class or function defined below it). Classes are qualified as {@code __torch__.<Name>}, as
 * torch.jit.script names them.
 */
public final class ScriptCompiler {
    public static final String QUALIFIER = "__torch__";

    private ScriptCompiler() { }

    /**
     * Compiles the methods of {@code className} (all but {@code __init__} for modules) against a
     * type whose attributes the caller declared, e.g. from a module instance built by running
     * {@code __init__}. Submodule attributes must be class types that already carry their methods.
     */
    public static ClassType compileClass(Source source, String className, ClassType prepared) {
        Parser.parse(source);   // report syntax errors before anything else
        // the file's qualifier is the prepared type's: __torch__ for user files,
        // __torch__.torch.nn.modules.linear for the nn library's Linear (NnLibrary.module(...))
        String q = prepared.qualifiedName();
        String qualifier = q.endsWith("." + className) ? q.substring(0, q.length() - className.length() - 1) : QUALIFIER;
        SourceImporter importer = new SourceImporter(
                x -> x.equals(qualifier) ? source.text() : null, List.of(), qualifier, source.name());
        return importer.compileOnto(prepared, className);
    }

    public static CompilationUnit compileSource(Source source) {
        Ast.SourceFile file = Parser.parse(source);
        SourceImporter importer = new SourceImporter(
                q -> q.equals(QUALIFIER) ? source.text() : null, List.of(), QUALIFIER, source.name());
        Map<String, ClassType> classes = new LinkedHashMap<>();
        Map<String, Function> functions = new LinkedHashMap<>();
        for (Ast.Stmt s : file.body()) {
            if (s instanceof Ast.ClassDef c) classes.put(c.name(), importer.loadType(QUALIFIER + "." + c.name()));
            else if (s instanceof Ast.FunctionDef d) functions.put(d.name(), importer.loadFunction(QUALIFIER + "." + d.name()));
        }
        return new CompilationUnit(classes, functions);
    }
}
