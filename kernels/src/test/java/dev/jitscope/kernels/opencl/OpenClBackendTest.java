package dev.jitscope.kernels.opencl;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.jitscope.kernels.opencl.OpenClTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** A small CNN graph run by the Interpreter on the host and through the OpenCL backend. */
class OpenClBackendTest {
    private static final String CNN = """
            graph(%x : Tensor, %w : Tensor, %b : Tensor, %mean : Tensor, %var : Tensor, %fw : Tensor, %fb : Tensor):
              %none : NoneType = prim::Constant()
              %false : bool = prim::Constant[value=0]()
              %one : int = prim::Constant[value=1]()
              %two : int = prim::Constant[value=2]()
              %zero : int = prim::Constant[value=0]()
              %m1 : int = prim::Constant[value=-1]()
              %eps : float = prim::Constant[value=1.0000000000000001e-05]()
              %mom : float = prim::Constant[value=0.10000000000000001]()
              %s1 : int[] = prim::ListConstruct(%one, %one)
              %s2 : int[] = prim::ListConstruct(%two, %two)
              %p0 : int[] = prim::ListConstruct(%zero, %zero)
              %c : Tensor = aten::conv2d(%x, %w, %b, %s1, %s1, %s1, %one)
              %n : Tensor = aten::batch_norm(%c, %none, %none, %mean, %var, %false, %mom, %eps, %false)
              %r : Tensor = aten::relu(%n)
              %p : Tensor = aten::max_pool2d(%r, %s2, %s2, %p0, %s1, %false)
              %f : Tensor = aten::flatten(%p, %one, %m1)
              %l : Tensor = aten::linear(%f, %fw, %fb)
              %y : Tensor = aten::softmax(%l, %one, %none)
              return (%y)
            """;

    private final List<String> reported = new ArrayList<>();
    private OpenClBackend backend;

    @BeforeEach
    void open() {
        requireOpenCl();
        backend = new OpenClBackend(OpenClContext.open("opencl"), OperatorRegistry.global(), OpenClBackend.DEFAULT_RESIDENCY_BYTES, reported::add);
    }

    @AfterEach
    void close() {
        if (backend != null) { backend.close(); backend.context().close(); }
    }

    private static List<Object> inputs(Random r) {
        return List.of(randn(r, 2, 3, 10, 10), randn(r, 8, 3, 3, 3), randn(r, 8), randn(r, 8), positive(r, 8),
                randn(r, 5, 8 * 5 * 5), randn(r, 5));
    }

    @Test
    void cnnMatchesTheHostAndFallsBackOncePerOperator() {
        Graph g = GraphParser.parse(CNN);
        List<Object> in = inputs(new Random(11));
        Tensor expected = (Tensor) new Interpreter().run(g, in).get(0);
        Interpreter onDevice = new Interpreter(backend.registry());
        for (int run = 0; run < 2; run++) {
            Tensor actual = (Tensor) onDevice.run(g, in).get(0);
            assertClose("run " + run, expected, actual, 1e-4, 1e-5);
        }
        assertEquals(List.of("aten::flatten"), reported, "flatten has no OpenCL kernel, reported once over two runs");
        assertEquals(List.of("aten::conv2d", "aten::batch_norm", "aten::relu", "aten::max_pool2d", "aten::linear", "aten::softmax"),
                new ArrayList<>(backend.deviceOps()));
    }

    @Test
    void weightsAndDeviceResultsAreNotUploadedAgain() {
        Graph g = GraphParser.parse(CNN);
        List<Object> in = inputs(new Random(12));
        Interpreter onDevice = new Interpreter(backend.registry());
        long before = backend.context().uploads();
        onDevice.run(g, in);
        // the seven graph inputs, and flatten's host result before linear
        assertEquals(8, backend.context().uploads() - before);
        before = backend.context().uploads();
        onDevice.run(g, in);
        assertEquals(1, backend.context().uploads() - before, "only the host-made flatten result is uploaded again");
    }

    @Test
    void tracedLinearLayerAsAddmmOfATransposedWeight() {
        Graph g = GraphParser.parse("""
                graph(%x : Tensor, %w : Tensor, %b : Tensor):
                  %one : int = prim::Constant[value=1]()
                  %two : int = prim::Constant[value=2]()
                  %wt : Tensor = aten::t(%w)
                  %y : Tensor = aten::addmm(%b, %x, %wt, %one, %one)
                  %z : Tensor = aten::addmm(%b, %x, %wt, %one, %two)
                  return (%y, %z)
                """);
        Random r = new Random(9);
        List<Object> in = List.of(randn(r, 6, 19), randn(r, 11, 19), randn(r, 11));
        List<Object> expected = new Interpreter().run(g, in), actual = new Interpreter(backend.registry()).run(g, in);
        assertClose("addmm", (Tensor) expected.get(0), (Tensor) actual.get(0), 1e-5, 1e-5);
        assertClose("addmm alpha=2 (host)", (Tensor) expected.get(1), (Tensor) actual.get(1), 1e-5, 1e-5);
        assertTrue(backend.deviceOps().contains("aten::addmm"));
        assertTrue(reported.contains("aten::addmm (these arguments)"), reported.toString());
    }

    @Test
    void nonFloatTensorsRunOnTheHost() {
        Graph g = GraphParser.parse("""
                graph(%a : Tensor, %b : Tensor):
                  %one : int = prim::Constant[value=1]()
                  %c : Tensor = aten::add(%a, %b, %one)
                  return (%c)
                """);
        Tensor a = Tensor.contiguous(Storage.wrap(new long[]{1, 2, 3}), 3), b = Tensor.contiguous(Storage.wrap(new long[]{10, 20, 30}), 3);
        Tensor c = (Tensor) new Interpreter(backend.registry()).run(g, List.of(a, b)).get(0);
        assertEquals(DType.INT64, c.dtype(), "int64 + int64 stays int64 (computed on the host)");
        assertEquals(33, c.getDouble(2));
        assertTrue(reported.contains("aten::add (non-float32 tensors)"), reported.toString());
    }

    @Test
    void inPlaceOpsWriteThroughToTheHostTensorAndItsViews() {
        Graph g = GraphParser.parse("""
                graph(%a : Tensor):
                  %one : int = prim::Constant[value=1]()
                  %half : float = prim::Constant[value=-0.5]()
                  %r : Tensor = aten::neg(%a)
                  %s : Tensor = aten::add_(%r, %one, %one)
                  %t : Tensor = aten::t(%r)
                  %u : Tensor = aten::mul_(%t, %half)
                  %v : Tensor = aten::relu(%r)
                  return (%s, %v)
                """);
        Tensor a = randn(new Random(5), 4, 7);
        List<Object> expected = new Interpreter().run(g, List.of(a));
        List<Object> actual = new Interpreter(backend.registry()).run(g, List.of(a));
        // add_ ran on the device and wrote into r; mul_ on the transposed view ran on the host and must reach relu
        assertClose("add_ result (aliases r)", (Tensor) expected.get(0), (Tensor) actual.get(0), 0, 0);
        assertClose("relu after mul_ of a view", (Tensor) expected.get(1), (Tensor) actual.get(1), 0, 0);
        assertTrue(backend.deviceOps().contains("aten::add_"), backend.deviceOps().toString());
        assertTrue(reported.contains("aten::mul_ (a view or non-float32 self)"), reported.toString());
    }
}
