package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import dev.jitscope.app.workbench.graph.NodeMark;
import dev.jitscope.app.workbench.passes.PassStepperModel;
import dev.jitscope.app.workbench.passes.TextDiff;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The workbench's screens driven as a user would: an archive written by PyTorch opened, its module
 * tree and graph, the editor and Problems panel, the pass stepper and the run panel.
 */
class WorkbenchFeaturesTest extends WorkbenchWindowFixture {
    @Test
    void openingAnArchiveShowsItsModuleTreeWithShapesAndItsForwardGraph(FxRobot robot) throws Exception {
        GraphLayoutModel l = open(robot, dir.resolve("net.pt"));
        assertTrue(model.problems().isEmpty(), () -> model.problems().toString());
        List<String> tree = moduleTree(robot);
        assertTrue(tree.contains("/Net : Net/block : Block/fc : Linear/weight (parameter) : Float[8, 4]"), tree::toString);
        assertTrue(tree.contains("/Net : Net/head : Linear/bias (parameter) : Float[3]"), tree::toString);
        assertEquals(2, l.search("prim::CallMethod").size(), "forward calls block and head");

        robot.clickOn("#inlinedToggle");
        GraphLayoutModel inlined = awaitLayout();
        assertTrue(inlined.search("prim::CallMethod").isEmpty(), "the inlined graph has no calls left");
        assertEquals(2, inlined.search("aten::linear").size());
        assertEquals(1, inlined.search("aten::relu").size());
    }

    @Test
    void openingASourceFileCompilesItsClass(FxRobot robot) throws Exception {
        Path py = dir.resolve("scale.py");
        Files.writeString(py, """
                class Scale(torch.nn.Module):
                    def forward(self, x: Tensor) -> Tensor:
                        return torch.sigmoid(x) * 3.0
                """);
        GraphLayoutModel l = open(robot, py);
        assertTrue(window.editor().getText().contains("class Scale"));
        assertEquals(1, l.search("aten::sigmoid").size());
        assertEquals("Scale", ((TreeItem<?>) robot.lookup("#moduleTree").queryAs(TreeView.class).getRoot()).getValue());
    }

    @Test
    void theCaretLineMarksTheNodesBuiltFromIt(FxRobot robot) throws Exception {
        robot.interact(model::openSample);
        awaitLayout();
        String text = window.editor().getText();
        robot.interact(() -> window.editor().area().moveTo(text.indexOf("torch.tanh")));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> kinds = window.graphView().marked().stream().map(n -> n.irNode().kind()).toList();
        assertTrue(kinds.contains("aten::tanh"), kinds::toString);
        assertFalse(kinds.contains("aten::mean"), kinds::toString);
        assertEquals(window.graphView().marked(), window.graphStreamView().marked(), "the GraphStream renderer marks the same nodes");
    }

    @Test
    void anErrorTypedInTheEditorIsUnderlinedAndListedAndFixingItUpdatesTheGraph(FxRobot robot) throws Exception {
        robot.interact(model::openSample);
        awaitLayout();
        String good = window.editor().getText();
        String broken = good.replace("return torch.tanh(y)", "return torch.tanh(z)");
        robot.interact(() -> window.editor().area().replaceText(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.problems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> problems = robot.lookup("#problems").queryAs(ListView.class);
        assertTrue(problems.getItems().get(0).toString().startsWith("control_flow_model.py:17:"), problems.getItems().toString());
        int z = broken.indexOf("tanh(z)") + 5;
        Collection<String> styleAtZ = window.editor().area().getStyleAtPosition(z + 1);
        assertTrue(styleAtZ.contains("problem"), "the undefined name is underlined: " + styleAtZ);

        // typing back the last good text clears the problem too
        robot.interact(() -> window.editor().area().replaceText(good));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.problems().isEmpty());
        robot.interact(() -> window.editor().area().replaceText(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.problems().isEmpty());
        robot.interact(() -> window.editor().area().replaceText(good.replace("torch.tanh(y)", "torch.sigmoid(y)")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.problems().isEmpty());
        GraphLayoutModel l = awaitLayout();
        assertEquals(1, l.search("aten::sigmoid").size(), "the graph follows the fixed source");
        assertFalse(window.editor().area().getStyleAtPosition(z + 1).contains("problem"));
    }

    @Test
    void thePassStepperListsEachPassAndDiffsTheSelectedOne(FxRobot robot) throws Exception {
        open(robot, dir.resolve("net.pt"));
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        robot.clickOn("#runPipeline");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.passes().steps().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<PassStepperModel.Step> steps = model.passes().steps();
        assertEquals("inline", steps.get(0).result().name());
        assertTrue(steps.get(0).result().changed());
        ListView<?> list = robot.lookup("#passSteps").queryAs(ListView.class);
        assertEquals(steps.size(), list.getItems().size());
        assertTrue(list.getItems().get(0).toString().contains("changed"));

        assertSame(steps.get(0), model.passes().selectedProperty().get(), "the first pass that changed something is selected");
        List<TextDiff.Line> diff = model.passes().diff();
        assertTrue(diff.stream().anyMatch(d -> d.kind() == TextDiff.Kind.ADDED && d.text().contains("aten::linear")), diff::toString);
        assertTrue(diff.stream().anyMatch(d -> d.kind() == TextDiff.Kind.REMOVED && d.text().contains("prim::CallMethod")), diff::toString);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.passes().afterGraph().layoutProperty().get() != null);
        assertEquals(2, model.passes().afterGraph().layoutProperty().get().search("aten::linear").size(), "the after graph is drawn");
        WaitForAsyncUtils.waitForFxEvents();
        var afterView = window.passView().afterView();
        List<String> added = model.passes().afterGraph().layoutProperty().get().nodes().stream()
                .filter(n -> afterView.markOf(n) == NodeMark.ADDED).map(n -> n.irNode().kind()).toList();
        assertEquals(2, added.stream().filter("aten::linear"::equals).count(), "the inlined linears are coloured added: " + added);
        assertFalse(added.contains("aten::sum"), "nodes the pass kept are not coloured added: " + added);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.passes().beforeGraph().layoutProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var beforeView = window.passView().beforeView();
        List<String> removed = model.passes().beforeGraph().layoutProperty().get().nodes().stream()
                .filter(n -> beforeView.markOf(n) == NodeMark.REMOVED).map(n -> n.irNode().kind()).toList();
        assertEquals(List.of("prim::CallMethod", "prim::CallMethod"), removed.stream().filter(k -> k.startsWith("prim::Call")).toList(),
                "the calls the pass inlined are coloured removed: " + removed);
    }

    /** Every pass of the default pipeline in turn (Down key): changed ones marked ●, and the graphs coloured by what each did. */
    @Test
    void steppingThroughTheDefaultPipelineShowsChangedMarksAndColouredNodes(FxRobot robot) throws Exception {
        open(robot, dir.resolve("net.pt"));
        robot.interact(() -> window.tabs().getSelectionModel().select(1));
        robot.clickOn("#runPipeline");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.passes().steps().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#passSteps").queryAs(ListView.class);
        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn(list);
        robot.interact(() -> list.getSelectionModel().select(0));
        int coloured = 0, unchanged = 0;
        for (int i = 0; i < list.getItems().size(); i++) {
            if (i > 0) robot.push(javafx.scene.input.KeyCode.DOWN);
            PassStepperModel.Step step = model.passes().steps().get(i);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.passes().selectedProperty().get() == step
                    && layoutOf(model.passes().afterGraph()) == step.after() && layoutOf(model.passes().beforeGraph()) == step.before());
            WaitForAsyncUtils.waitForFxEvents();
            String row = list.getItems().get(i).toString();
            assertEquals(step.result().changed(), row.startsWith("●"), row);
            assertEquals(step.result().changed(), !row.contains("unchanged"), row);

            var after = model.passes().afterGraph().layoutProperty().get().nodes();
            var before = model.passes().beforeGraph().layoutProperty().get().nodes();
            long added = after.stream().filter(n -> window.passView().afterView().markOf(n) == NodeMark.ADDED).count();
            long rewired = after.stream().filter(n -> window.passView().afterView().markOf(n) == NodeMark.REWIRED).count();
            long removed = before.stream().filter(n -> window.passView().beforeView().markOf(n) == NodeMark.REMOVED).count();
            var diff = step.result().diff();
            assertEquals(diff.added().size(), added, step.result().name() + " added " + diff.added());
            assertEquals(diff.rewired().size(), rewired, step.result().name() + " rewired " + diff.rewired());
            assertEquals(diff.removed().size(), removed, step.result().name() + " removed " + diff.removed());
            if (!step.result().changed()) {
                unchanged++;
                assertEquals(0, added + rewired + removed, step.result().name() + " changed nothing, so nothing is coloured");
            }
            coloured += added + rewired + removed;
        }
        assertTrue(coloured > 0, "the default pipeline changes net.pt's graph somewhere");
        assertTrue(unchanged > 0, "and some passes find nothing to do");
    }

    private static Object layoutOf(dev.jitscope.app.workbench.graph.GraphViewModel g) {
        var l = g.layoutProperty().get();
        return l == null || l.nodes().isEmpty() ? null : l.nodes().get(0).irNode().graph();
    }

    @Test
    void theRunPanelRunsForwardOnANpyInputAndMatchesPyTorch(FxRobot robot) throws Exception {
        open(robot, dir.resolve("net.pt"));
        robot.interact(() -> window.tabs().getSelectionModel().select(2));
        robot.interact(() -> model.run().inputs().get(0).specProperty().set(dir.resolve("input.npy").toString()));
        robot.clickOn("#runForward");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.run().outputs().isEmpty()
                || model.run().statusProperty().get().startsWith("run failed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(model.run().outputs().isEmpty(), model.run().statusProperty().get());
        assertEquals("[2, 3]", model.run().outputs().get(0).shape());
        Tensor ours = (Tensor) model.run().lastResult().get(0);
        Tensor expected = Npy.read(dir.resolve("expected.npy"));
        for (int i = 0; i < expected.numel(); i++) assertEquals(expected.getDouble(i), ours.getDouble(i), 1e-5);
        assertTrue(model.run().timings().stream().anyMatch(t -> t.kind().equals("aten::linear")), model.run().timings()::toString);
        assertTrue(robot.lookup("#runStatus").queryLabeled().getText().startsWith("ran forward in"));
    }
}
