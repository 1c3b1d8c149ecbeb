package dev.jitscope.frontend.nn;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.transform.Inliner;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TensorType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** User model code reaching torch.nn the way PyTorch's scripting does: F.* calls, submodules, containers. */
class LibraryUseTest {

    static final String MODEL = """
            import torch
            import torch.nn as nn
            import torch.nn.functional as F

            class Net(nn.Module):
                def forward(self, x):
                    y = F.relu(x)
                    z = F.linear(y, self.w)
                    for layer in self.layers:
                        z = layer(z)
                    z = self.layers[-1](z) + len(self.layers)
                    if isinstance(self.layers[0], nn.Linear):
                        z = z * 2
                    return F.softmax(z, dim=1)
            """;

    private static ClassType module(String qualified) {
        ClassType t = new ClassType(qualified, true);
        t.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        return t;
    }

    /** A Linear as an instance has it: weight and bias parameters, in/out features constants. */
    static ClassType linear() {
        ClassType t = module(NnLibrary.qualifiedClassName("Linear"));
        t.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        t.addAttribute("bias", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        t.constants().put("in_features", 4L);
        t.constants().put("out_features", 4L);
        return ScriptCompiler.compileClass(NnLibrary.module("torch.nn.modules.linear"), "Linear", t);
    }

    static ClassType relu() {
        ClassType t = module(NnLibrary.qualifiedClassName("ReLU"));
        t.constants().put("inplace", false);
        return ScriptCompiler.compileClass(NnLibrary.module("torch.nn.modules.activation"), "ReLU", t);
    }

    static List<String> kinds(Graph g) {
        return g.block().allNodes().stream().map(Node::kind).filter(k -> !k.equals(Node.CONSTANT)).toList();
    }

    private static ClassType net() {
        ClassType seq = module(NnLibrary.qualifiedClassName("ModuleList"));
        seq.addAttribute("0", linear(), ClassType.AttributeKind.PLAIN);
        seq.addAttribute("1", relu(), ClassType.AttributeKind.PLAIN);
        ScriptCompiler.compileClass(NnLibrary.module("torch.nn.modules.container"), "ModuleList", seq);
        ClassType net = module("__torch__.Net");
        net.addAttribute("w", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        net.addAttribute("layers", seq, ClassType.AttributeKind.PLAIN);
        return ScriptCompiler.compileClass(new Source("net.py", MODEL), "Net", net);
    }

    @Test
    void functionalCallsAreScriptFunctionsAndOperatorAliasesAreOperators() {
        Graph g = net().method("forward").graph();
        List<String> kinds = kinds(g);
        // F.relu and F.softmax are script functions (PyTorch prints prim::CallFunction), F.linear is aten::linear itself
        assertEquals(2, kinds.stream().filter(k -> k.equals("prim::CallFunction")).count(), kinds.toString());
        assertTrue(kinds.contains("aten::linear"), kinds.toString());
        assertFalse(kinds.contains("aten::relu"), kinds.toString());
        // inlined: relu's `inplace` branch stays (the top graph is not constant-folded, as in PyTorch)
        List<String> inlined = kinds(Inliner.inline(g));
        assertTrue(inlined.contains("aten::relu") && inlined.contains("aten::relu_") && inlined.contains("aten::softmax"), inlined.toString());
    }

    @Test
    void moduleListIsUnrolledIndexedAndMeasuredAtCompileTime() {
        Graph g = net().method("forward").graph();
        List<String> kinds = kinds(g);
        assertFalse(kinds.contains("prim::Loop"), kinds.toString());
        assertFalse(kinds.contains("aten::len"), "len(ModuleList) is a constant: " + kinds);
        assertEquals(3, kinds.stream().filter(k -> k.equals("prim::CallMethod")).count(), kinds.toString());
        assertEquals(2, kinds.stream().filter(k -> k.equals("aten::mul") || k.equals("aten::add")).count(),
                "isinstance(self.layers[0], nn.Linear) is decided statically: " + kinds);
        // the inlined ReLU submodule is ReLU's optimized graph: its constant `inplace` branch is folded
        List<String> inlined = kinds(Inliner.inline(g));
        assertEquals(3, inlined.stream().filter(k -> k.equals("aten::relu")).count(), inlined.toString());
        assertEquals(1, inlined.stream().filter(k -> k.equals("aten::relu_")).count(), "only F.relu's own branch: " + inlined);
    }

    @Test
    void libraryMethodsOutsideForwardAreNotCompiled() {
        ClassType lin = linear();
        assertNotNull(lin.method("forward").graph());
        assertNull(lin.method("reset_parameters"), "reset_parameters only runs eagerly in __init__");
        assertNull(lin.method("extra_repr"));
        assertNull(lin.method("__init__"));
    }

    @Test
    void anOptionalBiasIsPassedThrough() {
        ClassType t = module(NnLibrary.qualifiedClassName("Linear"));
        t.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        t.addAttribute("bias", dev.jitscope.ir.type.NoneType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        ScriptCompiler.compileClass(NnLibrary.module("torch.nn.modules.linear"), "Linear", t);
        assertEquals(List.of("prim::GetAttr", "prim::GetAttr", "aten::linear"), kinds(t.method("forward").graph()));
    }

    @Test
    void aWrongArgumentToALibraryModuleIsADiagnosticInTheLibrarySource() {
        ClassType t = module(NnLibrary.qualifiedClassName("Softmax"));
        t.constants().put("dim", "one");   // a broken instance: a str where an int belongs
        JitScopeException e = assertThrows(JitScopeException.class,
                () -> ScriptCompiler.compileClass(NnLibrary.module("torch.nn.modules.activation"), "Softmax", t));
        assertEquals("Expected a value of type 'Optional[int]' for argument 'dim' but instead found type 'str'", e.getMessage());
        assertTrue(e.range().location().startsWith("torch/nn/modules/activation.py:"), e.render());
    }

    @Test
    void everyModuleClassIsListedWithItsDefiningFile() {
        Map<String, String> classes = NnLibrary.moduleClasses();
        for (String name : List.of("Linear", "Bilinear", "Identity", "Conv1d", "Conv2d", "ConvTranspose2d", "BatchNorm1d",
                "BatchNorm2d", "LayerNorm", "GroupNorm", "Dropout", "Embedding", "ReLU", "GELU", "SiLU", "Sigmoid", "Tanh",
                "Softmax", "LogSoftmax", "Hardtanh", "LeakyReLU", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "Flatten",
                "Sequential", "ModuleList", "ModuleDict", "MultiheadAttention", "TransformerEncoderLayer",
                "TransformerEncoder", "LSTM", "GRU")) {
            String file = classes.get(name);
            assertNotNull(file, name + " is not shipped");
            assertEquals(file, NnLibrary.definingModule(name));
        }
        assertFalse(classes.containsKey("_ConvNd"), "private base classes are not public modules");
        assertEquals("__torch__.torch.nn.modules.conv._ConvNd", NnLibrary.qualifiedClassName("_ConvNd"));
    }
}
