package dev.jitscope.trace.script;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceScripterTest {
    private static final Source CELL = new Source("cell.py", """
            from typing import List, Optional
            import torch
            import torch.nn as nn

            class Gate(nn.Module):
                def forward(self, x):
                    if x.sum() > 0:
                        return x * self.scale
                    return -x

            class Cell(nn.Module):
                __constants__ = ['width']

                def __init__(self):
                    super().__init__()

                def forward(self, x):
                    y = self.gate(x) + self.weight
                    for s in self.sizes:
                        y = y * s
                    if x.sum() > 1000:
                        y = self.debug(y)
                    return self.helper(y) + self.width

                def helper(self, y):
                    return torch.relu(y)

                @torch.jit.unused
                def debug(self, y):
                    print(y)
                    return y

                @torch.jit.export
                def reset(self) -> int:
                    return self.width

                def never_called(self, y):
                    return y.this_is_not_an_operator()
            """);

    private static Tensor vector(float... v) {
        return Tensor.contiguous(Storage.wrap(v), v.length);
    }

    private static HandBuiltModule gate(Object scale) {
        HandBuiltModule g = new HandBuiltModule(HandBuiltModule.classes(CELL).get("Gate"));
        g.attributes.put("scale", scale);
        return g;
    }

    private static HandBuiltModule cell(HandBuiltModule gate) {
        HandBuiltModule c = new HandBuiltModule(HandBuiltModule.classes(CELL).get("Cell"));
        c.parameters.put("weight", vector(1, 1));
        c.modules.put("gate", gate);
        c.attributes.put("sizes", new ArrayList<>(List.of(2L, 3L)));
        c.attributes.put("width", 4L);
        c.constants.add("width");
        return c;
    }

    @Test
    void attributesTakeTheirTypesFromTheInstanceAndForwardRuns() {
        ScriptObject cell = InstanceScripter.script(cell(gate(2.0)));
        ClassType type = cell.type();
        assertEquals("__torch__.Cell", type.qualifiedName());
        assertEquals(List.of("weight:Tensor:PARAMETER", "training:bool:PLAIN", "sizes:int[]:PLAIN", "gate:__torch__.Gate:PLAIN"),
                type.attributes().stream().map(a -> a.name() + ":" + a.type().str() + ":" + a.kind()).toList());
        assertEquals(4L, type.constants().get("width"));
        // forward, the exported method, what forward reaches (the unused one as a stub); never_called is not compiled
        assertEquals(java.util.Set.of("forward", "reset", "debug", "helper"), type.methods().keySet());
        Tensor out = (Tensor) new Interpreter().run(type.method("forward").graph(), List.of(cell, vector(1, -3))).get(0);
        // gate: sum < 0 → -x = (-1, 3); + weight (1,1) = (0, 4); * 2 * 3 = (0, 24); relu; + width 4
        assertEquals(4.0, out.getDouble(0), 1e-6);
        assertEquals(28.0, out.getDouble(1), 1e-6);
    }

    @Test
    void tensorsAreSharedWithTheInstance() {
        HandBuiltModule c = cell(gate(2.0));
        ScriptObject cell = InstanceScripter.script(c);
        assertSame(c.parameters.get("weight"), cell.getAttr("weight"));
        assertEquals(Boolean.TRUE, cell.getAttr("training"));
    }

    @Test
    void unusedMethodCompilesToARaise() {
        ScriptObject cell = InstanceScripter.script(cell(gate(2.0)));
        String debug = GraphPrinter.print(cell.type().method("debug").graph());
        assertTrue(debug.contains("prim::RaiseException") && debug.contains(UnusedStub.MESSAGE), debug);
    }

    @Test
    void equalShapesShareATypeAndDifferentShapesAreMangled() {
        HandBuiltModule root = cell(gate(2.0));
        HandBuiltModule twin = cell(gate(3.0));
        HandBuiltModule other = cell(gate(5L));   // scale: int instead of float
        root.modules.put("twin", twin);
        root.modules.put("other", other);
        ScriptObject s = InstanceScripter.script(root);
        ClassType gate = ((ScriptObject) s.getAttr("gate")).type();
        ClassType twinGate = ((ScriptObject) ((ScriptObject) s.getAttr("twin")).getAttr("gate")).type();
        ClassType otherGate = ((ScriptObject) ((ScriptObject) s.getAttr("other")).getAttr("gate")).type();
        assertSame(gate, twinGate);
        assertNotSame(gate, otherGate);
        assertTrue(otherGate.qualifiedName().matches("__torch__\\.___torch_mangle_\\d+\\.Gate"), otherGate.qualifiedName());
    }

    @Test
    void oneInstanceReachedTwiceIsOneObject() {
        HandBuiltModule g = gate(2.0);
        HandBuiltModule root = cell(g);
        HandBuiltModule inner = cell(g);
        root.modules.put("inner", inner);
        ScriptObject s = InstanceScripter.script(root);
        assertSame(s.getAttr("gate"), ((ScriptObject) s.getAttr("inner")).getAttr("gate"));
    }

    @Test
    void anAttributeWithoutTorchScriptTypeIsAnErrorWhereForwardUsesIt() {
        HandBuiltModule c = cell(gate(2.0));
        c.attributes.put("sizes", new ArrayList<>());   // empty list: no type can be inferred
        JitScopeException e = assertThrows(JitScopeException.class, () -> InstanceScripter.script(c));
        assertTrue(e.getMessage().contains("'sizes'") && e.getMessage().contains("List trace inputs must have elements"), e.getMessage());
        assertTrue(e.render().startsWith("cell.py:19:"), e.render());
    }

    @Test
    void anUnusableAttributeNoMethodReadsIsLeftOut() {
        HandBuiltModule c = cell(gate(2.0));
        c.attributes.put("notes", Map.of());
        ClassType type = InstanceScripter.script(c).type();
        assertNull(type.attribute("notes"));
    }

    @Test
    void callingAnIgnoredMethodSaysItCannotBeSaved() {
        Source src = new Source("ign.py", """
                import torch
                import torch.nn as nn

                class M(nn.Module):
                    def forward(self, x):
                        return self.log(x)

                    @torch.jit.ignore
                    def log(self, x):
                        return x
                """);
        HandBuiltModule m = new HandBuiltModule(HandBuiltModule.classes(src).get("M"));
        JitScopeException e = assertThrows(JitScopeException.class, () -> InstanceScripter.script(m));
        assertTrue(e.getMessage().contains("@torch.jit.ignore") && e.render().startsWith("ign.py:6:"), e.render());
    }

    @Test
    void derivedClassesTakeMethodsFromTheirBases() {
        Source src = new Source("base.py", """
                import torch
                import torch.nn as nn

                class Base(nn.Module):
                    def forward(self, x):
                        return self.twice(x)

                    def twice(self, x):
                        return x + x

                class Derived(Base):
                    def twice(self, x):
                        return x * 3
                """);
        Map<String, ScriptableClass> classes = HandBuiltModule.classes(src);
        HandBuiltModule m = new HandBuiltModule(classes.get("Derived"), classes.get("Base"));
        ScriptObject s = InstanceScripter.script(m);
        String twice = GraphPrinter.print(s.type().method("twice").graph());
        assertTrue(twice.contains("aten::mul"), twice);
        assertFalse(s.type().method("forward").graph().block().nodes().stream().anyMatch(n -> n.kind().equals(Node.CALL_FUNCTION)));
    }

    @Test
    void libraryModulesCompileFromTheLibrarysFile() {
        Source lib = dev.jitscope.frontend.nn.NnLibrary.module("torch.nn.modules.linear");
        ScriptableClass linearClass = null;
        for (dev.jitscope.frontend.ast.Ast.Stmt st : dev.jitscope.frontend.parser.Parser.parse(lib).body())
            if (st instanceof dev.jitscope.frontend.ast.Ast.ClassDef c && c.name().equals("Linear"))
                linearClass = new ScriptableClass("__torch__.torch.nn.modules.linear.Linear", lib, c);
        HandBuiltModule linear = new HandBuiltModule(linearClass);
        linear.parameters.put("weight", Tensor.contiguous(Storage.wrap(new float[] {1, 2, 3, 4}), 2, 2));
        linear.parameters.put("bias", null);
        linear.attributes.put("in_features", 2L);
        linear.attributes.put("out_features", 2L);
        linear.constants.addAll(List.of("in_features", "out_features"));
        ScriptObject s = InstanceScripter.script(linear);
        ClassType type = s.type();
        assertEquals("__torch__.torch.nn.modules.linear.Linear", type.qualifiedName());
        assertEquals("NoneType", type.attribute("bias").type().str());   // no annotation: typed from the None value
        assertEquals(2L, type.constants().get("in_features"));
        assertEquals(List.of("forward"), List.copyOf(type.methods().keySet()));   // not reset_parameters, extra_repr
        Tensor out = (Tensor) new Interpreter().run(type.method("forward").graph(), List.of(s, vector(1, 1))).get(0);
        assertEquals(3.0, out.getDouble(0), 1e-6);
        assertEquals(7.0, out.getDouble(1), 1e-6);
    }
}
