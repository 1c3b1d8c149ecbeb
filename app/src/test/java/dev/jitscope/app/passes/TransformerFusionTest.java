package dev.jitscope.app.passes;

import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.transform.GraphCopier;
import dev.jitscope.kernels.opencl.OpenClBackend;
import dev.jitscope.kernels.opencl.OpenClContext;
import dev.jitscope.kernels.opencl.OpenClDevices;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassRegistry;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.verify.OutputComparison;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.Prerequisites;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's "on the transformer, fusion groups appear", on the transformer configuration where
 * PyTorch 1.13 leaves elementwise chains: a stock nn.TransformerEncoder whose layers take an
 * activation module of their own (QuickGELU). The stock relu/gelu layers have none to fuse: in eval,
 * once dropout is gone, relu sits alone between two linears and each residual add feeds a
 * layer_norm (batch_first or not, norm_first or not). The archive is made by PyTorch at test time.
 */
class TransformerFusionTest {
    private static final Path DIR = Path.of("target/fusion-transformer");
    private static LoadedModel model;
    private static Tensor input, expected;

    @BeforeAll
    static void makeArchive() throws Exception {
        PythonReference.requirePyTorch();
        Files.createDirectories(DIR);
        PythonReference.runResource(TransformerFusionTest.class, "make_fusion_transformer.py", DIR, List.of("."), 300);
        model = ModelImporter.load(DIR.resolve("transformer_quickgelu.pt"));
        input = Npy.read(DIR.resolve("transformer_quickgelu.in.npy"));
        expected = Npy.read(DIR.resolve("transformer_quickgelu.out.npy"));
    }

    private static Graph forward() { return model.root().type().method("forward").graph(); }

    /** forward's arguments: self, src, and None for the optional masks. */
    private static List<Object> arguments() {
        List<Object> args = new ArrayList<>(List.of(model.root(), input));
        while (args.size() < forward().inputs().size()) args.add(null);
        return args;
    }

    private static Graph inference() {
        PassContext ctx = new PassContext(GraphCopier.copy(forward()), model.root());
        PassManager.instrumented().run(PassRegistry.standard().pipeline("inference"), ctx);
        return ctx.graph();
    }

    private static List<Node> groups(Graph g) {
        return g.block().allNodes().stream().filter(n -> n.kind().equals("prim::FusionGroup")).toList();
    }

    private static void assertMatchesPyTorch(List<Object> outputs) {
        OutputComparison c = OutputComparison.of(List.of(expected), outputs, DifferentialCheck.TOLERANCE);
        assertTrue(c.equal(), c.mismatch());
    }

    @Test
    void inferenceFusesEachLayersActivationAndTheOutputsStayPyTorchs() {
        Graph g = inference();
        List<Node> groups = groups(g);
        assertEquals(2, groups.size(), "one group per encoder layer in\n" + g);
        for (Node group : groups) {
            List<String> fused = ((Graph) group.attr("Subgraph")).block().nodes().stream()
                    .map(Node::kind).filter(k -> !k.equals("prim::Constant")).toList();
            assertEquals(List.of("aten::mul", "aten::sigmoid", "aten::mul"), fused);
        }
        assertMatchesPyTorch(new Interpreter().run(forward(), arguments()));
        assertMatchesPyTorch(new Interpreter().run(g, arguments()));
    }

    @Test
    void onOpenClEachGroupRunsAsOneGeneratedKernel() {
        Prerequisites.require(OpenClDevices.available(),
                "no OpenCL platform: install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev");
        Graph g = inference();
        List<String> fallbacks = new ArrayList<>();
        try (OpenClContext ctx = OpenClContext.open("opencl");
             OpenClBackend backend = new OpenClBackend(ctx, OperatorRegistry.global(), OpenClBackend.DEFAULT_RESIDENCY_BYTES, fallbacks::add)) {
            assertMatchesPyTorch(new Interpreter(backend.registry()).run(g, arguments()));
            assertTrue(backend.deviceOps().contains("prim::FusionGroup"), "device ops: " + backend.deviceOps());
            assertTrue(fallbacks.stream().noneMatch(f -> f.startsWith("prim::FusionGroup")), "fallbacks: " + fallbacks);
            assertEquals(1, ctx.generatedProgramsBuilt(), "both layers' groups are the same subgraph on the same shapes");
        }
    }
}
