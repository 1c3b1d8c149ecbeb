package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.jitscope.runtime.FusionGroupFixtures.CHAIN;
import static dev.jitscope.runtime.FusionGroupFixtures.RESIDUAL;
import static dev.jitscope.runtime.FusionGroupFixtures.grouped;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A prim::FusionGroup gives what its operators give one by one, fused loop or not. */
class FusedElementwiseTest {
    private static Tensor tensor(DType dtype, int[] shape, double start) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) {
            double v = start + i * 0.37 - 1;
            if (dtype == DType.FLOAT32) t.storage().floats()[i] = (float) v; else t.storage().doubles()[i] = v;
        }
        return t;
    }

    private static void assertSameResults(Tensor x, Tensor b) {
        List<Object> expected = new Interpreter().run(GraphParser.parse(CHAIN), List.of(x, b));
        var tuple = (dev.jitscope.ir.value.Tuple) new Interpreter().run(grouped(CHAIN), List.of(x, b)).get(0);
        for (int k = 0; k < 2; k++) {
            Tensor e = (Tensor) expected.get(k), a = (Tensor) tuple.get(k);
            assertArrayEquals(e.shape(), a.shape());
            assertEquals(e.dtype(), a.dtype());
            for (int i = 0; i < e.numel(); i++) assertEquals(e.getDouble(i), a.getDouble(i), 1e-6 * Math.max(1, Math.abs(e.getDouble(i))));
        }
    }

    @Test
    void floatGroupRunsAsOneLoopWithBroadcasting() {
        assertTrue(FusedElementwise.compilesToOneLoop(GraphParser.parse(CHAIN)));
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

    /** Most operators the program knows, with a scalar input, None clamp bounds, alpha, pow and NaN-making ops. */
    private static final String WIDE = """
            graph(%x : Tensor, %y : Tensor, %s : float):
              %none : NoneType = prim::Constant()
              %two : float = prim::Constant[value=2.]()
              %three : int = prim::Constant[value=3]()
              %slope : float = prim::Constant[value=0.1]()
              %lo : float = prim::Constant[value=-0.5]()
              %hi : float = prim::Constant[value=0.75]()
              %alpha : float = prim::Constant[value=0.3]()
              %mode : str = prim::Constant[value="tanh"]()
              %a : Tensor = aten::div(%x, %y)
              %b : Tensor = aten::maximum(%a, %y)
              %c : Tensor = aten::clamp(%b, %none, %two)
              %d : Tensor = aten::leaky_relu(%c, %slope)
              %e : Tensor = aten::hardswish(%d)
              %f : Tensor = aten::pow(%x, %two)
              %g : Tensor = aten::sub(%e, %f, %alpha)
              %h : Tensor = aten::mul(%g, %s)
              %i : Tensor = aten::tanh(%h)
              %j : Tensor = aten::gelu(%i, %mode)
              %k : Tensor = aten::minimum(%j, %x)
              %l : Tensor = aten::hardtanh(%k, %lo, %hi)
              %m : Tensor = aten::sqrt(%y)
              %n : Tensor = aten::add(%l, %m, %three)
              %o : Tensor = aten::rsqrt(%n)
              %p : Tensor = aten::neg(%o)
              %q : Tensor = aten::sigmoid(%p)
              %r : Tensor = aten::pow(%y, %x)
              return (%q, %n, %r)
            """;

    /** The fused program's outputs equal (bit for bit) what the unfused operators give, on these arguments. */
    private static void assertProgramMatchesOperators(String body, List<Object> args) {
        Graph sub = GraphParser.parse(body);
        Object[] fused = FusedFloatProgram.compile(sub).run(args.toArray());
        assertNotNull(fused, () -> "the program takes these arguments: " + args);
        List<Object> expected = new Interpreter().run(GraphParser.parse(body), args);
        for (int k = 0; k < fused.length; k++) {
            Tensor e = (Tensor) expected.get(k), a = (Tensor) fused[k];
            assertArrayEquals(e.shape(), a.shape());
            assertEquals(DType.FLOAT32, a.dtype());
            for (int i = 0; i < e.numel(); i++) {
                int at = i;
                assertEquals(Float.floatToIntBits((float) e.getDouble(i)), Float.floatToIntBits((float) a.getDouble(i)),
                        () -> "output element " + at + ": " + e.getDouble(at) + " vs " + a.getDouble(at));
            }
        }
    }

    /** A float32 tensor of this shape, laid out transposed in memory when {@code strided} (so not contiguous). */
    private static Tensor random(Random rnd, int[] shape, boolean strided) {
        int n = Tensor.numel(shape);
        float[] data = new float[n + 3];
        for (int i = 0; i < data.length; i++) data[i] = (float) (rnd.nextGaussian() * 2);
        int[] strides = new int[shape.length];
        int step = 1;
        if (strided) for (int d = 0; d < shape.length; d++) { strides[d] = step; step *= shape[d]; }
        else for (int d = shape.length - 1; d >= 0; d--) { strides[d] = step; step *= shape[d]; }
        return new Tensor(dev.jitscope.tensor.Storage.wrap(data), shape, strides, 3);
    }

    @Test
    void randomShapesBroadcastsScalarsAndViewsMatchTheUnfusedOperators() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int rank = 1 + rnd.nextInt(4);
            int[] full = new int[rank];
            for (int d = 0; d < rank; d++) full[d] = 1 + rnd.nextInt(trial % 10 == 0 ? 60 : 9);
            // y: the full shape with some dimensions 1 and some leading ones dropped, or a one-element tensor
            int drop = rnd.nextInt(rank);
            int[] ys = new int[rank - drop];
            for (int d = 0; d < ys.length; d++) ys[d] = rnd.nextInt(3) == 0 ? 1 : full[drop + d];
            if (trial % 7 == 3) ys = new int[] {1};
            Tensor x = random(rnd, full, trial % 3 == 1), y = random(rnd, ys, trial % 4 == 2);
            List<Object> args = new ArrayList<>(List.of(x, y, rnd.nextGaussian()));
            assertProgramMatchesOperators(WIDE, args);
            assertProgramMatchesOperators(CHAIN, List.of(x, y));
        }
    }

    @Test
    void largeTensorsSplitOverThreadsAndBlocksMatch() {
        Random rnd = new Random(3);
        assertProgramMatchesOperators(WIDE, List.of(random(rnd, new int[] {3, 70, 201}, false), random(rnd, new int[] {70, 1}, false), 0.7));
        assertProgramMatchesOperators(WIDE, List.of(random(rnd, new int[] {2, 5, 3001}, true), random(rnd, new int[] {5, 3001}, true), 1.5));
    }

    @Test
    void emptyTensorsGiveEmptyOutputs() {
        assertProgramMatchesOperators(CHAIN, List.of(Tensor.zeros(DType.FLOAT32, new int[] {0, 3}), Tensor.zeros(DType.FLOAT32, new int[] {3})));
    }

    @Test
    void inPlaceOpsOnTemporariesComputeTheirFunctionalForm() {
        // the program runs first: the operators then write %out
        Random rnd = new Random(15);
        assertProgramMatchesOperators(RESIDUAL, List.of(random(rnd, new int[] {2, 8, 9, 9}, false), random(rnd, new int[] {2, 8, 9, 9}, true)));
    }
}
