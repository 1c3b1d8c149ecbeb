package dev.jitscope.frontend.emit;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.ir.type.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.jitscope.frontend.emit.ModuleTypes.module;
import static org.junit.jupiter.api.Assertions.*;

/** The tutorials' module sources, compiled against attribute types an instance would have. */
class UserModuleCompileTest {
    static final String LINEAR = """
            class Linear(Module):
                weight : Tensor
                bias : Optional[Tensor]
                def forward(self, input: Tensor) -> Tensor:
                    return torch.linear(input, self.weight, self.bias)
            """;

    static final String CONTAINERS = """
            from typing import Dict, List, Optional, Tuple
            import torch
            import torch.nn as nn

            class Containers(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.names: List[str] = ["double", "square", "negate"]
                    self.scale = 0.5

                def forward(self, x, bias: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, List[int]]:
                    results: Dict[str, torch.Tensor] = {}
                    for name in self.names:
                        if name == "double":
                            results[name] = x * 2
                        elif name == "square":
                            results[name] = x * x
                        else:
                            results[name] = -x
                    total = torch.zeros_like(x)
                    lengths: List[int] = []
                    for key in results.keys():
                        total = total + results[key] * self.scale
                        lengths.append(len(key))
                    if bias is not None:
                        total = total + bias
                    return total, lengths
            """;

    private static String shape(Block b) {
        List<String> parts = new ArrayList<>();
        for (Node n : b.nodes()) {
            if (n.kind().equals(Node.CONSTANT)) continue;
            String s = n.kind();
            if (!n.blocks().isEmpty()) s += n.blocks().stream().map(x -> "[" + shape(x) + "]").collect(Collectors.joining());
            parts.add(s);
        }
        return String.join(" ", parts);
    }

    @Test
    void myCellCallsItsSubmodulesForward() {
        MyCellSource myCell = new MyCellSource();
        ClassType gate = myCell.compileGate();
        assertEquals("aten::sum aten::gt aten::Bool prim::If[][aten::neg]", shape(gate.method("forward").graph().block()));

        ClassType linear = ScriptCompiler.compileSource(new Source("linear.py", LINEAR)).classType("Linear");
        ClassType cell = myCell.compileCell(gate, linear);
        var forward = cell.method("forward").graph();
        assertEquals("prim::GetAttr prim::GetAttr prim::CallMethod prim::CallMethod aten::add aten::tanh prim::TupleConstruct",
                shape(forward.block()));
        assertEquals(TupleType.of(TensorType.INSTANCE, TensorType.INSTANCE), forward.outputs().get(0).type());
        assertNull(cell.method("__init__"), "__init__ runs eagerly and is not compiled");
    }

    @Test
    void containersCompileListsDictsAndOptionals() {
        ClassType t = module("Containers");
        t.addAttribute("names", ListType.of(StringType.INSTANCE), ClassType.AttributeKind.PLAIN);
        t.addAttribute("scale", FloatType.INSTANCE, ClassType.AttributeKind.PLAIN);
        ScriptCompiler.compileClass(new Source("containers.py", CONTAINERS), "Containers", t);
        String shape = shape(t.method("forward").graph().block());
        assertTrue(shape.startsWith("prim::DictConstruct prim::GetAttr aten::len prim::Loop[aten::__getitem__ aten::eq prim::If["), shape);
        assertTrue(shape.contains("aten::_set_item"), shape);
        assertTrue(shape.contains("aten::keys"), shape);
        assertTrue(shape.endsWith("aten::__isnot__ prim::If[prim::unchecked_cast aten::add][] prim::TupleConstruct"), shape);
    }

    static final String ZOO = """
            class Act(nn.Module):
                def forward(self, x):
                    return torch.relu(x)

            class Zoo(nn.Module):
                def forward(self, y):
                    for act in self.acts:
                        y = act(y)
                    outs: Dict[str, torch.Tensor] = {}
                    for name, head in self.heads.items():
                        outs[name] = head(y)
                    return outs["a"]
            """;

    @Test
    void loopsOverModuleListsAndDictsAreUnrolled() {
        Source src = new Source("zoo.py", ZOO);
        ClassType act = ScriptCompiler.compileClass(src, "Act", module("Act"));
        ClassType list = module("ModuleList");
        list.addAttribute("0", act, ClassType.AttributeKind.PLAIN);
        list.addAttribute("1", act, ClassType.AttributeKind.PLAIN);
        ClassType dict = module("ModuleDict");
        dict.addAttribute("a", act, ClassType.AttributeKind.PLAIN);
        dict.addAttribute("b", act, ClassType.AttributeKind.PLAIN);
        ClassType zoo = module("Zoo");
        zoo.addAttribute("acts", list, ClassType.AttributeKind.PLAIN);
        zoo.addAttribute("heads", dict, ClassType.AttributeKind.PLAIN);
        ScriptCompiler.compileClass(src, "Zoo", zoo);
        String shape = shape(zoo.method("forward").graph().block());
        assertEquals(4, shape.split("prim::CallMethod", -1).length - 1, shape);
        assertFalse(shape.contains("prim::Loop"), shape);
        assertEquals(2, shape.split("aten::_set_item", -1).length - 1, shape);
    }
}
