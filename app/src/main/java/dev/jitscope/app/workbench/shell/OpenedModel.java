package dev.jitscope.app.workbench.shell;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.frontend.emit.CompilationUnit;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.samples.SampleModels;
import dev.jitscope.trace.eager.EagerSession;
import dev.jitscope.trace.eager.ModuleInstance;
import dev.jitscope.trace.eager.PyClass;
import dev.jitscope.trace.script.InstanceScripter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the workbench has open: the text in the editor, the class compiled from it (null for a file
 * of free functions), the instance with its weights when it came from a {@code .pt} archive, and the
 * graph shown (forward, or the file's first function). {@code archive} is the loaded {@code .pt} an
 * ARCHIVE model came from (what export writes back), null otherwise.
 */
public record OpenedModel(Kind kind, String title, Source source, ClassType type, ScriptObject instance, Graph forward,
                          LoadedModel archive) {

    public enum Kind { SAMPLE, SOURCE, ARCHIVE }

    public String className() { return type == null ? title : type.simpleName(); }

    /** An archive, or a source whose {@code __init__} ran, carries weights: the run panel needs them. */
    public boolean runnable() { return instance != null; }

    /**
     * Compiles edited text as it was first opened: a sample through its instance again ({@code __init__}
     * runs on the edited text), a source file likewise where it can. Throws JitScopeException for bad source.
     */
    public OpenedModel recompile(String text) {
        Source edited = new Source(source.name(), text);
        return switch (kind) {
            case SAMPLE -> fromInstance(Kind.SAMPLE, edited, type.simpleName());
            case SOURCE -> fromSource(edited);
            case ARCHIVE -> throw new JitScopeException("the code of an archive is shown read-only; open its .py source to edit", source.name());
        };
    }

    /** The tutorial's ControlFlowModel, built as torch.jit.script(ControlFlowModel()) builds it. */
    public static OpenedModel controlFlowModel() {
        SampleModels.Sample sample = SampleModels.byClassName("ControlFlowModel");
        return fromInstance(Kind.SAMPLE, new Source(sample.file(), sample.source()), sample.className());
    }

    /**
     * Runs the file and {@code className()} eagerly (weights initialized as PyTorch's {@code __init__}
     * does, seeded so a reopen gives the same numbers), then scripts the instance: attribute types
     * come from the values, as torch.jit.script(instance) infers them.
     */
    static OpenedModel fromInstance(Kind kind, Source source, String className) {
        EagerSession session = EagerSession.load(source);
        session.manualSeed(0);
        ModuleInstance eager = session.instantiate(className, List.of(), Map.of());
        eager.train(false);   // runs, exports and diffs are for inference, as on the command line (eval unless --train)
        ScriptObject scripted = InstanceScripter.script(eager);
        Function forward = scripted.type().method("forward");
        if (forward == null) throw new JitScopeException("class " + className + " has no forward method", source.name());
        return new OpenedModel(kind, className, source, scripted.type(), scripted, forward.graph(), null);
    }

    /** A {@code .py} file: its first class with a forward, else its first function. */
    public static OpenedModel fromSource(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JitScopeException("cannot read: " + e.getMessage(), file.toString());
        }
        return fromSource(new Source(file.getFileName().toString(), text));
    }

    /**
     * The first module class that the eager interpreter can build without constructor arguments
     * becomes an instance (runnable, exportable); otherwise the file is compiled as TorchScript
     * source, where class attributes must be annotated, and its first class with a forward (or
     * function) is shown without weights.
     */
    static OpenedModel fromSource(Source source) {
        JitScopeException eagerError = null;
        try {
            EagerSession session = EagerSession.load(source);
            for (PyClass c : session.classes()) {
                if (c.isModule() && c.source() == source && c.methodDefinition("forward") != null)
                    return fromInstance(Kind.SOURCE, source, c.name());
            }
        } catch (JitScopeException e) {
            eagerError = e;   // e.g. __init__ needs arguments: the compiled class alone may still show
        }
        CompilationUnit unit;
        try {
            unit = ScriptCompiler.compileSource(source);
        } catch (JitScopeException e) {
            // a PyTorch-style module file fails here on its unannotated attributes: the instance's error says more
            throw eagerError != null ? eagerError : e;
        }
        for (ClassType c : unit.classes().values()) {
            Function f = c.method("forward");
            if (f != null) return new OpenedModel(Kind.SOURCE, c.simpleName(), source, c, null, f.graph(), null);
        }
        for (Function f : unit.functions().values()) return new OpenedModel(Kind.SOURCE, f.name(), source, null, null, f.graph(), null);
        throw new JitScopeException("no class with a forward method and no function to show", source.name());
    }

    /** A {@code torch.jit.save} archive; the editor shows the code file that defines the root class. */
    public static OpenedModel fromArchive(Path file) {
        if (!Files.exists(file)) throw new JitScopeException("no such file", file.toString());
        LoadedModel loaded = ModelImporter.load(file);
        ClassType type = loaded.root().type();
        Function forward = type.method("forward");
        if (forward == null) throw new JitScopeException("the root module " + type.qualifiedName() + " has no forward method", file.toString());
        Source source = forward.graph().block().nodes().stream().filter(n -> n.range() != null).map(n -> n.range().source())
                .findFirst().orElseGet(() -> new Source(file.getFileName().toString(), codeOf(loaded, type)));
        return new OpenedModel(Kind.ARCHIVE, file.getFileName().toString(), source, type, loaded.root(), forward.graph(), loaded);
    }

    private static String codeOf(LoadedModel loaded, ClassType type) {
        String q = type.qualifiedName();
        String text = loaded.code().get(q.substring(0, Math.max(0, q.lastIndexOf('.'))));
        return text == null ? "" : text;
    }
}
