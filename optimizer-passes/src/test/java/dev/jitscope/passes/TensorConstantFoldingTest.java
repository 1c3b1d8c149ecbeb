package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.passes.util.Constants;
import dev.jitscope.passes.util.GraphText;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** After freezing, weights are constants; ops on them alone fold through the kernels. */
class TensorConstantFoldingTest {
    private static Tensor weights() {
        Tensor t = Tensor.zeros(DType.FLOAT32, 2, 3);
        for (int i = 0; i < 6; i++) t.storage().floats()[i] = i * 0.5f - 1;
        return t;
    }

    /** Gives the prim::Constant defining %W the tensor (our test IR reader has no tensor literals). */
    private static Graph withWeight(String ir, Tensor w) {
        Graph g = PassTesting.parse(ir);
        Node c = g.nodes().stream().filter(n -> n.kind().equals(Node.CONSTANT) && "W".equals(n.output().debugName())).findFirst().orElseThrow();
        c.setAttr("value", w);
        c.output().setType(Constants.typeOf(w));
        return g;
    }

    @Test void foldsTransposeAndScalingOfAConstantWeight() {
        Tensor w = weights();
        PassContext ctx = new PassContext(withWeight("""
            graph(%x : Tensor):
              %W : Tensor = prim::Constant()
              %two : float = prim::Constant[value=2.0]()
              %wt : Tensor = aten::t(%W)
              %w2 : Tensor = aten::mul(%wt, %two)
              %y : Tensor = aten::mm(%x, %w2)
              return (%y)
            """, w));
        new dev.jitscope.passes.manager.PassManager().run(PassRegistry.standard().pipeline("constant-propagation,dead-code-elimination"), ctx);
        String out = GraphText.print(ctx.graph());
        FileCheck.check("""
            # CHECK-NOT: aten::t
            # CHECK-NOT: aten::mul
            # CHECK: %w2 : Float(3, 2
            # CHECK: aten::mm(%x, %w2)
            """, out);
        Tensor folded = (Tensor) ctx.graph().nodes().get(0).attr("value");
        assertEquals(6, folded.numel());
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 2; c++)
                assertEquals(w.getDouble(c * 3 + r) * 2, folded.getDouble(r * 2 + c), 1e-6);
    }

    @Test void doesNotFoldWhenTheConstantIsWrittenInPlace() {
        PassContext ctx = new PassContext(withWeight("""
            graph(%x : Tensor):
              %W : Tensor = prim::Constant()
              %wt : Tensor = aten::t(%W)
              %z : Tensor = aten::relu_(%W)
              %y : Tensor = aten::mm(%x, %wt)
              return (%y)
            """, weights()));
        new dev.jitscope.passes.manager.PassManager().run(PassRegistry.standard().pipeline("constant-propagation"), ctx);
        FileCheck.check("# CHECK: aten::t(%W)", GraphText.print(ctx.graph()));
    }
}
