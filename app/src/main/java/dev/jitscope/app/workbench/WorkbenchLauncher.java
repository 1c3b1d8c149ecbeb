package dev.jitscope.app.workbench;

import javafx.application.Application;

/**
 * Entry point for {@code jitscope} without a subcommand. It does not extend Application: JavaFX
 * refuses to start an Application main class from the plain classpath, a helper class is fine.
 */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {}

    public static void launch(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    public static void main(String[] args) { launch(args); }
}
