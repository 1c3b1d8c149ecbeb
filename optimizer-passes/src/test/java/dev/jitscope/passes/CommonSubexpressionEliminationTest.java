package dev.jitscope.passes;

import org.junit.jupiter.api.Test;

class CommonSubexpressionEliminationTest {
    @Test void mergesIdenticalPureNodesIncludingIntoNestedBlocks() {
        PassTesting.check("cse", """
            graph(%x : Tensor, %y : Tensor, %c : bool):
              %a : Tensor = aten::mul(%x, %y)
              %b : Tensor = aten::mul(%x, %y)
              %r : Tensor = prim::If(%c)
                block0():
                  %d : Tensor = aten::mul(%x, %y)
                  -> (%d)
                block1():
                  -> (%b)
              %s : Tensor = aten::add(%a, %r)
              return (%s)
            # CHECK-COUNT-1: aten::mul
            # CHECK: -> (%a)
            # CHECK: -> (%a)
            # CHECK: aten::add(%a, %r)
            """);
    }

    @Test void doesNotMergeAcrossMutationsOrRandomOps() {
        PassTesting.check("cse", """
            graph(%x : Tensor, %y : Tensor):
              %a : Tensor = aten::mul(%x, %y)
              %one : int = prim::Constant[value=1]()
              %w : Tensor = aten::add_(%x, %y, %one)
              %b : Tensor = aten::mul(%x, %y)
              %r1 : Tensor = aten::rand_like(%x)
              %r2 : Tensor = aten::rand_like(%x)
              %l1 : int[] = prim::ListConstruct(%one)
              %l2 : int[] = prim::ListConstruct(%one)
              %out : (Tensor, Tensor, Tensor, Tensor, int[], int[]) = prim::TupleConstruct(%a, %b, %r1, %r2, %l1, %l2)
              return (%out)
            # CHECK-COUNT-2: aten::mul
            # CHECK-COUNT-2: aten::rand_like
            # CHECK-COUNT-2: prim::ListConstruct
            """);
    }

    @Test void sameValueDifferentConstantTypesStayApart() {
        PassTesting.check("cse", """
            graph():
              %i : int = prim::Constant[value=1]()
              %f : float = prim::Constant[value=1.0]()
              %j : int = prim::Constant[value=1]()
              %out : (int, float, int) = prim::TupleConstruct(%i, %f, %j)
              return (%out)
            # CHECK-COUNT-2: prim::Constant
            # CHECK: prim::TupleConstruct(%i, %f, %i)
            """);
    }
}
