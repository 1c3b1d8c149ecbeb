package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.app.workbench.graph.NodeMark;
import dev.jitscope.app.workbench.shell.MainWindow;
import dev.jitscope.app.workbench.shell.WindowState;
import dev.jitscope.app.workbench.shell.WorkbenchViewModel;
import dev.jitscope.app.workbench.trace.TraceDiffModel;
import dev.jitscope.trace.diff.DivergenceSite;
import dev.jitscope.trace.eager.DivergenceEvent;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.*;

/** The Trace vs Script tab on the ControlFlowModel sample, through the real tracer (TraceScriptDiff). */
@ExtendWith(ApplicationExtension.class)
class TraceDiffViewTest {
    private WorkbenchViewModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        model = new WorkbenchViewModel(Executors.newSingleThreadExecutor());
        window = new MainWindow(model, new WindowState(Preferences.userRoot().node("dev/jitscope/workbench-test")));
        window.show(stage);
        model.openSample();
    }

    @BeforeEach
    void showTheTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.graph().layoutProperty().get() != null);
        robot.interact(() -> window.tabs().getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String status(FxRobot robot) { return robot.lookup("#diffStatus").queryLabeled().getText(); }

    /**
     * The example (mean ≈ 0) takes the else branch; the check set shifted by 1 (mean ≈ 1) takes the
     * then branch, so the traced model computes the wrong thing on it: the if site is listed, the
     * check row flagged, and the scripted graph marks the branch the trace dropped.
     */
    @Test
    void runningTheDiffOnControlFlowModelFlagsTheIfSite(FxRobot robot) throws Exception {
        String source = window.editor().getText();
        int ifLine = (int) source.substring(0, source.indexOf("if x.mean() > 0.5")).chars().filter(c -> c == '\n').count() + 1;
        robot.clickOn("#runDiff");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !model.traceDiff().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(model.traceDiff().resultProperty().get(), status(robot));

        ListView<?> sites = robot.lookup("#diffSites").queryAs(ListView.class);
        DivergenceSite site = model.traceDiff().sites().stream().filter(s -> s.kind() == DivergenceEvent.Kind.IF).findFirst()
                .orElseThrow(() -> new AssertionError("no if site listed: " + sites.getItems()));
        assertEquals(ifLine, site.range().line());
        assertTrue(TraceDiffModel.siteRow(site).contains("if x.mean() > 0.5"), "the row shows the source line: " + TraceDiffModel.siteRow(site));

        TableView<?> inputs = robot.lookup("#diffInputs").queryAs(TableView.class);
        assertEquals(2, inputs.getItems().size());
        assertFalse(model.traceDiff().comparisons().get(0).diverges(), "the trace reproduces its own example");
        assertTrue(model.traceDiff().comparisons().get(1).diverges(), "the shifted check set takes the other branch");
        List<TableRow<?>> flagged = robot.from(inputs).lookup(".table-row-cell").queryAll().stream()
                .<TableRow<?>>map(n -> (TableRow<?>) n).filter(r -> r.getStyleClass().contains("flagged")).toList();
        assertEquals(1, flagged.size(), "one row flagged");
        assertEquals(1, flagged.get(0).getIndex(), "the check row is the flagged one");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.traceDiff().scriptedGraph().layoutProperty().get() != null
                && model.traceDiff().tracedGraph().layoutProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        GraphLayoutModel scripted = model.traceDiff().scriptedGraph().layoutProperty().get();
        List<String> dropped = scripted.nodes().stream().filter(n -> window.traceView().scriptedView().markOf(n) == NodeMark.DROPPED)
                .map(n -> n.irNode().kind()).toList();
        assertFalse(dropped.isEmpty(), "the scripted graph marks what the trace dropped");
        assertFalse(dropped.contains("aten::tanh"), "tanh runs on both paths, the trace kept it: " + dropped);

        javafx.scene.Node cell = robot.from(sites).lookup((javafx.scene.control.ListCell<?> c) -> c.getItem() == site).queryAs(javafx.scene.Node.class);
        javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(b.getMinX() + 20, b.getMinY() + 8));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(site, model.traceDiff().selectedSiteProperty().get());
        assertTrue(window.editor().area().getSelectedText().contains("x.mean()"), "the editor highlights the site's source: "
                + window.editor().area().getSelectedText());
        assertTrue(window.traceView().scriptedView().marked().stream().anyMatch(n -> n.irNode().kind().equals("aten::mean")),
                "the scripted graph highlights the condition's nodes");
        // the trace ran x.mean() > 0.5 but kept no node of it (the bool went to Python): nothing there to mark
        assertTrue(window.traceView().tracedView().marked().stream().allMatch(n -> n.irNode().range().line() == ifLine),
                "the traced graph marks only nodes of the site's line: " + window.traceView().tracedView().marked());
        assertTrue(model.traceDiff().tracedGraph().layoutProperty().get().nodes().stream()
                .noneMatch(n -> n.irNode() != null && n.irNode().kind().equals("prim::If")), "the trace has no if");
    }

    @Test
    void aMalformedInputSaysWhichOneInTheStatusLine(FxRobot robot) {
        robot.interact(() -> model.traceDiff().sets().get(1).specs().get(0).set("three by four"));
        robot.clickOn("#runDiff");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(status(robot).contains("x of check 1") && status(robot).contains("three by four"), status(robot));
        assertNull(model.traceDiff().resultProperty().get());
    }

    @Test
    void checkSetsCanBeAddedAndRemovedButTheExampleStays(FxRobot robot) {
        robot.clickOn("#addCheckSet");
        TableView<?> sets = robot.lookup("#diffInputSets").queryAs(TableView.class);
        assertEquals(3, sets.getItems().size());
        assertEquals("check 2", model.traceDiff().sets().get(2).label());
        robot.interact(() -> model.traceDiff().removeSet(model.traceDiff().sets().get(1)));
        robot.interact(() -> model.traceDiff().removeSet(model.traceDiff().sets().get(0)));
        assertEquals(List.of("example", "check 1"), model.traceDiff().sets().stream().map(s -> s.label()).toList());
    }
}
