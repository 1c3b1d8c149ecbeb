package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.manager.PassRunResult;
import dev.jitscope.runtime.GraphExecutor;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The property every pass promises: the optimized graph computes what the original computes.
 * A conv → batch_norm → dropout → relu block with a few redundancies, run by the kernels'
 * interpreter before and after the pipelines.
 */
class PipelinePreservesResultsTest {
    private static final String FORWARD = """
        graph(%self : __torch__.Block, %x : Tensor):
          %W : Tensor = prim::GetAttr[name="weight"](%self)
          %g : Tensor = prim::GetAttr[name="gamma"](%self)
          %be : Tensor = prim::GetAttr[name="beta"](%self)
          %m : Tensor = prim::GetAttr[name="mean"](%self)
          %v : Tensor = prim::GetAttr[name="var"](%self)
          %tr : bool = prim::GetAttr[name="training"](%self)
          %none : NoneType = prim::Constant()
          %one : int = prim::Constant[value=1]()
          %s1 : int[] = prim::Constant[value=[1, 1]]()
          %p1 : int[] = prim::Constant[value=[1, 1]]()
          %mom : float = prim::Constant[value=0.1]()
          %eps : float = prim::Constant[value=1e-05]()
          %p : float = prim::Constant[value=0.5]()
          %c : Tensor = aten::conv2d(%x, %W, %none, %s1, %p1, %s1, %one)
          %bn : Tensor = aten::batch_norm(%c, %g, %be, %m, %v, %tr, %mom, %eps, %tr)
          %d : Tensor = aten::dropout(%bn, %p, %tr)
          %r : Tensor = aten::relu(%d)
          %r2 : Tensor = aten::relu(%d)
          %k : Tensor = aten::mul(%r2, %one)
          %out : Tensor = aten::add(%r, %k, %one)
          return (%out)
        """;

    private final Random rnd = new Random(7);

    private Tensor random(int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT32, shape);
        float[] a = t.storage().floats();
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        return t;
    }

    @Test void defaultAndInferencePipelinesKeepTheNumbers() {
        ClassType type = new ClassType("__torch__.Block", true);
        type.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        for (String a : new String[] {"weight", "gamma", "beta", "mean", "var"})
            type.addAttribute(a, TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        ScriptObject block = new ScriptObject(type);
        block.setAttr("training", false);
        block.setAttr("weight", random(4, 3, 3, 3));
        for (String a : new String[] {"gamma", "beta", "mean"}) block.setAttr(a, random(4));
        Tensor var = random(4);
        for (int i = 0; i < 4; i++) var.storage().floats()[i] = Math.abs(var.storage().floats()[i]) + 0.1f;
        block.setAttr("var", var);
        Tensor x = random(1, 3, 6, 6);

        Tensor expected = run(IrText.parse(FORWARD, Map.of("__torch__.Block", type)), block, x);
        // fuse-elementwise is left out: the interpreter does not run fusion groups yet
        String inference = String.join(",", PassRegistry.INFERENCE.stream().filter(n -> !n.equals("fuse-elementwise")).toList());
        for (String pipeline : List.of("default", inference)) {
            PassContext ctx = new PassContext(IrText.parse(FORWARD, Map.of("__torch__.Block", type)), block);
            List<PassRunResult> results = PassManager.instrumented().run(PassRegistry.standard().pipeline(pipeline), ctx);
            Tensor actual = run(ctx.graph(), block, x);
            assertEquals(expected.numel(), actual.numel());
            for (int i = 0; i < expected.numel(); i++)
                assertEquals(expected.getDouble(i), actual.getDouble(i), 1e-4, pipeline + " element " + i);
            assertTrue(results.get(results.size() - 1).nodesAfter() < results.get(0).nodesBefore(), pipeline);
            String printed = dev.jitscope.passes.util.GraphText.print(ctx.graph());
            FileCheck.check(pipeline.equals("default") ? """
                # CHECK-COUNT-1: aten::relu
                # CHECK-NOT: aten::mul
                """ : """
                # CHECK-NOT: prim::GetAttr
                # CHECK-NOT: aten::batch_norm
                # CHECK-NOT: aten::dropout
                # CHECK: aten::conv2d
                # CHECK-COUNT-1: aten::relu
                """, printed);
        }
    }

    private static Tensor run(Graph g, ScriptObject self, Tensor x) {
        return (Tensor) new GraphExecutor(g).run(List.of(self, x)).get(0);
    }

}
