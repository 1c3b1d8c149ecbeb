package dev.jitscope.passes;

import org.junit.jupiter.api.Test;

class ConstantIfRemovalTest {
    @Test void inlinesTheTakenBranchAndDropsTheOther() {
        PassTesting.check("constant-if-removal", """
            graph(%x : Tensor):
              %f : bool = prim::Constant[value=0]()
              %y : Tensor = prim::If(%f)
                block0():
                  %p : Tensor = aten::relu(%x)
                  -> (%p)
                block1():
                  %q : Tensor = aten::neg(%x)
                  -> (%q)
              return (%y)
            # CHECK-NOT: prim::If
            # CHECK-NOT: aten::relu
            # CHECK: %q : Tensor = aten::neg(%x)
            # CHECK: return (%q)
            """);
    }

    @Test void handlesNestedConstantIfs() {
        PassTesting.check("constant-if-removal", """
            graph(%x : Tensor, %c : bool):
              %t : bool = prim::Constant[value=1]()
              %y : Tensor = prim::If(%t)
                block0():
                  %z : Tensor = prim::If(%t)
                    block0():
                      %p : Tensor = aten::relu(%x)
                      -> (%p)
                    block1():
                      -> (%x)
                  -> (%z)
                block1():
                  -> (%x)
              %w : Tensor = prim::If(%c)
                block0():
                  -> (%y)
                block1():
                  -> (%x)
              return (%w)
            # CHECK: aten::relu
            # CHECK-COUNT-1: prim::If
            # CHECK: prim::If(%c)
            """);
    }

    @Test void defaultPipelineFoldsAConditionThenDropsItsIf() {
        PassTesting.check("default", """
            graph(%x : Tensor):
              %n : int = prim::Constant[value=4]()
              %two : int = prim::Constant[value=2]()
              %c : bool = aten::gt(%n, %two)
              %y : Tensor = prim::If(%c)
                block0():
                  %p : Tensor = aten::relu(%x)
                  -> (%p)
                block1():
                  -> (%x)
              return (%y)
            # CHECK-NOT: aten::gt
            # CHECK-NOT: prim::If
            # CHECK: aten::relu(%x)
            """);
    }
}
