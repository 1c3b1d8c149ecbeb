package dev.jitscope.kernels.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits big loops over an explicit pool of availableProcessors() threads.
 * NB: the ForkJoin common pool has parallelism 1 on a 2-core machine, hence our own pool.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = new ForkJoinPool(THREADS);

    /** A loop body over the half-open range [from, to). */
    @FunctionalInterface
    public interface Range { void run(int from, int to); }

    private Parallel() { }

    public static int threads() { return THREADS; }

    // NB: nested calls from inside the pool run inline; the pool is already busy with the outer loop.
    /** Runs body over [0, n), in parallel chunks when each chunk would get at least {@code grain} iterations. */
    public static void forRange(int n, int grain, Range body) {
        if (n <= 0) return;
        int chunks = Math.min(THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || (Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread w && w.getPool() == POOL)) { body.run(0, n); return; }
        POOL.invoke(new Split(body, 0, n, (n + chunks - 1) / chunks));
    }

    /** Work (about one multiply-add or element each) below which a chunk is not worth another thread's wake-up. */
    private static final long MIN_CHUNK_WORK = 1 << 15;

    /** Runs body over [0, n) items that cost about {@code workPerItem} each, splitting only chunks worth a thread. */
    public static void forWork(int n, long workPerItem, Range body) {
        long grain = Math.max(1, MIN_CHUNK_WORK / Math.max(1, workPerItem));
        forRange(n, (int) Math.min(Integer.MAX_VALUE, grain), body);
    }

    private static final class Split extends RecursiveAction {
        private final Range body; private final int from, to, chunk;
        Split(Range body, int from, int to, int chunk) { this.body = body; this.from = from; this.to = to; this.chunk = chunk; }
        @Override protected void compute() {
            if (to - from <= chunk) { body.run(from, to); return; }
            int mid = from + (to - from) / 2;
            invokeAll(new Split(body, from, mid, chunk), new Split(body, mid, to, chunk));
        }
    }
}
