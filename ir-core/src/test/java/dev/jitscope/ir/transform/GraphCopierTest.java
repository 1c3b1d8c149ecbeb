package dev.jitscope.ir.transform;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.ir.print.GraphPrinter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class GraphCopierTest {
    static final String LOOP_GRAPH = """
            graph(%x.1 : Tensor,
                  %n.1 : int):
              %2 : bool = prim::Constant[value=1]()
              %x : Tensor = prim::Loop(%n.1, %2, %x.1)
                block0(%i.1 : int, %x.6 : Tensor):
                  %x.3 : Tensor = aten::mul(%x.6, %i.1)
                  -> (%2, %x.3)
              %8 : (Tensor, Tensor) = prim::TupleConstruct(%x, %x.1)
              return (%8)
            """;

    @Test
    void aCopyPrintsExactlyLikeTheOriginalAndSharesNoNodes() {
        Graph g = GraphParser.parse(LOOP_GRAPH);
        Graph copy = GraphCopier.copy(g);
        assertEquals(GraphPrinter.print(g), GraphPrinter.print(copy));
        assertEquals(1, copy.outputs().size());
        assertNotSame(g.nodes().get(0), copy.nodes().get(0));
    }
}
