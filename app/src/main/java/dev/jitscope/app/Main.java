package dev.jitscope.app;

import dev.jitscope.app.cli.CommandLineRunner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Entry point of {@code ./jitscope}. Without arguments it opens the workbench; with a subcommand it
 * is the command line. NB: this class must not extend javafx.application.Application, otherwise a
 * plain {@code java -cp} launch refuses to start without JavaFX on the module path.
 */
public final class Main {
    private Main() { }

    static final String WORKBENCH_LAUNCHER = "dev.jitscope.app.workbench.WorkbenchLauncher";

    public static void main(String[] args) {
        if (args.length == 0 && launchWorkbench(args)) return;
        System.exit(CommandLineRunner.run(args, System.out, System.err));
    }

    /**
     * Opens the workbench when the app module has one. Looked up by name so that the command line
     * keeps working in builds without it (it is written in parallel on another branch).
     */
    private static boolean launchWorkbench(String[] args) {
        Method launch;
        try {
            launch = Class.forName(WORKBENCH_LAUNCHER).getMethod("launch", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
        }
        try {
            launch.invoke(null, (Object) args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
        return true;
    }
}
