package dev.jitscope.ir.transform;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.ir.print.GraphPrinter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BatchNorm's rank check after a convolution folds away, as in PyTorch's inlined callees. */
class PeepholeConvolutionRankTest {
    private static String peepholed(String body) {
        Graph g = GraphParser.parse("""
                graph(%x : Tensor,
                      %w : Tensor):
                  %y : Tensor = aten::conv2d(%x, %w)
                """ + body);
        Peephole.run(g);
        return GraphPrinter.print(g);
    }

    @Test
    void dimOfAConv2dResultIsFour() {
        String out = peepholed("""
                  %d : int = aten::dim(%y)
                  return (%d)
                """);
        assertFalse(out.contains("aten::dim"), out);
        assertTrue(out.contains("prim::Constant[value=4]"), out);
    }

    @Test
    void dimOfAResultWrittenInPlaceStays() {
        String out = peepholed("""
                  %r : Tensor = aten::relu_(%y)
                  %d : int = aten::dim(%y)
                  %t : (Tensor, int) = prim::TupleConstruct(%r, %d)
                  return (%t)
                """);
        assertTrue(out.contains("aten::dim"), out);
    }

    @Test
    void aWriteThroughAViewAlsoKeepsTheDim() {
        String out = peepholed("""
                  %v : Tensor = aten::t(%y)
                  %one : int = prim::Constant[value=1]()
                  %r : Tensor = aten::add_(%v, %x, %one)
                  %d : int = aten::dim(%y)
                  %t : (Tensor, int) = prim::TupleConstruct(%r, %d)
                  return (%t)
                """);
        assertTrue(out.contains("aten::dim"), out);
    }
}
