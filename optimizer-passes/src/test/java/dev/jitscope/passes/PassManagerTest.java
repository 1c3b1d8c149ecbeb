package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitscope.ir.Node;
import dev.jitscope.passes.manager.PassFailure;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.manager.PassRunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassManagerTest {
    private static final String IR = """
        graph(%x : Tensor, %y : Tensor):
          %a : Tensor = aten::mul(%x, %y)
          %b : Tensor = aten::mul(%x, %y)
          %s : Tensor = aten::add(%a, %b)
          return (%s)
        """;

    @Test void recordsPerPassNodeCountsDiffAndJson() {
        PassContext ctx = new PassContext(IrText.parse(IR));
        List<PassRunResult> rs = PassManager.instrumented().run(PassRegistry.standard().pipeline("cse, dead-code-elimination"), ctx);
        PassRunResult cse = rs.get(0);
        assertEquals("cse", cse.name());
        assertTrue(cse.changed());
        assertEquals(3, cse.nodesBefore());
        assertEquals(2, cse.nodesAfter());
        assertEquals(List.of("aten::mul @test.ir:3:1"), cse.diff().removed());
        assertEquals(List.of("aten::add @test.ir:4:1"), cse.diff().rewired());
        assertFalse(rs.get(1).changed());
        String json = PassRunResult.toJson(rs);
        assertTrue(json.startsWith("[{\"name\":\"cse\",\"changed\":true,"), json);
        assertTrue(json.contains("\"nodes_before\":3,\"nodes_after\":2,\"added\":[],\"removed\":[\"aten::mul @test.ir:3:1\"]"), json);
    }

    @Test void changedComesFromTheFingerprintNotFromThePassClaim() {
        Pass liar = new Pass() {
            @Override public PassInfo info() { return new PassInfo("liar", "claims changes", "", List.of()); }
            @Override public boolean run(PassContext ctx) { return true; }
        };
        PassRunResult r = PassManager.instrumented().run(List.of(liar), new PassContext(IrText.parse(IR))).get(0);
        assertTrue(r.claimedChanged());
        assertFalse(r.changed());
        assertTrue(r.diff().isEmpty());
        assertEquals(r.before().fingerprint(), r.after().fingerprint());
    }

    @Test void aPassThatBreaksTheGraphIsNamed() {
        Pass breaker = new Pass() {
            @Override public PassInfo info() { return new PassInfo("breaker", "moves a use above its definition", "", List.of()); }
            @Override public boolean run(PassContext ctx) {
                Node add = ctx.graph().nodes().get(2);
                add.moveBefore(ctx.graph().nodes().get(0));
                return true;
            }
        };
        PassFailure f = assertThrows(PassFailure.class,
                () -> PassManager.instrumented().run(List.of(breaker), new PassContext(IrText.parse(IR))));
        assertEquals("breaker", f.pass());
        assertTrue(f.getMessage().contains("used before it is defined"), f.getMessage());
    }

    @Test void unknownPassNamesAreReportedTogether() {
        var e = assertThrows(IllegalArgumentException.class, () -> PassRegistry.standard().pipeline("cse,nope,nada"));
        assertTrue(e.getMessage().contains("[nope, nada]"), e.getMessage());
    }

    @Test void namedPipelinesResolveToRegisteredPasses() {
        PassRegistry reg = PassRegistry.standard();
        for (String p : List.of("default", "inference"))
            assertFalse(reg.pipeline(p).isEmpty());
    }
}
