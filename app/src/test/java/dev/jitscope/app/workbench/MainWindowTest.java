package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.app.workbench.graph.GraphLayoutModel.LayoutNode;
import dev.jitscope.app.workbench.shell.MainWindow;
import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.app.workbench.shell.WindowState;
import dev.jitscope.app.workbench.shell.WorkbenchViewModel;
import dev.jitscope.app.workbench.graph.GraphStreamView;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.TextField;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.*;

/** The workbench window, driven like a user would, headless through Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
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
    void waitForLayout() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.graph().layoutProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void opensWithTheControlFlowModelGraphDrawn(FxRobot robot) {
        int irNodes = OpenedModel.controlFlowModel().forward().block().allNodes().size();
        // every IR node, the graph's inputs and return boxes, and the return box of each of the if's two blocks
        assertNotNull(window.graphStreamView(), "GraphStream draws the graph by default");
        assertEquals(irNodes + 2 + 2, window.graphStreamView().drawnNodeCount());
        assertTrue(window.graphStreamView().scale() > 0.7, "a small graph is drawn near 1:1, its labels readable");
        assertNoOverlap(model.graph().layoutProperty().get());
        assertTrue(window.editor().getText().contains("class ControlFlowModel"), "the editor shows the source");
        assertTrue(robot.lookup("#statusBar").queryAs(org.controlsfx.control.StatusBar.class).getText().startsWith("compiled ControlFlowModel"));
    }

    /** Boxes of one block never overlap: what the first version's screenshot got wrong. */
    private static void assertNoOverlap(GraphLayoutModel l) {
        for (LayoutNode a : l.nodes()) {
            for (LayoutNode b : l.nodes()) {
                if (a == b || a.container() || b.container()) continue;
                boolean overlap = a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                        && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
                assertFalse(overlap, a.label() + " overlaps " + b.label());
            }
        }
    }

    @Test
    void clickingANodeShowsItsKindInThePropertySheet(FxRobot robot) {
        GraphLayoutModel layout = model.graph().layoutProperty().get();
        LayoutNode tanh = layout.search("aten::tanh").get(0);
        AtomicReference<Point2D> screen = new AtomicReference<>();
        robot.interact(() -> {
            Bounds b = window.graphStreamView().drawnBox(tanh);
            screen.set(window.graphStreamView().canvasPane().localToScreen(b.getCenterX(), b.getCenterY()));
        });
        robot.clickOn(screen.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(tanh, model.graph().selectedProperty().get());
        assertTrue(robot.from(robot.lookup("#nodeProperties")).lookup((TextField t) -> "aten::tanh".equals(t.getText()))
                .tryQuery().isPresent(), "the property sheet shows kind aten::tanh");
    }

    @Test
    void searchFindsANodeByOpKindAndSelectsIt(FxRobot robot) {
        robot.clickOn("#graphSearch").write("mean");
        robot.clickOn("#searchNext");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1 matches", robot.lookup("#searchHits").queryLabeled().getText());
        assertEquals("aten::mean", model.graph().selectedProperty().get().irNode().kind());
        assertTrue(robot.from(robot.lookup("#nodeProperties")).lookup((TextField t) -> "aten::mean".equals(t.getText()))
                .tryQuery().isPresent());
        assertTrue(window.editor().area().getSelectedText().contains("mean"), "the editor highlights the source range");
    }

    /** The GraphStream renderer draws the same ELK boxes: none overlap on screen, a click picks the one under it. */
    @Test
    void graphStreamRendererDrawsTheLayoutWithoutOverlapsAndPicks(FxRobot robot) throws Exception {
        GraphStreamView view = window.graphStreamView();
        assertNotNull(view);
        GraphLayoutModel layout = model.graph().layoutProperty().get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.drawnBox(layout.nodes().get(0)).getWidth() > 10);
        assertEquals(window.graphView().drawnNodeCount(), view.drawnNodeCount());
        List<LayoutNode> boxes = layout.nodes().stream().filter(n -> !n.container()).toList();
        for (LayoutNode a : boxes) {
            Bounds ba = view.drawnBox(a);
            assertTrue(ba.getWidth() > a.label().length() * 3, a.label() + " is drawn wide enough for its label: " + ba);
            for (LayoutNode b : boxes) {
                if (a != b) assertFalse(ba.intersects(view.drawnBox(b)), a.label() + " overlaps " + b.label() + " on screen");
            }
        }
        LayoutNode tanh = layout.search("aten::tanh").get(0);
        AtomicReference<Point2D> screen = new AtomicReference<>();
        robot.interact(() -> {
            Bounds b = view.drawnBox(tanh);
            screen.set(view.canvasPane().localToScreen(b.getCenterX(), b.getCenterY()));
        });
        robot.clickOn(screen.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(tanh, model.graph().selectedProperty().get());
    }

    /** View > GraphStream renderer off brings the canvas renderer back over the same layout, and a click there picks too. */
    @Test
    void canvasRendererStillDrawsAndPicks(FxRobot robot) {
        robot.interact(() -> window.useGraphStream(false));
        assertNull(window.graphStreamView());
        LayoutNode tanh = model.graph().layoutProperty().get().search("aten::tanh").get(0);
        AtomicReference<Point2D> screen = new AtomicReference<>();
        robot.interact(() -> {
            window.graphView().fit();
            screen.set(window.graphView().toScreen(tanh.centerX(), tanh.centerY()));
        });
        robot.clickOn(screen.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(tanh, model.graph().selectedProperty().get());
    }
}
