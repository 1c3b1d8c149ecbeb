package dev.jitscope.passes;

import org.junit.jupiter.api.Test;

class RemoveDropoutTest {
    @Test void removesOnlyEvalModeDropout() {
        PassTesting.check("remove-dropout", """
            graph(%x : Tensor, %train : bool):
              %p : float = prim::Constant[value=0.5]()
              %f : bool = prim::Constant[value=0]()
              %a : Tensor = aten::dropout(%x, %p, %f)
              %b : Tensor = aten::dropout(%a, %p, %train)
              return (%b)
            # CHECK-COUNT-1: aten::dropout
            # CHECK: aten::dropout(%x, %p, %train)
            """);
    }
}
