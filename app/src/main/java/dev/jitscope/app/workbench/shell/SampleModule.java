package dev.jitscope.app.workbench.shell;

import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.samples.SampleModels;

/**
 * The module the workbench opens with: a sample's source scripted by our frontend. Submodule
 * attributes are typed the way an instance would type them (nn.Linear as its TorchScript class).
 */
public record SampleModule(String className, Source source, ClassType type) {

    private static final String LINEAR = """
            class Linear(Module):
                weight : Tensor
                bias : Optional[Tensor]
                def forward(self, input: Tensor) -> Tensor:
                    return torch.linear(input, self.weight, self.bias)
            """;

    public Graph forward() { return type.method("forward").graph(); }

    /**
     * Recompiles edited text against the same prepared attributes: the instance's submodules do
     * not change when the user edits forward. Throws JitScopeException for bad source.
     */
    public SampleModule recompile(String text) {
        Source edited = new Source(source.name(), text);
        ClassType fresh = new ClassType(type.qualifiedName(), true);
        for (ClassType.Attribute a : type.attributes()) fresh.addAttribute(a.name(), a.type(), a.kind());
        ScriptCompiler.compileClass(edited, className, fresh);
        if (fresh.method("forward") == null) {
            throw new dev.jitscope.diag.JitScopeException("class " + className + " has no forward method", edited.name());
        }
        return new SampleModule(className, edited, fresh);
    }

    public static SampleModule controlFlowModel() {
        SampleModels.Sample sample = SampleModels.byClassName("ControlFlowModel");
        Source source = new Source(sample.file(), sample.source());
        ClassType linear = ScriptCompiler.compileSource(new Source("torch/nn/modules/linear.py", LINEAR)).classType("Linear");
        ClassType module = new ClassType(ScriptCompiler.QUALIFIER + "." + sample.className(), true);
        module.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        module.addAttribute("linear", linear, ClassType.AttributeKind.PLAIN);
        ScriptCompiler.compileClass(source, sample.className(), module);
        return new SampleModule(sample.className(), source, module);
    }
}
