package dev.jitscope.app.cli;

import dev.jitscope.ir.Graph;
import dev.jitscope.runtime.GraphExecutor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Median and minimum wall time of running a graph on the CPU executor ({@code jitscope passes --time N}):
 * what an optimization pipeline buys at run time. Warm-up runs come first so the JIT and the
 * interpreter's compiled code are in place before anything is measured.
 */
record RunTiming(double medianMs, double minMs, int runs) {

    static RunTiming measure(Graph graph, List<Object> args, int warmup, int runs) {
        GraphExecutor executor = new GraphExecutor(graph);
        for (int i = 0; i < warmup; i++) executor.run(args);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            executor.run(args);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new RunTiming(ms[runs / 2], ms[0], runs);
    }

    String json() {
        return String.format(Locale.ROOT, "{\"median_ms\":%.3f,\"min_ms\":%.3f,\"runs\":%d}", medianMs, minMs, runs);
    }
}
