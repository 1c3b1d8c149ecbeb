package dev.jitscope.passes;

import org.junit.jupiter.api.Test;

class LoopUnrollTest {
    @Test void unrollsConstantTripCountLoops() {
        PassTesting.check("loop-unroll", """
            graph(%x : Tensor):
              %n : int = prim::Constant[value=3]()
              %t : bool = prim::Constant[value=1]()
              %h : Tensor = prim::Loop(%n, %t, %x)
                block0(%i : int, %c : Tensor):
                  %r : Tensor = aten::add(%c, %c, %i)
                  -> (%t, %r)
              return (%h)
            # CHECK-NOT: prim::Loop
            # CHECK: %r.1 : Tensor = aten::add(%x, %x,
            # CHECK: %r.2 : Tensor = aten::add(%r.1, %r.1,
            # CHECK: prim::Constant[value=2]()
            # CHECK-NEXT: %r : Tensor = aten::add(%r.2, %r.2,
            # CHECK: return (%r)
            # CHECK-COUNT-3: aten::add
            """);
    }

    @Test void leavesLoopsWithUnknownTripCountOrBreak() {
        PassTesting.check("loop-unroll", """
            graph(%x : Tensor, %n : int, %c : bool):
              %t : bool = prim::Constant[value=1]()
              %m : int = prim::Constant[value=2]()
              %h : Tensor = prim::Loop(%n, %t, %x)
                block0(%i : int, %a : Tensor):
                  %r : Tensor = aten::neg(%a)
                  -> (%t, %r)
              %g : Tensor = prim::Loop(%m, %t, %h)
                block0(%j : int, %b : Tensor):
                  %s : Tensor = aten::neg(%b)
                  -> (%c, %s)
              return (%g)
            # CHECK-COUNT-2: prim::Loop
            """);
    }
}
