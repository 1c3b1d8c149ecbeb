package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.shell.MainWindow;
import dev.jitscope.app.workbench.shell.WindowState;
import dev.jitscope.app.workbench.shell.WorkbenchViewModel;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JavaFX application; started through {@link WorkbenchLauncher} so a plain classpath launch works. */
public final class WorkbenchApp extends Application {
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-layout");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void start(Stage stage) {
        WorkbenchViewModel model = new WorkbenchViewModel(background);
        MainWindow window = new MainWindow(model, WindowState.forUser());
        window.show(stage);
        // `jitscope` with a file argument opens it (a .pt archive or a .py source), else the sample
        var args = getParameters().getRaw();
        if (args.isEmpty()) model.openSample(); else model.open(java.nio.file.Path.of(args.get(0)));
    }

    @Override
    public void stop() { background.shutdownNow(); }
}
