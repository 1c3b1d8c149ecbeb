package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitscope.passes.util.GraphText;
import org.junit.jupiter.api.Test;

class CanonicalizeTest {
    @Test void graphsDifferingOnlyInNumberingPrintTheSameAfterward() {
        String ir = """
            graph(%x : Tensor):
              %17 : Tensor = aten::relu(%x)
              %9 : Tensor = aten::neg(%17)
              return (%9)
            """;
        var a = new PassContext(IrText.parse(ir));
        var b = new PassContext(IrText.parse(ir));
        // b's temporaries get higher ids, as after a pass created and deleted nodes
        var extra = b.graph().create("aten::relu");
        extra.addOutput(dev.jitscope.ir.type.TensorType.INSTANCE);
        Canonicalize().run(a);
        Canonicalize().run(b);
        assertEquals(GraphText.print(a.graph()), GraphText.print(b.graph()));
        FileCheck.check("""
            # CHECK: %1 : Tensor = aten::relu(%x)
            # CHECK-NEXT: %2 : Tensor = aten::neg(%1)
            """, GraphText.print(a.graph()));
    }

    @Test void keepsDebugNamesAndReportsNoChangeWhenAlreadyCanonical() {
        var r = PassTesting.check("canonicalize,canonicalize", """
            graph(%x : Tensor):
              %y : Tensor = aten::relu(%x)
              return (%y)
            # CHECK: %y : Tensor = aten::relu(%x)
            """);
        assertTrue(!r.get(1).changed() && !r.get(1).claimedChanged());
    }

    @Test void rebuildingTheGraphIsNotReportedAsAddedOrRemovedNodes() {
        String ir = """
            graph(%x : Tensor):
              %y : Tensor = aten::relu(%x)
              %z : Tensor = aten::neg(%y)
              return (%z)
            """;
        var ctx = new PassContext(IrText.parse(ir));
        ctx.graph().create("aten::relu").addOutput(dev.jitscope.ir.type.TensorType.INSTANCE);   // burn an id
        var r = dev.jitscope.passes.manager.PassManager.instrumented().run(java.util.List.of(Canonicalize()), ctx);
        assertTrue(r.get(0).diff().isEmpty(), r.get(0).diff().toString());
    }

    private static Pass Canonicalize() { return PassRegistry.standard().get("canonicalize"); }
}
