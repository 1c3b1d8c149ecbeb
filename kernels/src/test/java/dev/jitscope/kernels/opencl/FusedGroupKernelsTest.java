package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.FusionGroupCompiler;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.jitscope.kernels.opencl.OpenClTestSupport.*;
import static dev.jitscope.runtime.FusionGroupFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * prim::FusionGroup nodes run as one generated OpenCL kernel each and give what the CPU gives running
 * the group's operators one by one.
 */
class FusedGroupKernelsTest {
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

    /** The group's outputs on the device, checked against the CPU running the body's operators one by one. */
    private List<Tensor> assertMatchesCpu(String body, List<Object> inputs) {
        // NB: on copies, the body may write its inputs in place
        List<Object> copies = inputs.stream().map(o -> o instanceof Tensor t ? (Object) dev.jitscope.kernels.cpu.CreationKernels.clone(t) : o).toList();
        List<Object> expected = new Interpreter().run(GraphParser.parse(body), copies);
        Tuple actual = (Tuple) new Interpreter(backend.registry()).run(grouped(body), inputs).get(0);
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            Tensor e = (Tensor) expected.get(k), a = (Tensor) actual.get(k);
            assertEquals(e.dtype(), a.dtype(), "output " + k + " dtype");
            assertClose("output " + k + " for inputs " + shapes(inputs), e, a, 1e-5, 1e-6);
            out.add(a);
        }
        return out;
    }

    private static String shapes(List<Object> inputs) {
        StringBuilder sb = new StringBuilder();
        for (Object o : inputs) sb.append(o instanceof Tensor t ? Arrays.toString(t.shape()) : String.valueOf(o)).append(' ');
        return sb.toString().trim();
    }

    private void assertRanAsOneKernel() {
        assertTrue(backend.deviceOps().contains("prim::FusionGroup"), "device ops " + backend.deviceOps() + ", host " + reported);
        assertTrue(reported.stream().noneMatch(r -> r.startsWith("prim::FusionGroup")), "host fallbacks " + reported);
        Map<String, long[]> launches = backend.context().kernelTimes();
        assertTrue(launches.isEmpty() || launches.keySet().stream().allMatch(k -> k.startsWith("fused_")),
                "only the fused kernel ran: " + launches.keySet());
    }

    /** A random shape of rank 1..4 whose sizes are mostly not multiples of the work-group size. */
    private static int[] randomShape(Random r) {
        int[] s = new int[1 + r.nextInt(4)];
        for (int d = 0; d < s.length; d++) s[d] = 1 + r.nextInt(d == s.length - 1 ? 131 : 9);
        return s;
    }

    /** A shape that broadcasts to {@code full}: some dims 1, maybe fewer leading dims. */
    private static int[] broadcastingTo(Random r, int[] full) {
        int drop = r.nextInt(full.length);
        int[] s = Arrays.copyOfRange(full, drop, full.length);
        for (int d = 0; d < s.length; d++) if (r.nextInt(3) == 0) s[d] = 1;
        return s;
    }

    @Test
    void randomShapesAndBroadcastingMatchTheCpu() {
        backend.context().setProfiling(true);
        Random r = new Random(8);
        for (int trial = 0; trial < 16; trial++) {
            int[] full = randomShape(r);
            int[] other = broadcastingTo(r, full);
            boolean swap = r.nextBoolean();
            Tensor a = randn(r, full), b = randn(r, other);
            assertMatchesCpu(CHAIN, swap ? List.of(b, a) : List.of(a, b));
        }
        assertRanAsOneKernel();
    }

    @Test
    void sizesAroundTheWorkGroupSize() {
        Random r = new Random(9);
        for (int n : new int[]{0, 1, 63, 64, 65, 127, 1000, 4099}) assertMatchesCpu(CHAIN, List.of(randn(r, n), randn(r, n)));
        assertRanAsOneKernel();
    }

    @Test
    void anIntermediateOutputKeepsItsOwnSmallerShape() {
        // %e only depends on %b, so it has %b's shape although the group runs over %x's
        String body = """
                graph(%x : Tensor, %b : Tensor):
                  %e : Tensor = aten::exp(%b)
                  %y : Tensor = aten::mul(%x, %e)
                  %z : Tensor = aten::tanh(%y)
                  return (%z, %e)
                """;
        Random r = new Random(10);
        List<Tensor> out = assertMatchesCpu(body, List.of(randn(r, 5, 7, 66), randn(r, 7, 1)));
        assertArrayEquals(new int[]{7, 1}, out.get(1).shape());
        assertRanAsOneKernel();
    }

    @Test
    void scalarArgumentsConstantsAndOptionalBounds() {
        String body = """
                graph(%x : Tensor, %y : Tensor, %s : float, %k : int):
                  %none : NoneType = prim::Constant()
                  %slope : float = prim::Constant[value=0.01]()
                  %lo : float = prim::Constant[value=-0.25]()
                  %tanh : str = prim::Constant[value="tanh"]()
                  %floor : str = prim::Constant[value="floor"]()
                  %a : Tensor = aten::mul(%x, %s)
                  %b : Tensor = aten::add(%a, %y, %k)
                  %c : Tensor = aten::leaky_relu(%b, %slope)
                  %d : Tensor = aten::clamp(%c, %lo, %none)
                  %e : Tensor = aten::gelu(%d, %tanh)
                  %f : Tensor = aten::div(%e, %s, %floor)
                  %g : Tensor = aten::maximum(%f, %y)
                  %h : Tensor = aten::pow(%g, %k)
                  return (%h)
                """;
        Random r = new Random(11);
        assertMatchesCpu(body, List.of(randn(r, 3, 70), randn(r, 70), 1.75, 3L));
        assertMatchesCpu(body, List.of(randn(r, 3, 70), randn(r, 70), -0.5, 2L));
        assertRanAsOneKernel();
    }

    @Test
    void inPlaceOpsOnTemporariesComputeTheirFunctionalForm() {
        Random r = new Random(15);
        assertMatchesCpu(RESIDUAL, List.of(randn(r, 2, 8, 9, 9), randn(r, 2, 8, 9, 9)));
        assertRanAsOneKernel();
    }

    @Test
    void eachSignatureIsCompiledOnceAndEqualGroupsShareTheProgram() {
        Random r = new Random(12);
        Graph g = grouped(CHAIN);
        Interpreter interp = new Interpreter(backend.registry());
        OpenClContext ctx = backend.context();
        long before = ctx.generatedProgramsBuilt();
        interp.run(g, List.of(randn(r, 4, 65), randn(r, 65)));
        interp.run(g, List.of(randn(r, 4, 65), randn(r, 65)));
        assertEquals(before + 1, ctx.generatedProgramsBuilt(), "same shapes: one build");
        interp.run(g, List.of(randn(r, 4, 66), randn(r, 66)));
        assertEquals(before + 2, ctx.generatedProgramsBuilt(), "new shapes: one more build");
        // another node with the same subgraph and shapes finds the program built
        new Interpreter(backend.registry()).run(grouped(CHAIN), List.of(randn(r, 4, 65), randn(r, 65)));
        assertEquals(before + 2, ctx.generatedProgramsBuilt());
    }

    @Test
    void nonFloat32InputsRunOnTheCpuAndSaySo() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 3, 5), b = Tensor.zeros(DType.FLOAT64, 5);
        for (int i = 0; i < 15; i++) x.storage().doubles()[i] = i * 0.3 - 2;
        for (int i = 0; i < 5; i++) b.storage().doubles()[i] = 1 - i * 0.7;
        assertMatchesCpu(CHAIN, List.of(x, b));
        assertTrue(reported.contains("prim::FusionGroup (non-float32 tensors)"), reported.toString());
    }

    @Test
    void aGroupWithAnOperatorTheGeneratorLacksRunsOnTheCpu() {
        String body = """
                graph(%c : Tensor, %x : Tensor, %y : Tensor):
                  %a : Tensor = aten::where(%c, %x, %y)
                  %b : Tensor = aten::relu(%a)
                  return (%b)
                """;
        float[] cond = {1, 0, 1, 1, 0};
        Tensor c = Tensor.zeros(DType.BOOL, 5);
        for (int i = 0; i < 5; i++) c.storage().bytes()[i] = (byte) cond[i];
        Random r = new Random(13);
        assertMatchesCpu(body, List.of(c, randn(r, 5), randn(r, 5)));
        assertTrue(reported.contains("prim::FusionGroup (aten::where is not generated)"), reported.toString());
    }

    @Test
    void shapesThatDoNotBroadcastFailAsTheCpuFailsThem() {
        Random r = new Random(16);
        List<Object> inputs = List.of(randn(r, 3), randn(r, 4));
        JitScopeException cpu = assertThrows(JitScopeException.class, () -> new Interpreter().run(grouped(CHAIN), inputs));
        JitScopeException cl = assertThrows(JitScopeException.class, () -> new Interpreter(backend.registry()).run(grouped(CHAIN), inputs));
        assertEquals(cpu.getMessage(), cl.getMessage());
        assertTrue(cl.getMessage().contains("must match the size"), cl.getMessage());
    }

    @Test
    void aKernelThatFailsToBuildShowsTheLogAndTheMarkedGeneratedLine() {
        Graph sub = GraphParser.parse(CHAIN);
        Node group = grouped(CHAIN).block().nodes().get(0);
        FusionGroupCompiler broken = new FusedGroupKernels(backend, new FusedKernelSource(Map.of("aten::sigmoid", "no_such_function(a)")));
        Random r = new Random(14);
        Object[] args = {randn(r, 2, 3), randn(r, 3)};
        JitScopeException e = assertThrows(JitScopeException.class, () -> broken.compile(group, sub).run(args));
        String m = e.getMessage();
        assertTrue(m.contains("generated kernel fused_"), m);
        assertTrue(m.contains("no_such_function"), "the build log: " + m);
        // the failing line is numbered and marked, the lines around it numbered too
        String marked = m.lines().filter(l -> l.matches("\\s*\\d+> .*")).findFirst().orElseThrow(() -> new AssertionError(m));
        assertTrue(marked.contains("no_such_function") && marked.contains("aten::sigmoid"), marked);
        assertTrue(m.lines().anyMatch(l -> l.matches("\\s*\\d+\\| __kernel void fused_.*")), m);
        assertTrue(m.lines().anyMatch(l -> l.strip().equals("^") || l.strip().startsWith("^")), "a caret under the error: " + m);
    }

    @Test
    void theGeneratedSourceBakesShapesAndConstantsIn() throws Exception {
        Graph sub = GraphParser.parse(CHAIN);
        FusedKernelSource.Generated g = new FusedKernelSource().generate(sub,
                new Object[]{Tensor.contiguous(Storage.wrap(new float[6]), 2, 3), Tensor.contiguous(Storage.wrap(new float[3]), 3)});
        assertTrue(g.kernelName().matches("fused_[0-9a-f]{8}"), g.kernelName());
        assertTrue(g.source().contains("__kernel void " + g.kernelName() + "("), g.source());
        assertArrayEquals(new int[]{2, 3}, g.shape());
        assertTrue(g.source().contains("if (i >= 6) return;"), g.source());
        assertTrue(g.source().contains("in1[c1]"), "the broadcast input is read by its coordinate: " + g.source());
        assertTrue(g.source().contains("2.0f * 0.5f"), "alpha and the scalar are literals: " + g.source());
    }
}
