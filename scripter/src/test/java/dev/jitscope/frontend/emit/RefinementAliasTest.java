package dev.jitscope.frontend.emit;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.TensorType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refined Optional bound to another name ({@code h = h0}) is that name's value after the if. */
class RefinementAliasTest {
    @Test
    void anotherNameBoundToTheRefinedValueSurvivesTheJoin() {
        Graph g = ScriptCompiler.compileSource(new Source("m.py", String.join("\n",
                "from typing import Optional",
                "import torch",
                "",
                "def f(x: torch.Tensor, h0: Optional[torch.Tensor] = None):",
                "    if h0 is None:",
                "        h = torch.zeros_like(x)",
                "    else:",
                "        h = h0",
                "    return h",
                ""))).function("f").graph();
        Node ifNode = g.block().nodes().stream().filter(n -> n.kind().equals(Node.IF)).findFirst().orElseThrow();
        assertEquals(1, ifNode.outputs().size());
        assertTrue(ifNode.output().type() instanceof TensorType, ifNode.output().type().str());
        assertEquals(ifNode.output(), g.outputs().get(0));
    }
}
