package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Source;
import dev.jitscope.tensor.Npy;
import dev.jitscope.trace.eager.EagerSession;
import dev.jitscope.trace.eager.ModuleInstance;
import dev.jitscope.trace.eager.PyClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module instance built from a {@code .py} model by the eager interpreter, as {@code trace} and
 * {@code diff} need it (the instance itself, not yet scripted): the file's top level runs, then
 * {@code NAME(*args)} after {@code torch.manual_seed(seed)}; unless {@code --train} the instance is
 * put in eval mode (models are traced for inference, and dropout would make two runs differ by itself).
 */
record SourceInstance(Source source, EagerSession session, ModuleInstance instance) {

    static SourceInstance load(Path file, SourceModelOptions options) {
        String className = options.className;
        if (!file.getFileName().toString().endsWith(".py"))
            throw new JitScopeException("expected a model source file (.py); tracing an archive is not possible, its"
                    + " graph is already fixed", file.toString());
        Source source = new Source(file.toString(), ScriptCommand.readSource(file));
        EagerSession session = EagerSession.load(source);
        String name = className != null ? className : onlyModuleClass(session, source);
        PyClass c = session.pyClass(name);
        if (c == null) throw new JitScopeException("no class '" + name + "' in the file", source.name());
        if (!c.isModule()) throw new JitScopeException("class '" + name + "' is not an nn.Module subclass", source.name());
        session.manualSeed(options.seed);
        List<Object> positional = new ArrayList<>();
        Map<String, Object> keywords = new LinkedHashMap<>();
        SourceModel.readArguments(options.args, positional, keywords, file);
        ModuleInstance m = session.instantiate(name, positional, keywords);
        if (!options.train) m.train(false);
        return new SourceInstance(source, session, m);
    }

    private static String onlyModuleClass(EagerSession session, Source source) {
        List<String> modules = new ArrayList<>();
        for (PyClass c : session.classes()) if (c.isModule()) modules.add(c.name());
        if (modules.size() == 1) return modules.get(0);
        throw new JitScopeException(modules.isEmpty() ? "the file defines no nn.Module class"
                : "the file defines several modules (" + String.join(", ", modules) + "): choose one with --class", source.name());
    }

    /** One tensor per .npy file, in order. */
    static List<Object> read(List<Path> files) {
        List<Object> out = new ArrayList<>();
        for (Path p : files) out.add(Npy.read(p));
        return out;
    }
}
