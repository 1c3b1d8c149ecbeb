package dev.jitscope.passes;

import org.junit.jupiter.api.Test;

class PeepholeTest {
    @Test void removesIdentitiesAndDoubleTransposes() {
        PassTesting.check("peephole,dead-code-elimination", """
            graph(%x : Tensor):
              %one : int = prim::Constant[value=1]()
              %zero : int = prim::Constant[value=0]()
              %a : Tensor = aten::mul(%x, %one)
              %b : Tensor = aten::add(%a, %zero, %one)
              %t1 : Tensor = aten::t(%b)
              %t2 : Tensor = aten::t(%t1)
              %r : Tensor = aten::relu(%t2)
              return (%r)
            # CHECK-NOT: aten::mul
            # CHECK-NOT: aten::add
            # CHECK-NOT: aten::t
            # CHECK: aten::relu(%x)
            """);
    }

    @Test void keepsIdentitiesWhenTensorsAreMutatedOrBool() {
        PassTesting.check("peephole", """
            graph(%x : Tensor, %m : Bool(2)):
              %one : int = prim::Constant[value=1]()
              %a : Tensor = aten::mul(%x, %one)
              %w : Tensor = aten::relu_(%a)
              %b : Tensor = aten::mul(%m, %one)
              %out : (Tensor, Tensor) = prim::TupleConstruct(%x, %b)
              return (%out)
            # CHECK: aten::mul(%x, %one)
            # CHECK: aten::mul(%m, %one)
            """);
    }

    @Test void foldsSizeAndDimOfKnownShapes() {
        PassTesting.check("peephole,dead-code-elimination", """
            graph(%x : Float(2, 3)):
              %d : int = prim::Constant[value=-1]()
              %s : int[] = aten::size(%x)
              %n : int = aten::size(%x, %d)
              %k : int = aten::dim(%x)
              %out : (int[], int, int) = prim::TupleConstruct(%s, %n, %k)
              return (%out)
            # CHECK-NOT: aten::size
            # CHECK: int[] = prim::Constant[value=[2, 3]]
            # CHECK: int = prim::Constant[value=3]
            # CHECK: int = prim::Constant[value=2]
            """);
    }

    @Test void collapsesRepeatedContiguous() {
        PassTesting.check("peephole,dead-code-elimination", """
            graph(%x : Tensor):
              %f : int = prim::Constant[value=0]()
              %a : Tensor = aten::contiguous(%x, %f)
              %b : Tensor = aten::contiguous(%a, %f)
              return (%b)
            # CHECK-COUNT-1: aten::contiguous
            # CHECK: return (%a)
            """);
    }
}
