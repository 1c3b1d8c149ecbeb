package dev.jitscope.passes;

import org.junit.jupiter.api.Test;

class SimplifyToFixpointTest {
    /** Two branches yielding separate Nones: the If yields None, so the test folds and its branch goes. */
    private static final String NESTED_OPTIONAL = """
            graph(%x : Tensor, %b : bool):
              %none : NoneType = prim::Constant()
              %opt : Tensor? = prim::If(%b)
                block0():
                  %n1 : NoneType = prim::Constant()
                  -> (%n1)
                block1():
                  %n2 : NoneType = prim::Constant()
                  -> (%n2)
              %given : bool = aten::__isnot__(%opt, %none)
              %r : Tensor = prim::If(%given)
                block0():
                  %y : Tensor = aten::neg(%x)
                  -> (%y)
                block1():
                  -> (%x)
              return (%r)
            """;

    @Test void repeatsUntilTheOptionalTestAndItsBranchAreGone() {
        PassTesting.check("simplify,dead-code-elimination", NESTED_OPTIONAL + """
            # CHECK-NOT: aten::__isnot__
            # CHECK-NOT: aten::neg
            # CHECK: return (%x)
            """);
    }
}
