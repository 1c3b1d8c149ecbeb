package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** File → Export archive on an archive PyTorch wrote: the exported file opens back to the same model, and PyTorch runs it. */
class ExportArchiveTest extends WorkbenchWindowFixture {
    /** Opens {@code file} and checks it compiled: every export here starts from a model that opened cleanly. */
    private GraphLayoutModel openClean(FxRobot robot, Path file) throws Exception {
        GraphLayoutModel layout = open(robot, file);
        assertTrue(model.problems().isEmpty(), () -> model.problems().toString());
        return layout;
    }

    private String statusText(FxRobot robot) {
        return robot.lookup("#statusBar").queryAs(StatusBar.class).getText();
    }

    @Test
    void exportingAnOpenedArchiveWritesOneThatOpensBackTheSameAndPyTorchRuns(FxRobot robot) throws Exception {
        GraphLayoutModel original = openClean(robot, dir.resolve("net.pt"));
        List<String> tree = moduleTree(robot);
        String graph = GraphPrinter.printWithoutRanges(model.graph().graphProperty().get());
        List<String> labels = original.nodes().stream().map(GraphLayoutModel.LayoutNode::label).toList();

        Path out = dir.resolve("exported.pt");
        window.setExportChooser(suggested -> out);
        robot.clickOn("#moduleTree").push(KeyCode.CONTROL, KeyCode.E);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> statusText(robot).startsWith("export"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !statusText(robot).endsWith("…"));
        assertTrue(statusText(robot).startsWith("exported net.pt to " + out), statusText(robot));
        assertTrue(Files.size(out) > 0);

        GraphLayoutModel reopened = openClean(robot, out);
        assertEquals(tree.subList(1, tree.size()), moduleTree(robot).subList(1, tree.size()), "the same module tree under the root");
        assertEquals(graph, GraphPrinter.printWithoutRanges(model.graph().graphProperty().get()), "the same forward graph");
        assertEquals(labels, reopened.nodes().stream().map(GraphLayoutModel.LayoutNode::label).toList(), "the same boxes drawn");

        // the referee: PyTorch loads the exported file and computes what it computed from its own
        String said = PythonReference.runCode(dir, String.join("\n",
                "import numpy as np, torch",
                "m = torch.jit.load(" + py(out) + ")",
                "got = m(torch.from_numpy(np.load(" + py(dir.resolve("input.npy")) + "))).detach().numpy()",
                "want = np.load(" + py(dir.resolve("expected.npy")) + ")",
                "assert np.allclose(got, want, atol=1e-6), (got, want)",
                "print('ok')"), 120);
        assertTrue(said.contains("ok"), said);
    }

    private static String py(Path p) { return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'"; }

    /** The sample is built by __init__ and scripted here: its export is printed from our graphs, and PyTorch must agree with our run. */
    @Test
    void exportingTheSampleWritesAnArchiveThatPyTorchRunsWithTheOutputsWeCompute(FxRobot robot) throws Exception {
        robot.interact(model::openSample);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.moduleProperty().get() != null || !model.problems().isEmpty());
        assertTrue(model.problems().isEmpty(), () -> model.problems().toString());
        Path out = dir.resolve("control_flow.pt");
        window.setExportChooser(suggested -> out);
        robot.clickOn("#exportButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> statusText(robot).startsWith("export") && !statusText(robot).endsWith("…"));
        assertTrue(statusText(robot).startsWith("exported ControlFlowModel to " + out), statusText(robot));

        for (String input : List.of("input.npy", "input_shifted.npy")) {
            robot.interact(() -> model.run().inputs().get(0).specProperty().set(dir.resolve(input).toString()));
            robot.interact(() -> model.run().outputs().clear());
            robot.interact(() -> model.run().run());
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.run().outputs().isEmpty()
                    || model.run().statusProperty().get().startsWith("run failed"));
            assertFalse(model.run().outputs().isEmpty(), model.run().statusProperty().get());
            Path ours = dir.resolve("ours_" + input);
            Npy.write(ours, (Tensor) model.run().lastResult().get(0));
            String said = PythonReference.runCode(dir, String.join("\n",
                    "import numpy as np, torch",
                    "m = torch.jit.load(" + py(out) + ")",
                    "got = m(torch.from_numpy(np.load(" + py(dir.resolve(input)) + "))).detach().numpy()",
                    "ours = np.load(" + py(ours) + ")",
                    "assert np.allclose(got, ours, atol=1e-5), (got, ours)",
                    "print('ok')"), 120);
            assertTrue(said.contains("ok"), input + ": " + said);
        }
    }

    @Test
    void anExportThatCannotBeWrittenSaysWhyInTheStatusBar(FxRobot robot) throws Exception {
        openClean(robot, dir.resolve("net.pt"));
        Path out = dir.resolve("no-such-folder").resolve("x.pt");
        window.setExportChooser(suggested -> out);
        robot.clickOn("#exportButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> statusText(robot).startsWith("export failed"));
        assertTrue(statusText(robot).contains("no-such-folder"), statusText(robot));
        assertFalse(Files.exists(out));
        assertTrue(model.problems().isEmpty(), "an export failure is not a compile problem");
    }
}
