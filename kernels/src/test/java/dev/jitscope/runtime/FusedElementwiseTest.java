package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A prim::FusionGroup gives what its operators give one by one, fused loop or not. */
class FusedElementwiseTest {
    private static final String BODY = """
            graph(%x : Tensor, %b : Tensor):
              %half : float = prim::Constant[value=0.5]()
              %two : int = prim::Constant[value=2]()
              %t : Tensor = aten::mul(%x, %b)
              %u : Tensor = aten::add(%t, %half, %two)
              %v : Tensor = aten::sigmoid(%u)
              %w : Tensor = aten::sub(%v, %x)
              return (%w, %v)
            """;

    /** The same operators, wrapped in one fusion group. */
    private static Graph fused() {
        Graph outer = GraphParser.parse("""
                graph(%x : Tensor, %b : Tensor):
                  %r : (Tensor, Tensor) = prim::TupleConstruct(%x, %b)
                  return (%r)
                """);
        Node tuple = outer.block().nodes().get(0);
        Node group = outer.create("prim::FusionGroup");
        group.setAttr("Subgraph", GraphParser.parse(BODY));
        group.addInput(outer.inputs().get(0));
        group.addInput(outer.inputs().get(1));
        group.addOutput(dev.jitscope.ir.type.TensorType.INSTANCE);
        group.addOutput(dev.jitscope.ir.type.TensorType.INSTANCE);
        group.insertBefore(tuple);
        tuple.replaceInput(0, group.output(0));
        tuple.replaceInput(1, group.output(1));
        return outer;
    }

    private static Tensor tensor(DType dtype, int[] shape, double start) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) {
            double v = start + i * 0.37 - 1;
            if (dtype == DType.FLOAT32) t.storage().floats()[i] = (float) v; else t.storage().doubles()[i] = v;
        }
        return t;
    }

    private static void assertSameResults(Tensor x, Tensor b) {
        List<Object> expected = new Interpreter().run(GraphParser.parse(BODY), List.of(x, b));
        var tuple = (dev.jitscope.ir.value.Tuple) new Interpreter().run(fused(), List.of(x, b)).get(0);
        for (int k = 0; k < 2; k++) {
            Tensor e = (Tensor) expected.get(k), a = (Tensor) tuple.get(k);
            assertArrayEquals(e.shape(), a.shape());
            assertEquals(e.dtype(), a.dtype());
            for (int i = 0; i < e.numel(); i++) assertEquals(e.getDouble(i), a.getDouble(i), 1e-6 * Math.max(1, Math.abs(e.getDouble(i))));
        }
    }

    @Test
    void floatGroupRunsAsOneLoopWithBroadcasting() {
        assertTrue(FusedElementwise.compilesToOneLoop(GraphParser.parse(BODY)));
        assertSameResults(tensor(DType.FLOAT32, new int[] {4, 3}, 0), tensor(DType.FLOAT32, new int[] {3}, 2));
    }

    @Test
    void float64FallsBackToTheOperators() {
        assertSameResults(tensor(DType.FLOAT64, new int[] {2, 3}, 0), tensor(DType.FLOAT64, new int[] {2, 3}, 1));
    }

    @Test
    void bothOperandsBroadcast() {
        assertSameResults(tensor(DType.FLOAT32, new int[] {4, 1}, 0), tensor(DType.FLOAT32, new int[] {1, 3}, 1));
    }
}
