package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.parser.Parser;
import dev.jitscope.ir.Source;
import dev.jitscope.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A module instance assembled by a test the way running {@code __init__} would leave it. */
final class HandBuiltModule implements ScriptableModule {
    private final List<ScriptableClass> hierarchy;
    boolean training = true;
    final Map<String, Tensor> parameters = new LinkedHashMap<>();
    final Map<String, Tensor> buffers = new LinkedHashMap<>();
    final Map<String, ScriptableModule> modules = new LinkedHashMap<>();
    final Map<String, Object> attributes = new LinkedHashMap<>();
    final Set<String> constants = new LinkedHashSet<>();

    HandBuiltModule(ScriptableClass... hierarchy) { this.hierarchy = List.of(hierarchy); }

    /** The classes of a user file, by simple name, qualified as {@code __torch__.Name}. */
    static Map<String, ScriptableClass> classes(Source source) {
        Map<String, ScriptableClass> out = new LinkedHashMap<>();
        for (Ast.Stmt s : Parser.parse(source).body())
            if (s instanceof Ast.ClassDef c) out.put(c.name(), new ScriptableClass("__torch__." + c.name(), source, c));
        return out;
    }

    @Override public List<ScriptableClass> hierarchy() { return hierarchy; }
    @Override public boolean training() { return training; }
    @Override public Map<String, Tensor> parameters() { return parameters; }
    @Override public Map<String, Tensor> buffers() { return buffers; }
    @Override public Map<String, ScriptableModule> modules() { return modules; }
    @Override public Map<String, Object> attributes() { return attributes; }
    @Override public Set<String> constants() { return constants; }
    @Override public Set<String> ignoredMethods() { return Set.of(); }
    @Override public Set<String> exportedMethods() { return Set.of(); }
    @Override public Object identity() { return this; }
}
