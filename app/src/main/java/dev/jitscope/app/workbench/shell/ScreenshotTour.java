package dev.jitscope.app.workbench.shell;

import dev.jitscope.app.workbench.graph.SyntheticGraphs;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;

/**
 * Drives the real window through a fixed tour and writes PNGs (docs/screenshots.sh runs it under
 * Xvfb): the sample graph, a selected node, the dark theme, and a 2,000-node graph with its timing.
 */
public final class ScreenshotTour {
    private static Path out = Path.of("docs");

    private ScreenshotTour() {}

    /** Not an Application itself, so that a plain {@code java -cp} launch works. */
    public static void main(String[] args) {
        if (args.length > 0) out = Path.of(args[0]);
        System.setProperty("org.graphstream.ui", "javafx");
        Application.launch(Tour.class, args);
    }

    public static final class Tour extends Application {
    private final Deque<Runnable> steps = new ArrayDeque<>();
    private WorkbenchViewModel model;
    private MainWindow window;
    private long syntheticStart;

    @Override
    public void start(Stage stage) {
        model = new WorkbenchViewModel(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "layout");
            t.setDaemon(true);
            return t;
        }));
        window = new MainWindow(model, new WindowState(Preferences.userRoot().node("dev/jitscope/workbench-screenshots")));
        window.show(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1600);
        stage.setHeight(1000);
        model.openSample();

        steps.add(() -> shoot("workbench-light.png"));
        steps.add(() -> {
            model.graph().searchTextProperty().set("tanh");
            model.graph().nextHit();
        });
        steps.add(() -> shoot("workbench-selected.png"));
        steps.add(() -> window.setThemeForTour(true));
        steps.add(() -> shoot("workbench-dark.png"));
        steps.add(() -> {
            window.setThemeForTour(false);
            syntheticStart = System.nanoTime();
            model.graph().graphProperty().set(SyntheticGraphs.dag(2000));
        });
        steps.add(() -> System.out.printf("2000-node graph: open to drawn in %d ms (%s)%n",
                (System.nanoTime() - syntheticStart) / 1_000_000, model.graph().statusProperty().get()));
        steps.add(() -> shoot("workbench-2000-nodes.png"));
        steps.add(() -> {
            model.graph().searchTextProperty().set("%v1000");
            window.graphView().focus(model.graph().nextHit(), 1.0);
        });
        steps.add(() -> shoot("workbench-2000-nodes-zoomed.png"));
        steps.add(Platform::exit);
        new AnimationTimer() {
            private int quietFrames;
            @Override public void handle(long now) {
                // a step runs once the layout is in and a few frames have been drawn with it
                if (model.graph().layoutProperty().get() == null
                        || (model.graph().graphProperty().get() != null && model.graph().statusProperty().get().startsWith("laying"))) {
                    quietFrames = 0;
                    return;
                }
                if (++quietFrames < 12) return;
                quietFrames = 0;
                Runnable step = steps.poll();
                if (step == null) { stop(); return; }
                step.run();
            }
        }.start();
    }

    private void shoot(String name) {
        WritableImage image = window.scene().snapshot(null);
        try {
            File file = out.resolve(name).toFile();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
            System.out.println("wrote " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    }
}
