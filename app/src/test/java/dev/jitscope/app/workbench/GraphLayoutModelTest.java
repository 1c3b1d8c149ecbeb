package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.graph.ElkGraphLayout;
import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import dev.jitscope.app.workbench.graph.NodeCategory;
import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.ir.Node;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The layout the graph view draws, computed by ELK without any display. */
class GraphLayoutModelTest {
    private final OpenedModel sample = OpenedModel.controlFlowModel();
    private final GraphLayoutModel layout = ElkGraphLayout.layout(sample.forward());

    @Test
    void everyIrNodeGetsABoxPlusInputsAndReturn() {
        int irNodes = sample.forward().block().allNodes().size();
        long drawnIr = layout.nodes().stream().filter(n -> !n.irNode().kind().equals(Node.PARAM)
                && !n.irNode().kind().equals(Node.RETURN)).count();
        assertEquals(irNodes, drawnIr);
        assertEquals(1, layout.blocks().size() / 2, "the if has a then-block and an else-block frame");
    }

    @Test
    void blockNodesLieInsideTheirIfContainer() {
        LayoutNode ifNode = layout.nodes().stream().filter(n -> n.irNode().kind().equals(Node.IF)).findFirst().orElseThrow();
        assertTrue(ifNode.container());
        LayoutNode linear = layout.search("prim::CallMethod").get(0);
        assertTrue(linear.x() >= ifNode.x() && linear.x() + linear.width() <= ifNode.x() + ifNode.width(), "x inside");
        assertTrue(linear.y() >= ifNode.y() && linear.y() + linear.height() <= ifNode.y() + ifNode.height(), "y inside");
        assertEquals(NodeCategory.CONTROL_FLOW, ifNode.category());
        assertEquals(NodeCategory.CALL, linear.category());
    }

    @Test
    void dataFlowRunsTopToBottom() {
        LayoutNode mean = layout.search("aten::mean").get(0);
        LayoutNode tanh = layout.search("aten::tanh").get(0);
        assertTrue(mean.y() < tanh.y(), "mean is computed before tanh");
        assertFalse(layout.edges().isEmpty());
    }

    @Test
    void searchMatchesKindsAndValueNames() {
        assertEquals(1, layout.search("tanh").size());
        assertTrue(layout.search("%y").stream().anyMatch(n -> n.irNode().kind().equals(Node.IF)),
                "the if defines %y");
        assertTrue(layout.search("  ").isEmpty());
    }

    @Test
    void nodeAtFindsTheInnermostBoxAndNothingOnEmptyCanvas() {
        LayoutNode call = layout.search("prim::CallMethod").get(0);
        assertSame(call, layout.nodeAt(call.centerX(), call.centerY()));
        LayoutNode ifNode = layout.search("prim::If").get(0);
        assertSame(ifNode, layout.nodeAt(ifNode.centerX(), ifNode.y() + 5), "the if's header row selects the if");
        assertNull(layout.nodeAt(-1000, -1000));
    }
}
