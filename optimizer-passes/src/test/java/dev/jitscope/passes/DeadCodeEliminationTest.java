package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadCodeEliminationTest {
    @Test void removesUnusedChainsButKeepsInPlaceWrites() {
        var r = PassTesting.check("dead-code-elimination", """
            graph(%x : Tensor, %y : Tensor):
              %a : Tensor = aten::relu(%x)
              %b : Tensor = aten::neg(%a)
              %one : int = prim::Constant[value=1]()
              %c : Tensor = aten::add_(%y, %x, %one)
              return (%y)
            # CHECK-NOT: aten::relu
            # CHECK-NOT: aten::neg
            # CHECK: aten::add_
            # CHECK: return (%y)
            """);
        assertEquals(Map.of("removed", 2L), r.get(0).statistics());
        assertEquals(2, r.get(0).diff().removed().size());
    }

    @Test void keepsIfWithSideEffectsEvenWhenItsResultIsUnused() {
        PassTesting.check("dead-code-elimination", """
            graph(%c : bool, %x : Tensor):
              %u : Tensor = prim::If(%c)
                block0():
                  %m : str = prim::Constant[value="boom"]()
                  prim::RaiseException(%m)
                  -> (%x)
                block1():
                  -> (%x)
              %dead : Tensor = prim::If(%c)
                block0():
                  %n : Tensor = aten::neg(%x)
                  -> (%n)
                block1():
                  -> (%x)
              return (%x)
            # CHECK-COUNT-1: prim::If
            # CHECK: prim::RaiseException
            # CHECK-NOT: aten::neg
            """);
    }

    @Test void unchangedGraphReportsNoChange() {
        var r = PassTesting.check("dead-code-elimination", """
            graph(%x : Tensor):
              %a : Tensor = aten::relu(%x)
              return (%a)
            # CHECK: aten::relu
            """);
        assertFalse(r.get(0).changed());
    }
}
