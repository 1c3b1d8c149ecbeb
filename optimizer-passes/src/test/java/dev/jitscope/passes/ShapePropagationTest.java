package dev.jitscope.passes;

import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.util.GraphText;
import dev.jitscope.tensor.DType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapePropagationTest {
    private static JitType f32(int... sizes) { return TensorType.of(DType.FLOAT32, sizes, null); }

    @Test void propagatesThroughAConvNetHead() {
        var g = PassTesting.parse("""
            graph(%x : Tensor, %w : Float(8, 3, 3, 3), %fw : Float(10, 392)):
              %none : NoneType = prim::Constant()
              %s1 : int[] = prim::Constant[value=[1, 1]]()
              %s2 : int[] = prim::Constant[value=[2, 2]]()
              %p0 : int[] = prim::Constant[value=[0, 0]]()
              %g : int = prim::Constant[value=1]()
              %f : bool = prim::Constant[value=0]()
              %s : int = prim::Constant[value=1]()
              %e : int = prim::Constant[value=-1]()
              %c : Tensor = aten::conv2d(%x, %w, %none, %s1, %s1, %s1, %g)
              %r : Tensor = aten::relu(%c)
              %m : Tensor = aten::max_pool2d(%r, %s2, %s2, %p0, %s1, %f)
              %fl : Tensor = aten::flatten(%m, %s, %e)
              %y : Tensor = aten::linear(%fl, %fw, %none)
              return (%y)
            """);
        PassContext ctx = new PassContext(g, null, Arrays.asList(f32(2, 3, 14, 14), null, null));
        new PassManager().run(List.of(PassRegistry.standard().get("shape-propagation")), ctx);
        FileCheck.check("""
            # CHECK: %c : Float(2, 8, 14, 14, strides=[1568, 196, 14, 1], requires_grad=0, device=cpu) = aten::conv2d
            # CHECK: %r : Float(2, 8, 14, 14,
            # CHECK: %m : Float(2, 8, 7, 7,
            # CHECK: %fl : Float(2, 392,
            # CHECK: %y : Float(2, 10,
            """, GraphText.print(ctx.graph()));
    }

    @Test void broadcastsElementwiseOperands() {
        var g = PassTesting.parse("""
            graph(%x : Float(4, 1), %y : Float(3)):
              %a : Tensor = aten::mul(%x, %y)
              %t : Tensor = aten::t(%a)
              return (%t)
            """);
        PassContext ctx = new PassContext(g);
        new PassManager().run(List.of(PassRegistry.standard().get("shape-propagation")), ctx);
        FileCheck.check("""
            # CHECK: %a : Float(4, 3,
            # CHECK: %t : Float(3, 4,
            """, GraphText.print(ctx.graph()));
    }
}
