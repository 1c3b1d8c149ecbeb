package dev.jitscope.app.workbench.shell;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.frontend.emit.CompilationUnit;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.samples.SampleModels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the workbench has open: the text in the editor, the class compiled from it (null for a file
 * of free functions), the instance with its weights when it came from a {@code .pt} archive, and the
 * graph shown (forward, or the file's first function). {@code archive} is the loaded {@code .pt} an
 * ARCHIVE model came from (what export writes back), null otherwise.
 */
public record OpenedModel(Kind kind, String title, Source source, ClassType type, ScriptObject instance, Graph forward,
                          LoadedModel archive) {

    public enum Kind { SAMPLE, SOURCE, ARCHIVE }

    private static final String LINEAR = """
            class Linear(Module):
                weight : Tensor
                bias : Optional[Tensor]
                def forward(self, input: Tensor) -> Tensor:
                    return torch.linear(input, self.weight, self.bias)
            """;

    public String className() { return type == null ? title : type.simpleName(); }

    /** Only an archive carries weights: the run panel needs them. */
    public boolean runnable() { return instance != null; }

    /**
     * Compiles edited text; a sample keeps its prepared attributes (the instance's submodules do
     * not change when the user edits forward). Throws JitScopeException for bad source.
     */
    public OpenedModel recompile(String text) {
        Source edited = new Source(source.name(), text);
        return switch (kind) {
            case SAMPLE -> {
                ClassType fresh = new ClassType(type.qualifiedName(), true);
                for (ClassType.Attribute a : type.attributes()) fresh.addAttribute(a.name(), a.type(), a.kind());
                ScriptCompiler.compileClass(edited, type.simpleName(), fresh);
                if (fresh.method("forward") == null) throw new JitScopeException("class " + type.simpleName() + " has no forward method", edited.name());
                yield new OpenedModel(kind, title, edited, fresh, null, fresh.method("forward").graph(), null);
            }
            case SOURCE -> fromSource(edited);
            case ARCHIVE -> throw new JitScopeException("the code of an archive is shown read-only; open its .py source to edit", source.name());
        };
    }

    public static OpenedModel controlFlowModel() {
        SampleModels.Sample sample = SampleModels.byClassName("ControlFlowModel");
        Source source = new Source(sample.file(), sample.source());
        ClassType linear = ScriptCompiler.compileSource(new Source("torch/nn/modules/linear.py", LINEAR)).classType("Linear");
        ClassType module = new ClassType(ScriptCompiler.QUALIFIER + "." + sample.className(), true);
        module.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        module.addAttribute("linear", linear, ClassType.AttributeKind.PLAIN);
        ScriptCompiler.compileClass(source, sample.className(), module);
        return new OpenedModel(Kind.SAMPLE, sample.className(), source, module, null, module.method("forward").graph(), null);
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

    static OpenedModel fromSource(Source source) {
        CompilationUnit unit = ScriptCompiler.compileSource(source);
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
