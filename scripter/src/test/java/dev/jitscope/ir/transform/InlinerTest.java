package dev.jitscope.ir.transform;

import dev.jitscope.frontend.emit.CompilationUnit;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.print.GraphPrinter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Inlining as PyTorch's {@code inlined_graph}: callees optimized, the top graph left as emitted. */
class InlinerTest {
    static final String SOURCE = """
            import torch
            from typing import Optional

            def helper(x: torch.Tensor, k: Optional[int] = None) -> torch.Tensor:
                if 2 > 1:
                    y = x + 1
                else:
                    y = x - 1
                if k is None:
                    return y
                return y * k

            def plain(x: torch.Tensor) -> torch.Tensor:
                n = 3
                if x is None:
                    return x
                return torch.relu(x) * n

            def top(a: torch.Tensor) -> torch.Tensor:
                z = helper(a, 3)
                w = plain(z)
                return z * 2 + w
            """;

    private static Graph compiled(String fn) {
        CompilationUnit cu = ScriptCompiler.compileSource(new Source("inl.py", SOURCE));
        return cu.function(fn).graph();
    }

    private static List<String> kinds(Graph g) {
        return g.block().allNodes().stream().map(Node::kind).filter(k -> !k.equals(Node.CONSTANT)).toList();
    }

    @Test
    void callsAreReplacedByTheCalleesOptimizedBodies() {
        Graph top = compiled("top");
        String before = GraphPrinter.print(top);
        Graph inlined = Inliner.inline(top);
        assertEquals(before, GraphPrinter.print(top), "the method's own graph must not change");
        assertFalse(kinds(inlined).contains(Node.CALL_FUNCTION), GraphPrinter.print(inlined));
        // helper: the constant 2 > 1 branch is gone; `k is None` stays (k is Optional[int])
        // plain: `x is None` on a Tensor folds to False, so only relu and mul remain
        assertEquals(List.of("aten::add", "aten::__is__", Node.IF, "prim::unchecked_cast", "aten::mul",
                "aten::relu", "aten::mul", "aten::mul", "aten::add"), kinds(inlined));
    }

    @Test
    void theCallersNameSurvivesOnTheInlinedResult() {
        String printed = GraphPrinter.print(Inliner.inline(compiled("top")));
        assertTrue(printed.contains("%z : Tensor = prim::If("), printed);
        assertTrue(printed.contains("# inl.py:6:12"), "inlined nodes keep the callee's source ranges:\n" + printed);
    }

    /** Unnamed values print as their ids, which a copy renumbers (as PyTorch's copies do). */
    private static String withoutIds(String printed) { return printed.replaceAll("%\\d+", "%_"); }

    @Test
    void copiesPrintIdenticallyAndAreIndependent() {
        Graph g = compiled("helper");
        Graph copy = GraphCopier.copy(g);
        assertEquals(withoutIds(GraphPrinter.print(g)), withoutIds(GraphPrinter.print(copy)));
        String original = GraphPrinter.print(g);
        DeadCodeElimination.run(copy);
        copy.block().nodes().get(copy.block().nodes().size() - 1).setKind("aten::changed");
        assertEquals(original, GraphPrinter.print(g), "folding the copy must not touch the original");
    }
}
