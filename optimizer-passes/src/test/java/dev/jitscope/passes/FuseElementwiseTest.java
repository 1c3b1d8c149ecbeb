package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FuseElementwiseTest {
    @Test void fusesAChainIntoOneGroupWithItsSubgraph() {
        var r = PassTesting.check("fuse-elementwise", """
            graph(%x : Tensor, %y : Tensor, %w : Tensor):
              %one : int = prim::Constant[value=1]()
              %a : Tensor = aten::mul(%x, %y)
              %b : Tensor = aten::add(%a, %x, %one)
              %c : Tensor = aten::sigmoid(%b)
              %m : Tensor = aten::mm(%c, %w)
              %d : Tensor = aten::relu(%m)
              %out : (Tensor, Tensor) = prim::TupleConstruct(%a, %d)
              return (%out)
            # CHECK: %a : Tensor, %c : Tensor = prim::FusionGroup
            # CHECK-NEXT: aten::mm(%c, %w)
            # CHECK-NEXT: aten::relu(%m)
            # CHECK: with prim::FusionGroup_0 = graph(%x : Tensor,
            # CHECK: prim::Constant[value=1]()
            # CHECK: aten::mul(%x, %y)
            # CHECK: aten::add(%a, %x, %one)
            # CHECK: aten::sigmoid(%b)
            # CHECK: return (%a, %c)
            """);
        assertEquals(Map.of("groups", 1L, "nodes-fused", 3L), r.get(0).statistics());
    }

    @Test void leavesSingleOpsAndUnrelatedNeighboursAlone() {
        PassTesting.check("fuse-elementwise", """
            graph(%x : Tensor, %y : Tensor):
              %a : Tensor = aten::relu(%x)
              %b : Tensor = aten::sigmoid(%y)
              %out : (Tensor, Tensor) = prim::TupleConstruct(%a, %b)
              return (%out)
            # CHECK-NOT: prim::FusionGroup
            """);
    }

    @Test void gathersAChainInterleavedWithUnrelatedNodes() {
        PassTesting.check("fuse-elementwise", """
            graph(%x : Tensor, %w : Tensor):
              %a : Tensor = aten::neg(%x)
              %m : Tensor = aten::mm(%w, %w)
              %b : Tensor = aten::tanh(%a)
              %out : (Tensor, Tensor) = prim::TupleConstruct(%b, %m)
              return (%out)
            # CHECK: aten::mm(%w, %w)
            # CHECK-NEXT: %b : Tensor = prim::FusionGroup
            # CHECK: aten::neg(%x)
            # CHECK: aten::tanh(%a)
            """);
    }

    @Test void doesNotMoveAReadPastAnInPlaceWrite() {
        PassTesting.check("fuse-elementwise", """
            graph(%x : Tensor):
              %a : Tensor = aten::neg(%x)
              %r : Tensor = aten::relu_(%x)
              %b : Tensor = aten::tanh(%a)
              %out : (Tensor, Tensor) = prim::TupleConstruct(%b, %r)
              return (%out)
            # CHECK-NOT: prim::FusionGroup
            # CHECK: aten::neg(%x)
            # CHECK-NEXT: aten::relu_(%x)
            """);
    }

    @Test void fusesInPlaceOpsOnATemporaryAsResnetsResidualDoes() {
        // out = conv(x); out += identity; relu_(out): nobody else reads the convolution's result
        var r = PassTesting.check("fuse-elementwise", """
            graph(%x : Tensor, %w : Tensor, %identity : Tensor):
              %none : NoneType = prim::Constant()
              %one : int = prim::Constant[value=1]()
              %s : int[] = prim::ListConstruct(%one, %one)
              %z : int[] = prim::ListConstruct(%one, %one)
              %out : Tensor = aten::conv2d(%x, %w, %none, %s, %z, %s, %one)
              %sum : Tensor = aten::add_(%out, %identity, %one)
              %y : Tensor = aten::relu_(%sum)
              return (%y)
            # CHECK: aten::conv2d
            # CHECK-NEXT: %y : Tensor = prim::FusionGroup
            # CHECK: with prim::FusionGroup_0 = graph(%out : Tensor,
            # CHECK: aten::add_(%out, %identity, %one)
            # CHECK: aten::relu_(%sum)
            """);
        assertEquals(Map.of("groups", 1L, "nodes-fused", 2L), r.get(0).statistics());
    }

    @Test void leavesInPlaceOpsOnAnInputOrOnAValueReadElsewhere() {
        // %x is the caller's tensor: the write is visible to it
        PassTesting.check("fuse-elementwise", """
            graph(%x : Tensor, %y : Tensor):
              %one : int = prim::Constant[value=1]()
              %a : Tensor = aten::add_(%x, %y, %one)
              %b : Tensor = aten::relu_(%a)
              return (%b)
            # CHECK-NOT: prim::FusionGroup
            """);
        // %t is fresh but also returned: it must see the write
        PassTesting.check("fuse-elementwise", """
            graph(%x : Tensor, %y : Tensor):
              %one : int = prim::Constant[value=1]()
              %t : Tensor = aten::mul(%x, %y)
              %a : Tensor = aten::add_(%t, %y, %one)
              %out : (Tensor, Tensor) = prim::TupleConstruct(%a, %t)
              return (%out)
            # CHECK-NOT: prim::FusionGroup
            """);
    }
}
