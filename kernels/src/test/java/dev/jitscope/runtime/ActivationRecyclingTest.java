package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.kernels.cpu.ConvolutionKernels;
import dev.jitscope.kernels.cpu.ActivationKernels;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Activation memory reused from run to run: values still visible anywhere (a view, a list, an output the caller
 * kept from an earlier run) keep their contents, and a dead intermediate's memory is reused by the next run.
 */
class ActivationRecyclingTest {
    private static Tensor random(long seed, int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT32, shape);
        Random r = new Random(seed);
        float[] a = t.storage().floats();
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        return t;
    }

    private static void assertValues(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.numel(); i++)
            assertEquals(expected.getDouble(i), actual.getDouble(i), 1e-5 * (1 + Math.abs(expected.getDouble(i))), what + "[" + i + "]");
    }

    private static Tensor conv(Tensor x, Tensor w) {
        return ConvolutionKernels.conv2d(x, w, null, new int[]{1}, new int[]{0}, new int[]{1}, 1);
    }

    @Test
    void viewsListsAndEarlierOutputsKeepTheirValues() {
        Graph g = GraphParser.parse("""
                graph(%x : Tensor, %w : Tensor):
                  %c : Tensor = aten::conv2d(%x, %w)
                  %minus1 : int = prim::Constant[value=-1]()
                  %flat : int[] = prim::ListConstruct(%minus1)
                  %v : Tensor = aten::view(%c, %flat)
                  %r : Tensor = aten::relu(%c)
                  %d : Tensor = aten::conv2d(%r, %w)
                  %kept : Tensor[] = prim::ListConstruct(%d)
                  %e : Tensor = aten::conv2d(%d, %w)
                  %f : Tensor = aten::conv2d(%e, %w)
                  %g : Tensor = aten::conv2d(%f, %w)
                  return (%v, %kept, %g)
                """);
        Interpreter interp = new Interpreter();
        Tensor w = random(1, 4, 4, 1, 1);
        List<List<Object>> results = new ArrayList<>();
        List<Tensor> inputs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Tensor x = random(10 + run, 1, 4, 6, 6);
            inputs.add(x);
            results.add(interp.run(g, List.of(x, w)));
        }
        for (int run = 0; run < 3; run++) {
            Tensor c = conv(inputs.get(run), w), d = conv(ActivationKernels.relu(c), w), gOut = conv(conv(conv(d, w), w), w);
            List<Object> out = results.get(run);
            assertValues(dev.jitscope.kernels.cpu.ShapeKernels.reshape(c, new int[]{-1}), (Tensor) out.get(0), "run " + run + " view");
            assertValues(d, (Tensor) ((List<?>) out.get(1)).get(0), "run " + run + " list element");
            assertValues(gOut, (Tensor) out.get(2), "run " + run + " output");
        }
    }

    @Test
    void aDeadIntermediateIsReusedByTheNextRun() {
        Graph g = GraphParser.parse("""
                graph(%x : Tensor, %w : Tensor):
                  %a : Tensor = aten::conv2d(%x, %w)
                  %b : Tensor = aten::conv2d(%a, %w)
                  %c : Tensor = aten::conv2d(%b, %w)
                  return (%c)
                """);
        Interpreter interp = new Interpreter();
        List<Object> arrays = new ArrayList<>();
        interp.setProfiler((node, nanos, outs) -> {
            if (outs.length == 1 && outs[0] instanceof Tensor t) arrays.add(t.storage().array());
        });
        Tensor w = random(2, 3, 3, 1, 1);
        Tensor first = (Tensor) interp.run(g, List.of(random(3, 1, 3, 8, 8), w)).get(0);
        Tensor second = (Tensor) interp.run(g, List.of(random(4, 1, 3, 8, 8), w)).get(0);
        assertEquals(6, arrays.size());
        List<Object> firstIntermediates = List.of(arrays.get(0), arrays.get(1));
        assertTrue(firstIntermediates.contains(arrays.get(3)) || firstIntermediates.contains(arrays.get(4)),
                "run 2's intermediates reuse the memory of run 1's");
        assertNotSame(first.storage().array(), second.storage().array(), "an output the caller holds is never reused");
    }
}
