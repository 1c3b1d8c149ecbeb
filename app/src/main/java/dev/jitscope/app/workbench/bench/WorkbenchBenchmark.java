package dev.jitscope.app.workbench.bench;

import dev.jitscope.app.workbench.graph.GraphStreamView;
import dev.jitscope.app.workbench.graph.GraphView;
import dev.jitscope.app.workbench.graph.GraphViewModel;
import dev.jitscope.app.workbench.graph.SyntheticGraphs;
import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.transform.Inliner;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times the graph screen as a user meets it: open (load + inline) → ELK layout → scene build →
 * first drawn frame, then frames per second while the camera pans, in the real renderers on a real
 * (Xvfb) display. Run through bench/workbench_benchmark.sh, which also makes the archives.
 * <p>Arguments: {@code [--renderer graphstream|canvas] [--pan-frames N] CASE...} where a case is
 * {@code name=archive.pt} or {@code synthetic:N}.
 */
public final class WorkbenchBenchmark {
    private static final double WIDTH = 1280, HEIGHT = 800;

    private final String renderer;
    private final int panFrames;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(daemon("bench-load"));
    private final ExecutorService layoutExecutor = Executors.newSingleThreadExecutor(daemon("bench-layout"));
    private final List<String> lines = new ArrayList<>();
    private GraphViewModel model;
    private GraphView canvasView;
    private GraphStreamView streamView;
    private volatile Runnable onFrame = () -> { };
    /** The machine this runs on is shared: FX-thread CPU time says what the work costs, wall time what the user waited. */
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long fxThreadId;

    private WorkbenchBenchmark(String renderer, int panFrames) {
        this.renderer = renderer;
        this.panFrames = panFrames;
    }

    public static void main(String[] args) throws Exception {
        String renderer = "graphstream";
        int panFrames = 120;
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--renderer" -> renderer = args[++i];
                case "--pan-frames" -> panFrames = Integer.parseInt(args[++i]);
                default -> cases.add(args[i]);
            }
        }
        WorkbenchBenchmark bench = new WorkbenchBenchmark(renderer, panFrames);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        bench.onFx(bench::openStage).get();
        // the view model warms ELK up on its executor; an app user pays that at start-up, not on open
        CompletableFuture.runAsync(() -> { }, bench.layoutExecutor).get(60, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "renderer=%s java=%s cores=%d load=%s%n", renderer, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("wall ms (CPU ms)   nodes  open+inline   ELK layout (CPU)   scene build+first frame (FX CPU)   open→drawn   pan fps at open view (CPU ms/frame: FX + render)   pan fps fitted (FX + render)");
        for (String c : cases) bench.run(c);
        Platform.exit();
        System.exit(0);
    }

    private void openStage() {
        fxThreadId = Thread.currentThread().getId();
        model = new GraphViewModel(layoutExecutor);
        StackPane root = new StackPane();
        if (renderer.equals("canvas")) {
            canvasView = new GraphView(model);
            root.getChildren().add(canvasView);
        } else {
            streamView = new GraphStreamView(model);
            streamView.onFrameDrawn(() -> onFrame.run());
            root.getChildren().add(streamView);
        }
        Stage stage = new Stage();
        stage.setTitle("JitScope workbench benchmark");
        stage.setScene(new Scene(root, WIDTH, HEIGHT));
        stage.show();
    }

    private void run(String spec) throws Exception {
        String name;
        Supplier<Graph> open;
        if (spec.startsWith("synthetic:")) {
            int n = Integer.parseInt(spec.substring("synthetic:".length()));
            name = "synthetic-" + n;
            open = () -> SyntheticGraphs.dag(n);
        } else {
            int eq = spec.indexOf('=');
            name = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
            Path file = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
            if (!Files.exists(file)) throw new IllegalArgumentException("no archive " + file);
            open = () -> Inliner.inline(OpenedModel.fromArchive(file).forward());
        }
        onFx(() -> model.graphProperty().set(null)).get();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        Graph g = CompletableFuture.supplyAsync(open, loader).get();
        long tOpen = System.nanoTime();

        CompletableFuture<long[]> drawn = new CompletableFuture<>();
        long[] marks = new long[3];
        long[] fxCpu = new long[2];
        onFx(() -> {
            javafx.beans.value.ChangeListener<Object>[] once = new javafx.beans.value.ChangeListener[1];
            // the views listen first: when this listener runs, the layout has arrived and the scene is built
            model.layoutProperty().addListener(once[0] = (obs, o, l) -> {
                if (l == null) return;
                model.layoutProperty().removeListener(once[0]);
                marks[1] = System.nanoTime();
                waitFirstFrame(() -> { marks[2] = System.nanoTime(); fxCpu[1] = fxCpu(); drawn.complete(marks); });
            });
            marks[0] = System.nanoTime();
            fxCpu[0] = fxCpu();
            model.graphProperty().set(g);
        }).get();
        drawn.get(600, TimeUnit.SECONDS);
        long[] layoutMs = layoutMillis();
        int nodes = g.block().allNodes().size();
        double openMs = ms(tOpen - t0), buildAndLayout = ms(marks[1] - marks[0]);
        double build = buildAndLayout - layoutMs[0], first = ms(marks[2] - marks[1]), total = ms(marks[2] - t0);
        Thread.sleep(500);
        double[] panOpen = pan();
        onFx(() -> { if (streamView != null) streamView.fit(); else canvasView.fit(); }).get();
        Thread.sleep(500);
        double[] panFitted = pan();
        String line = String.format(Locale.ROOT, "%-16s %7d %9.0f ms %9d ms (%5d) %14.0f ms (%5.0f) %18.0f ms %18.1f (%5.1f + %5.1f) %20.1f (%5.1f + %5.1f)",
                name, nodes, openMs, layoutMs[0], layoutMs[1], build + first, ms(fxCpu[1] - fxCpu[0]), total,
                panOpen[0], panOpen[1], panOpen[2], panFitted[0], panFitted[1], panFitted[2]);
        System.out.println(line);
        lines.add(line);
    }

    /** ELK's own wall time, as the view model reports it in the status line ("N nodes laid out in X ms (CPU Y ms)"). */
    private long[] layoutMillis() throws Exception {
        String s = onFx(() -> model.statusProperty().get()).get();
        var m = java.util.regex.Pattern.compile("laid out in (\\d+) ms \\(CPU (\\d+) ms\\)").matcher(s);
        return m.find() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : new long[] {-1, -1};
    }

    private long fxCpu() { return threads.getThreadCpuTime(fxThreadId); }

    /** CPU of JavaFX's render thread (it rasterises what the FX thread recorded; software pipeline under Xvfb). */
    private long renderCpu() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) return threads.getThreadCpuTime(t.getId());
        }
        return 0;
    }

    private void waitFirstFrame(Runnable done) {
        if (streamView != null) {
            onFrame = () -> { onFrame = () -> { }; done.run(); };
            return;
        }
        // the canvas draws synchronously; the frame is on screen once the next pulse has rendered it
        new AnimationTimer() {
            int ticks;
            @Override public void handle(long now) {
                if (++ticks == 2) { stop(); done.run(); }
            }
        }.start();
    }

    /** Pans {@code panFrames} pulses, 6 px right and 4 px down per pulse (back again halfway), counting frames drawn. */
    private double[] pan() throws Exception {
        CompletableFuture<double[]> fps = new CompletableFuture<>();
        int[] frames = {0};
        onFrame = () -> frames[0]++;
        onFx(() -> new AnimationTimer() {
            int ticks;
            long start, cpu, render;
            @Override public void handle(long now) {
                if (ticks == 0) { start = System.nanoTime(); frames[0] = 0; cpu = fxCpu(); render = renderCpu(); }
                double dir = ticks < panFrames / 2 ? 1 : -1;
                if (streamView != null) streamView.panBy(-6 * dir, -4 * dir); else { canvasView.panBy(-6 * dir, -4 * dir); frames[0]++; }
                if (++ticks > panFrames) {
                    stop();
                    onFrame = () -> { };
                    fps.complete(new double[] {frames[0] / ((System.nanoTime() - start) / 1e9), ms(fxCpu() - cpu) / Math.max(1, frames[0]),
                            ms(renderCpu() - render) / Math.max(1, frames[0])});
                }
            }
        }.start()).get();
        return fps.get(600, TimeUnit.SECONDS);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static double ms(long nanos) { return nanos / 1e6; }

    private static <T> CompletableFuture<T> onFx(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try { f.complete(work.call()); } catch (Throwable t) { f.completeExceptionally(t); }
        });
        return f;
    }

    private static CompletableFuture<Void> onFx(Runnable work) {
        return onFx(() -> { work.run(); return null; });
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> { Thread t = new Thread(r, name); t.setDaemon(true); return t; };
    }
}
