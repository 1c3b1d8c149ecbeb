package dev.jitscope.frontend.archive;

import dev.jitscope.frontend.emit.MyCellSource;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.jitscope.frontend.emit.ModuleTypes.module;
import static org.junit.jupiter.api.Assertions.*;

/** A module compiled here from source, saved with printed code, runs in PyTorch 1.13 as the tutorial says it computes. */
class SourceModelExportPyTorchTest {
    static final String LINEAR = """
            import torch
            import torch.nn as nn

            class Linear(nn.Module):
                def forward(self, input):
                    return torch.linear(input, self.weight, self.bias)
            """;

    @TempDir Path dir;

    static Tensor values(int seed, int... shape) {
        float[] v = new float[Tensor.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(seed + 0.7 * i);
        return Tensor.contiguous(Storage.wrap(v), shape);
    }

    /** MyCell as the tracer's eager __init__ would leave it: compiled classes and filled slots. */
    static ScriptObject myCell() {
        MyCellSource myCell = new MyCellSource();
        ClassType gate = myCell.compileGate();
        ClassType linear = module("Linear");   // its parameters, as an eager __init__ registers them
        linear.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        linear.addAttribute("bias", OptionalType.of(TensorType.INSTANCE), ClassType.AttributeKind.PARAMETER);
        ScriptCompiler.compileClass(new Source("linear.py", LINEAR), "Linear", linear);
        ClassType cell = myCell.compileCell(gate, linear);

        ScriptObject lin = new ScriptObject(linear);
        lin.setAttr("training", false);
        lin.setAttr("weight", values(1, 4, 4));
        lin.setAttr("bias", values(2, 4));
        ScriptObject dg = new ScriptObject(gate);
        dg.setAttr("training", false);
        ScriptObject root = new ScriptObject(cell);
        root.setAttr("training", false);
        root.setAttr("dg", dg);
        root.setAttr("linear", lin);
        return root;
    }

    @Test
    void pyTorchRunsAModuleCompiledAndSavedHere() throws Exception {
        PythonReference.requirePyTorch();
        Path out = dir.resolve("my_cell.pt");
        ModelExporter.save(myCell(), out);
        assertTrue(ModelImporter.load(out).code().containsKey("__torch__"), "printed code files");
        String result = PythonReference.runResource(SourceModelExportPyTorchTest.class, "/dev/jitscope/frontend/archive/check_my_cell.py", dir, List.of(out.toString()), 900);
        assertTrue(result.contains("same my_cell"), result);
    }
}
