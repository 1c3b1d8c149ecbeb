package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.passes.TextDiff;
import dev.jitscope.app.workbench.passes.TextDiff.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The pass stepper's IR diff: what a reader sees marked + and -. */
class TextDiffTest {
    @Test
    void keepsCommonLinesAndMarksTheRewrittenOne() {
        List<TextDiff.Line> d = TextDiff.lines("graph(%x):\n  %1 = aten::mul(%x, %x)\n  return (%1)\n",
                "graph(%x):\n  %1 = aten::pow(%x, 2)\n  return (%1)\n");
        assertEquals(List.of("  graph(%x):", "-   %1 = aten::mul(%x, %x)", "+   %1 = aten::pow(%x, 2)", "    return (%1)"),
                d.stream().map(TextDiff.Line::toString).toList());
    }

    @Test
    void identicalTextsHaveNoMarkedLine() {
        assertTrue(TextDiff.lines("a\nb\n", "a\nb\n").stream().allMatch(l -> l.kind() == Kind.SAME));
    }
}
