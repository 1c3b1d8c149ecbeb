package dev.jitscope.app.cli;

import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModuleTreeTest {

    @Test
    void listsSubmodulesWithDottedPathsAndTheirParametersAndBuffers() {
        ClassType linearType = new ClassType("__torch__.torch.nn.modules.linear.Linear", true);
        linearType.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        linearType.addAttribute("bias", OptionalType.of(TensorType.INSTANCE), ClassType.AttributeKind.PARAMETER);
        ClassType bnType = new ClassType("__torch__.torch.nn.modules.batchnorm.BatchNorm1d", true);
        bnType.addAttribute("running_mean", TensorType.INSTANCE, ClassType.AttributeKind.BUFFER);
        bnType.addAttribute("num_batches_tracked", TensorType.INSTANCE, ClassType.AttributeKind.BUFFER);
        ClassType blockType = new ClassType("__torch__.Block", true);
        blockType.addAttribute("steps", IntType.INSTANCE, ClassType.AttributeKind.PLAIN);
        blockType.addAttribute("fc", linearType, ClassType.AttributeKind.PLAIN);
        blockType.addAttribute("bn", bnType, ClassType.AttributeKind.PLAIN);
        ClassType rootType = new ClassType("__torch__.Net", true);
        rootType.addAttribute("scale", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        rootType.addAttribute("block", blockType, ClassType.AttributeKind.PLAIN);

        ScriptObject fc = new ScriptObject(linearType);
        fc.setAttr("weight", Tensor.zeros(DType.FLOAT32, 3, 4));
        fc.setAttr("bias", null);
        ScriptObject bn = new ScriptObject(bnType);
        bn.setAttr("running_mean", Tensor.zeros(DType.FLOAT32, 3));
        bn.setAttr("num_batches_tracked", Tensor.zeros(DType.INT64));
        ScriptObject block = new ScriptObject(blockType);
        block.setAttr("steps", 2L);
        block.setAttr("fc", fc);
        block.setAttr("bn", bn);
        ScriptObject root = new ScriptObject(rootType);
        root.setAttr("scale", Tensor.zeros(DType.FLOAT64, 1));
        root.setAttr("block", block);

        assertEquals(String.join("\n",
                "<root>: __torch__.Net",
                "  scale (parameter): Double(1)",
                "  block: __torch__.Block",
                "    block.fc: __torch__.torch.nn.modules.linear.Linear",
                "      block.fc.weight (parameter): Float(3, 4)",
                "      block.fc.bias (parameter): None",
                "    block.bn: __torch__.torch.nn.modules.batchnorm.BatchNorm1d",
                "      block.bn.running_mean (buffer): Float(3)",
                "      block.bn.num_batches_tracked (buffer): Long()",
                ""), ModuleTree.render(root));
    }
}
