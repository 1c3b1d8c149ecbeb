package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.graph.GraphLayoutModel;
import dev.jitscope.app.workbench.shell.MainWindow;
import dev.jitscope.app.workbench.shell.WindowState;
import dev.jitscope.app.workbench.shell.WorkbenchViewModel;
import dev.jitscope.testsupport.PythonReference;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

/**
 * The workbench window shown on a fresh view model, with the archives make_workbench_model.py wrote (by
 * PyTorch) in {@link #dir}: the setup the GUI tests that drive files through the window share.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WorkbenchWindowFixture {
    @TempDir static Path dir;
    protected WorkbenchViewModel model;
    protected MainWindow window;

    @BeforeAll
    static void writeArchive() throws Exception {
        PythonReference.requirePyTorch();
        PythonReference.runResource(WorkbenchWindowFixture.class, "make_workbench_model.py", dir, List.of(), 120);
    }

    // TestFX 4.0.18 looks for @Start only among the test class's own methods, so a subclass would never
    // see one here: the window goes onto the primary stage the extension registered, before each test instead
    @BeforeEach
    void showWindow() throws Exception {
        FxToolkit.setupStage(this::show);
    }

    private void show(Stage stage) {
        model = new WorkbenchViewModel(Executors.newSingleThreadExecutor());
        window = new MainWindow(model, new WindowState(Preferences.userRoot().node("dev/jitscope/workbench-test")));
        window.show(stage);
    }

    protected GraphLayoutModel open(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> model.open(file));
        // opening runs in the background: wait for this file, not the layout of what was open before
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.problems().isEmpty() || model.moduleProperty().get() != null
                && (model.moduleProperty().get().title().equals(file.getFileName().toString())
                    || model.moduleProperty().get().source().name().equals(file.getFileName().toString()))
                && !model.compileStateProperty().get().endsWith("…"));
        return awaitLayout();
    }

    protected GraphLayoutModel awaitLayout() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.graph().layoutProperty().get() != null
                && model.graph().layoutProperty().get().nodes().get(0).irNode().graph() == model.graph().graphProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return model.graph().layoutProperty().get();
    }

    /** Every row of the module tree as its path from the root, "/root/child/...". */
    protected static List<String> moduleTree(FxRobot robot) {
        List<String> out = new ArrayList<>();
        collect(robot.lookup("#moduleTree").queryAs(TreeView.class).getRoot(), "", out);
        return out;
    }

    private static void collect(TreeItem<?> item, String path, List<String> out) {
        String here = path + "/" + item.getValue();
        out.add(here);
        for (TreeItem<?> c : item.getChildren()) collect(c, here, out);
    }
}
