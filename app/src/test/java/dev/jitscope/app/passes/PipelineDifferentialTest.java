package dev.jitscope.app.passes;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.transform.GraphCopier;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassRegistry;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.manager.PassRunResult;
import dev.jitscope.passes.verify.OutputComparison;
import dev.jitscope.runtime.Interpreter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The "tests the project keeps" for the optimizer, on every archive of the interop suite:
 * every pass of the default and inference pipelines leaves forward's outputs equal to the
 * unoptimized run (relative 1e-4) and the graph valid (the manager verifies after each pass);
 * running a pipeline a second time changes nothing; frozen resnet18 has no batch norm and no GetAttr;
 * fusion groups appear and run.
 */
class PipelineDifferentialTest {
    static final List<String> PIPELINES = List.of("default", "inference");

    @TestFactory
    Stream<DynamicTest> everyPassKeepsTheOutputs() {
        PassesSuite.Manifest manifest = PassesSuite.manifest();
        return manifest.archives().stream().flatMap(a -> PIPELINES.stream().map(p ->
                DynamicTest.dynamicTest(a.name() + " / " + p, () -> checkPipeline(a, p))));
    }

    private static void checkPipeline(PassesSuite.Archive archive, String pipeline) {
        LoadedModel model = archive.load();
        Graph forward = model.root().type().method("forward").graph();
        List<List<Object>> inputs = new ArrayList<>(), expected = new ArrayList<>();
        for (int k = 0; k < archive.cases().size(); k++) {
            inputs.add(archive.arguments(model, k));
            expected.add(unoptimizedRun(archive, forward, inputs.get(k)));
        }
        DifferentialCheck check = new DifferentialCheck(inputs, expected);
        PassContext ctx = new PassContext(GraphCopier.copy(forward), model.root());
        PassManager.instrumented().instrument(check).run(PassRegistry.standard().pipeline(pipeline), ctx);
        assertEquals(List.of(), check.failures, archive.name() + " / " + pipeline);
    }

    /**
     * The reference run. An archive our kernels cannot run yet fails here, naming what is missing, rather
     * than being skipped: a gap must stay visible (it is a kernels gap, not a pass's fault).
     */
    private static List<Object> unoptimizedRun(PassesSuite.Archive archive, Graph forward, List<Object> args) {
        try {
            return new Interpreter().run(forward, args);
        } catch (JitScopeException e) {
            return fail(archive.name() + " does not run unoptimized (a kernels gap, not a pass): " + e.getMessage());
        }
    }

    @TestFactory
    Stream<DynamicTest> runningAPipelineTwiceChangesNothingTheSecondTime() {
        PassesSuite.Manifest manifest = PassesSuite.manifest();
        return manifest.archives().stream().flatMap(a -> PIPELINES.stream().map(p -> DynamicTest.dynamicTest(a.name() + " / " + p, () -> {
            LoadedModel model = a.load();
            PassContext ctx = new PassContext(GraphCopier.copy(model.root().type().method("forward").graph()), model.root());
            PassManager manager = PassManager.instrumented();
            manager.run(PassRegistry.standard().pipeline(p), ctx);
            List<String> changed = manager.run(PassRegistry.standard().pipeline(p), ctx).stream()
                    .filter(PassRunResult::changed).map(PassRunResult::name).toList();
            assertEquals(List.of(), changed, "passes that changed the graph on the second run");
        })));
    }

    @Test
    void frozenResnet18HasNoBatchNormAndNoGetAttr() {
        Graph g = optimized("resnet18", "inference");
        List<String> kinds = g.block().allNodes().stream().map(Node::kind).toList();
        assertTrue(kinds.contains("aten::conv2d"), "convolutions stay: " + kinds);
        assertTrue(!kinds.contains("aten::batch_norm") && !kinds.contains(Node.GET_ATTR), "left: " + kinds);
    }

    @Test
    void inferenceFusesMyCellsAddAndTanhIntoAGroupThatRuns() {
        PassesSuite.Archive cell = PassesSuite.manifest().archive("mycell");
        Graph g = optimized("mycell", "inference");
        Node group = g.block().allNodes().stream().filter(n -> n.kind().equals("prim::FusionGroup")).findFirst()
                .orElseThrow(() -> new AssertionError("no prim::FusionGroup in\n" + g));
        List<String> fused = ((Graph) group.attr("Subgraph")).block().nodes().stream().map(Node::kind).toList();
        assertEquals(List.of("aten::add", "aten::tanh"), fused);
        LoadedModel model = cell.load();
        List<Object> args = cell.arguments(model, 0);
        List<Object> unfused = new Interpreter().run(model.root().type().method("forward").graph(), args);
        OutputComparison c = OutputComparison.of(unfused, new Interpreter().run(g, args), DifferentialCheck.TOLERANCE);
        assertTrue(c.equal(), c.mismatch());
    }

    private static Graph optimized(String name, String pipeline) {
        LoadedModel model = PassesSuite.manifest().archive(name).load();
        PassContext ctx = new PassContext(GraphCopier.copy(model.root().type().method("forward").graph()), model.root());
        PassManager.instrumented().run(PassRegistry.standard().pipeline(pipeline), ctx);
        return ctx.graph();
    }
}
