package dev.jitscope.app.workbench.shell;

import dev.jitscope.app.workbench.graph.SyntheticGraphs;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TreeItem;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

/**
 * Drives the real window through a fixed tour and writes PNGs (docs/screenshots.sh runs it under
 * Xvfb): the sample graph, a selection, a compile error, an archive with its module tree, the
 * inlined graph, an export, the pass stepper, the run panel, the trace-vs-script diff, the dark
 * theme and a 2,000-node graph.
 * Arguments: the output folder, and a folder holding net.pt and input.npy (optional).
 */
public final class ScreenshotTour {
    private static Path out = Path.of("docs");
    private static Path archives;

    private ScreenshotTour() {}

    /** Not an Application itself, so that a plain {@code java -cp} launch works. */
    public static void main(String[] args) {
        if (args.length > 0) out = Path.of(args[0]);
        if (args.length > 1) archives = Path.of(args[1]);
        Application.launch(Tour.class, args);
    }

    public static final class Tour extends Application {
        /** A step runs once {@code ready} holds and a few frames have been drawn since. */
        private record Step(BooleanSupplier ready, Runnable action) {}

        private final Deque<Step> steps = new ArrayDeque<>();
        private WorkbenchViewModel model;
        private MainWindow window;
        private long syntheticStart;

        private void then(Runnable action) { steps.add(new Step(this::graphQuiet, action)); }
        private void when(BooleanSupplier ready, Runnable action) { steps.add(new Step(ready, action)); }

        private boolean graphQuiet() {
            return model.graph().layoutProperty().get() != null && !model.graph().statusProperty().get().startsWith("laying");
        }

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

            then(() -> shoot("workbench-light.png"));
            then(() -> {
                model.graph().searchTextProperty().set("tanh");
                model.graph().nextHit();
            });
            then(() -> shoot("workbench-selected.png"));
            then(() -> {
                String text = window.editor().getText();
                window.editor().area().replaceText(text.replace("return torch.tanh(y)", "return torch.tanh(z)"));
            });
            when(() -> !model.problems().isEmpty(), () -> shoot("workbench-problems.png"));
            then(() -> {
                String text = window.editor().getText();
                window.editor().area().replaceText(text.replace("return torch.tanh(z)", "return torch.tanh(y)"));
                window.editor().area().moveTo(text.indexOf("y = x * 2.0"));
            });
            when(() -> model.problems().isEmpty(), () -> shoot("workbench-caret-line.png"));
            if (archives != null && Files.exists(archives.resolve("net.pt"))) {
                then(() -> model.open(archives.resolve("net.pt")));
                then(() -> {
                    expandAll(window.moduleTreeRoot());
                    shoot("workbench-archive.png");
                });

                then(() -> model.export(archives.resolve("net-export.pt")));
                when(() -> !model.activityProperty().get().startsWith("exporting"), () -> shoot("workbench-export.png"));
                then(() -> model.inlinedProperty().set(true));
                then(() -> shoot("workbench-inlined.png"));
                then(() -> {
                    model.inlinedProperty().set(false);
                    window.tabs().getSelectionModel().select(1);
                    model.passes().run();
                });
                when(() -> !model.passes().steps().isEmpty() && model.passes().afterGraph().layoutProperty().get() != null
                                && model.passes().beforeGraph().layoutProperty().get() != null,
                        () -> shoot("workbench-passes.png"));
                then(() -> {
                    window.tabs().getSelectionModel().select(2);
                    model.run().inputs().get(0).specProperty().set(archives.resolve("input.npy").toString());
                    model.run().run();
                });
                when(() -> !model.run().outputs().isEmpty() || model.run().statusProperty().get().startsWith("run failed"),
                        () -> shoot("workbench-run.png"));
                then(() -> {
                    window.tabs().getSelectionModel().select(0);
                    model.openSample();
                });
            }
            then(() -> {
                window.tabs().getSelectionModel().select(3);
                model.traceDiff().run();
            });
            when(() -> !model.traceDiff().runningProperty().get() && (model.traceDiff().resultProperty().get() == null
                            || model.traceDiff().scriptedGraph().layoutProperty().get() != null
                            && model.traceDiff().tracedGraph().layoutProperty().get() != null), () -> {
                if (!model.traceDiff().sites().isEmpty()) model.traceDiff().selectedSiteProperty().set(model.traceDiff().sites().get(0));
            });
            then(() -> shoot("workbench-trace-diff.png"));
            then(() -> {
                window.tabs().getSelectionModel().select(0);
                window.setThemeForTour(true);
            });
            then(() -> shoot("workbench-dark.png"));
            then(() -> {
                window.setThemeForTour(false);
                window.useGraphStream(false);
            });
            then(() -> shoot("workbench-canvas-renderer.png"));
            then(() -> {
                window.useGraphStream(true);
                syntheticStart = System.nanoTime();
                model.graph().graphProperty().set(SyntheticGraphs.dag(2000));
            });
            then(() -> System.out.printf("2000-node graph: open to drawn in %d ms (%s)%n",
                    (System.nanoTime() - syntheticStart) / 1_000_000, model.graph().statusProperty().get()));
            then(() -> shoot("workbench-2000-nodes.png"));
            then(() -> {
                model.graph().searchTextProperty().set("%v1000");
                window.focusGraph(model.graph().nextHit(), 1.0);
            });
            then(() -> shoot("workbench-2000-nodes-zoomed.png"));
            then(Platform::exit);
            new AnimationTimer() {
                private int quietFrames;
                @Override public void handle(long now) {
                    Step step = steps.peek();
                    if (step == null) { stop(); return; }
                    if (!step.ready().getAsBoolean()) { quietFrames = 0; return; }
                    if (++quietFrames < 15) return;
                    quietFrames = 0;
                    steps.poll().action().run();
                }
            }.start();
        }

        private static void expandAll(TreeItem<?> item) {
            if (item == null) return;
            item.setExpanded(true);
            for (TreeItem<?> c : item.getChildren()) expandAll(c);
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
