package dev.jitscope.app.interop;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpKindCensusTest {
    // printed the way PyTorch 1.13 prints MyCell's inlined forward (nested If blocks, no-output nodes)
    static final String GRAPH = String.join("\n",
            "graph(%self : __torch__.MyCell,",
            "      %x.1 : Tensor):",
            "  %2 : int = prim::Constant[value=1]()",
            "  %3 : Tensor = aten::linear(%x.1, %w, %b)",
            "  %4 : Tensor = aten::sum(%3, %5)",
            "  %6 : bool = aten::gt(%4, %2)",
            "  %7 : Tensor = prim::If(%6)",
            "    block0():",
            "      -> (%3)",
            "    block1():",
            "      %8 : Tensor = aten::neg(%3)",
            "      -> (%8)",
            "   = prim::Loop(%9, %10)",
            "    block0(%i : int):",
            "      %11 : Tensor[] = aten::append(%l, %3)",
            "      -> (%10)",
            "  %12 : str = prim::Constant[value=\"= aten::fake(\"]()",
            "  return (%7)");

    @Test
    void countsAtenIfAndLoopThroughNestedBlocks() {
        assertEquals(Map.of("aten::linear", 1, "aten::sum", 1, "aten::gt", 1, "aten::neg", 1, "aten::append", 1,
                "prim::If", 1, "prim::Loop", 1), OpKindCensus.count(GRAPH));
    }

    @Test
    void scoreIsSumOfMinOverSumOfMax() {
        Map<String, Integer> torch = Map.of("aten::add", 3, "prim::If", 1);
        assertEquals(1.0, OpKindCensus.score(torch, torch));
        assertEquals(3.0 / 5.0, OpKindCensus.score(torch, Map.of("aten::add", 2, "aten::mul", 1, "prim::If", 1)), 1e-12);
        assertTrue(OpKindCensus.differences(torch, Map.of("aten::add", 3)).contains("prim::If: PyTorch 1, JitScope 0"));
    }
}
