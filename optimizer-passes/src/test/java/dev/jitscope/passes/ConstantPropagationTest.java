package dev.jitscope.passes;

import org.junit.jupiter.api.Test;

class ConstantPropagationTest {
    @Test void foldsScalarArithmeticTransitively() {
        PassTesting.check("constant-propagation,dead-code-elimination", """
            graph(%x : Tensor):
              %a : int = prim::Constant[value=7]()
              %b : int = prim::Constant[value=-2]()
              %q : int = aten::floordiv(%a, %b)
              %r : int = aten::remainder(%a, %b)
              %d : float = aten::div(%a, %b)
              %s : int = aten::add(%q, %r)
              %lt : bool = aten::lt(%s, %a)
              %out : (int, float, bool) = prim::TupleConstruct(%s, %d, %lt)
              return (%out)
            # CHECK-NOT: aten::floordiv
            # CHECK: prim::Constant[value=-3.5]
            # CHECK: int = prim::Constant[value=-5]
            # CHECK: bool = prim::Constant[value=1]
            """);
    }

    @Test void leavesDivisionByZeroForRunTime() {
        PassTesting.check("constant-propagation", """
            graph():
              %a : int = prim::Constant[value=1]()
              %z : int = prim::Constant[value=0]()
              %q : int = aten::floordiv(%a, %z)
              return (%q)
            # CHECK: aten::floordiv
            """);
    }

    @Test void isNoneOnANonOptionalValueIsKnown() {
        PassTesting.check("peephole,constant-if-removal,dead-code-elimination", """
            graph(%x : Tensor, %o : Tensor?):
              %none : NoneType = prim::Constant()
              %c : bool = aten::__is__(%x, %none)
              %k : bool = aten::__is__(%o, %none)
              %y : Tensor = prim::If(%c)
                block0():
                  -> (%x)
                block1():
                  %n : Tensor = aten::neg(%x)
                  -> (%n)
              %out : (Tensor, bool) = prim::TupleConstruct(%y, %k)
              return (%out)
            # CHECK: aten::__is__(%o, %none)
            # CHECK-NOT: prim::If
            # CHECK: aten::neg(%x)
            """);
    }
}
