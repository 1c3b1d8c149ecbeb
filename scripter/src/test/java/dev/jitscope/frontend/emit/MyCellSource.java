package dev.jitscope.frontend.emit;

import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;

import static dev.jitscope.frontend.emit.ModuleTypes.module;

/**
 * The TorchScript tutorial's my_cell.py, compiled a class at a time: MyCell can only be compiled once its
 * submodules' types are known, and callers build its Linear differently.
 */
public final class MyCellSource {
    private static final String TEXT = """
            import torch
            import torch.nn as nn

            class MyDecisionGate(nn.Module):
                def forward(self, x):
                    if x.sum() > 0:
                        return x
                    else:
                        return -x

            class MyCell(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.dg = MyDecisionGate()
                    self.linear = nn.Linear(4, 4)

                def forward(self, x, h):
                    new_h = torch.tanh(self.dg(self.linear(x)) + h)
                    return new_h, new_h
            """;

    // one Source for both classes, as one file compiled in PyTorch is
    private final Source source = new Source("my_cell.py", TEXT);

    public ClassType compileGate() {
        return ScriptCompiler.compileClass(source, "MyDecisionGate", module("MyDecisionGate"));
    }

    /** MyCell with {@code gate} as its {@code dg} and {@code linear} as its {@code linear}. */
    public ClassType compileCell(ClassType gate, ClassType linear) {
        ClassType cell = module("MyCell");
        cell.addAttribute("dg", gate, ClassType.AttributeKind.PLAIN);
        cell.addAttribute("linear", linear, ClassType.AttributeKind.PLAIN);
        ScriptCompiler.compileClass(source, "MyCell", cell);
        return cell;
    }
}
