package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.cpu.ShapeKernels;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class OpenClContextTest {
    static OpenClContext ctx;

    @BeforeAll
    static void open() {
        OpenClTestSupport.requireOpenCl();
        ctx = OpenClContext.open("opencl");
    }

    @AfterAll
    static void close() { if (ctx != null) ctx.close(); }

    @Test
    void roundTripKeepsValuesAndShape() {
        Tensor x = OpenClTestSupport.randn(new Random(1), 3, 5, 7);
        try (DeviceTensor d = ctx.upload(x)) {
            assertArrayEquals(new int[]{3, 5, 7}, d.shape());
            OpenClTestSupport.assertClose("round trip", x, ctx.download(d), 0, 0);
        }
    }

    @Test
    void uploadDensifiesStridedAndConvertsOtherDtypes() {
        Tensor x = OpenClTestSupport.randn(new Random(2), 4, 6);
        Tensor xt = ShapeKernels.t(x);
        try (DeviceTensor d = ctx.upload(xt)) {
            OpenClTestSupport.assertClose("transposed", xt, ctx.download(d), 0, 0);
        }
        Tensor longs = Tensor.contiguous(Storage.wrap(new long[]{-3, 0, 7, 1 << 20}), 2, 2);
        try (DeviceTensor d = ctx.upload(longs)) {
            Tensor back = ctx.download(d);
            assertEquals(DType.FLOAT32, back.dtype());
            OpenClTestSupport.assertClose("int64 as float32", longs, back, 0, 0);
        }
        try (DeviceTensor d = ctx.upload(Tensor.zeros(DType.FLOAT32, 0, 3))) {
            assertEquals(0, ctx.download(d).numel());
        }
    }

    @Test
    void releasedBuffersAreReusedBySize() {
        long reusedBefore = ctx.buffersReused();
        DeviceTensor a = ctx.allocate(1000, 3);
        a.close();
        DeviceTensor b = ctx.allocate(3, 1000);   // same byte size, other shape
        assertEquals(reusedBefore + 1, ctx.buffersReused());
        long created = ctx.buffersCreated();
        DeviceTensor c = ctx.allocate(1001, 3);
        assertEquals(created + 1, ctx.buffersCreated(), "a different size needs a new buffer");
        b.close();
        c.close();
        assertThrows(IllegalStateException.class, b::mem, "a closed tensor must not be usable");
    }

    @Test
    void compileErrorsQuoteTheGeneratedSourceLine() {
        JitScopeException e = assertThrows(JitScopeException.class,
                () -> ctx.kernel("unary.cl", "", "\nUNARY(broken, no_such_function(x))\n", "broken"));
        String m = e.getMessage();
        assertTrue(m.contains("OpenCL program unary.cl failed to compile"), m);
        assertTrue(m.contains("no_such_function"), m);
        // the failing line of the generated text is marked and quoted
        assertTrue(m.lines().anyMatch(l -> l.matches("\\s*\\d+> UNARY\\(broken, no_such_function\\(x\\)\\)")), m);
    }

    @Test
    void tensorsOfAnotherContextAreRejected() {
        try (OpenClContext other = OpenClContext.open("opencl");
             DeviceTensor foreign = other.upload(OpenClTestSupport.randn(new Random(4), 3))) {
            assertThrows(IllegalArgumentException.class, () -> UnaryOps.apply(ctx, dev.jitscope.kernels.cpu.UnaryKernels.Op.RELU, foreign));
        }
    }

    @Test
    void profilingCountsLaunchesPerKernel() {
        try (DeviceTensor x = ctx.upload(OpenClTestSupport.randn(new Random(3), 100))) {
            ctx.setProfiling(true);
            long before = ctx.kernelTimes().getOrDefault("unary_relu", new long[2])[0];
            UnaryOps.apply(ctx, dev.jitscope.kernels.cpu.UnaryKernels.Op.RELU, x).close();
            UnaryOps.apply(ctx, dev.jitscope.kernels.cpu.UnaryKernels.Op.RELU, x).close();
            assertEquals(before + 2, ctx.kernelTimes().get("unary_relu")[0]);
        } finally {
            ctx.setProfiling(false);
        }
    }
}
