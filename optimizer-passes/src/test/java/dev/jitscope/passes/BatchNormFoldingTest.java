package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.util.GraphText;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Folding must not change the numbers: we evaluate batch_norm(layer(x)) and the folded layer(x) by
 * hand (a linear layer; a 1x1 convolution on one pixel, which is the same product) and compare.
 */
class BatchNormFoldingTest {
    private static final int IN = 3, OUT = 4;
    private static final double EPS = 1e-5;
    private final Random rnd = new Random(42);
    private final ClassType net = new ClassType("__torch__.Net", true);

    private Tensor random(int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT32, shape);
        float[] a = t.storage().floats();
        for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextDouble() + 0.5);
        return t;
    }

    private ScriptObject module(int... weightShape) {
        for (String a : new String[] {"W", "b", "gamma", "beta", "mean", "var"})
            net.addAttribute(a, TensorType.INSTANCE, ClassType.AttributeKind.BUFFER);
        ScriptObject m = new ScriptObject(net);
        m.setAttr("W", random(weightShape));
        for (String a : new String[] {"b", "gamma", "beta", "mean", "var"}) m.setAttr(a, random(OUT));
        return m;
    }

    private static final String PARAMS = """
          %W : Tensor = prim::GetAttr[name="W"](%self)
          %b : Tensor = prim::GetAttr[name="b"](%self)
          %g : Tensor = prim::GetAttr[name="gamma"](%self)
          %be : Tensor = prim::GetAttr[name="beta"](%self)
          %m : Tensor = prim::GetAttr[name="mean"](%self)
          %v : Tensor = prim::GetAttr[name="var"](%self)
          %f : bool = prim::Constant[value=0]()
          %mom : float = prim::Constant[value=0.1]()
          %eps : float = prim::Constant[value=1e-05]()
        """;

    @Test void linearThenBatchNormBecomesOneLinearWithTheSameResults() {
        ScriptObject m = module(OUT, IN);
        PassContext ctx = new PassContext(IrText.parse("graph(%self : __torch__.Net, %x : Float(2, 3)):\n" + PARAMS + """
              %l : Tensor = aten::linear(%x, %W, %b)
              %y : Tensor = aten::batch_norm(%l, %g, %be, %m, %v, %f, %mom, %eps, %f)
              return (%y)
            """, Map.of("__torch__.Net", net)), m);
        var r = PassManager.instrumented().run(PassRegistry.standard().pipeline("freeze,fold-linear-batch-norm,dead-code-elimination"), ctx);
        assertEquals(Map.of("folded", 1L), r.get(1).statistics());
        FileCheck.check("""
            # CHECK-NOT: aten::batch_norm
            # CHECK: aten::linear
            # CHECK: return (%l)
            """, GraphText.print(ctx.graph()));
        assertSameOutputs(m, ctx);
    }

    @Test void convThenBatchNormBecomesOneConvWithTheSameResults() {
        ScriptObject m = module(OUT, IN, 1, 1);
        PassContext ctx = new PassContext(IrText.parse("graph(%self : __torch__.Net, %x : Tensor):\n" + PARAMS + """
              %one : int[] = prim::Constant[value=[1, 1]]()
              %zero : int[] = prim::Constant[value=[0, 0]]()
              %groups : int = prim::Constant[value=1]()
              %c : Tensor = aten::conv2d(%x, %W, %b, %one, %zero, %one, %groups)
              %y : Tensor = aten::batch_norm(%c, %g, %be, %m, %v, %f, %mom, %eps, %f)
              return (%y)
            """, Map.of("__torch__.Net", net)), m);
        PassManager.instrumented().run(PassRegistry.standard().pipeline("freeze,fold-conv-batch-norm,dead-code-elimination"), ctx);
        FileCheck.check("""
            # CHECK-NOT: aten::batch_norm
            # CHECK: aten::conv2d
            # CHECK: return (%c)
            """, GraphText.print(ctx.graph()));
        assertSameOutputs(m, ctx);
    }

    /** batch_norm(W x + b) from the module's tensors vs W' x + b' from the folded graph's constants. */
    private void assertSameOutputs(ScriptObject m, PassContext ctx) {
        Node layer = ctx.graph().nodes().stream().filter(n -> n.kind().startsWith("aten::linear") || n.kind().startsWith("aten::conv")).findFirst().orElseThrow();
        Tensor w2 = (Tensor) layer.input(1).node().attr("value"), b2 = (Tensor) layer.input(2).node().attr("value");
        Tensor w = (Tensor) m.getAttr("W"), b = (Tensor) m.getAttr("b");
        double[] x = {0.3, -1.2, 2.0};
        for (int o = 0; o < OUT; o++) {
            double pre = b.getDouble(o), folded = b2.getDouble(o);
            for (int i = 0; i < IN; i++) { pre += w.getDouble(o * IN + i) * x[i]; folded += w2.getDouble(o * IN + i) * x[i]; }
            double expected = (pre - get(m, "mean", o)) / Math.sqrt(get(m, "var", o) + EPS) * get(m, "gamma", o) + get(m, "beta", o);
            assertEquals(expected, folded, 1e-5, "output channel " + o);
        }
    }

    private static double get(ScriptObject m, String name, int i) { return ((Tensor) m.getAttr(name)).getDouble(i); }
}
