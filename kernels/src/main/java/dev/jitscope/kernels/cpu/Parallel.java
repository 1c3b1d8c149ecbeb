package dev.jitscope.kernels.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits big loops over a team of availableProcessors() threads: the calling thread and availableProcessors() - 1
 * workers claim chunks of the loop, a few per thread, until none are left. Claiming instead of a fixed share
 * per thread means a thread that starts late (a parked worker waking up) or runs slow (a virtual CPU the host is
 * busy with) costs the loop only the chunk it holds: the others take the rest.
 *
 * <p>Workers spin for a short while after a loop before they park, as OpenMP's do: a model runs dozens of
 * parallel loops per millisecond, and waking a parked thread (a futex round trip, tens of microseconds on a
 * virtual machine) for each cost more than the small loops themselves. A ForkJoinPool hands every loop to its
 * workers and parks the caller, two wake-ups per loop.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final Team TEAM = THREADS > 1 ? new Team(THREADS - 1) : null;

    /** A loop body over the half-open range [from, to). */
    @FunctionalInterface
    public interface Range { void run(int from, int to); }

    private Parallel() { }

    public static int threads() { return THREADS; }

    /**
     * Runs body over [0, n), in parallel chunks when each chunk would get at least {@code grain} iterations.
     * Nested calls, and calls while another thread has the team, run inline on the calling thread.
     */
    public static void forRange(int n, int grain, Range body) {
        if (n <= 0) return;
        int chunks = Math.min(CHUNKS_PER_THREAD * THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || TEAM == null || Thread.currentThread() instanceof Team.Worker || !TEAM.tryAcquire()) {
            body.run(0, n);
            return;
        }
        try {
            TEAM.run(body, n, chunks);
        } finally {
            TEAM.release();
        }
    }

    /** Chunks per thread when the loop is big enough: enough to even out a late or slow thread, few enough to stay cheap. */
    private static final int CHUNKS_PER_THREAD = 4;

    /** Work (about one multiply-add or element each) below which a chunk is not worth another thread. */
    private static final long MIN_CHUNK_WORK = 1 << 15;

    /** Runs body over [0, n) items that cost about {@code workPerItem} each, splitting only chunks worth a thread. */
    public static void forWork(int n, long workPerItem, Range body) {
        long grain = Math.max(1, MIN_CHUNK_WORK / Math.max(1, workPerItem));
        forRange(n, (int) Math.min(Integer.MAX_VALUE, grain), body);
    }

    /** The worker threads and the one loop they are running; one caller at a time (see tryAcquire). */
    private static final class Team {
        /** How long an idle worker, or a caller waiting for its workers, spins before parking. */
        private static final long SPIN_NANOS = 200_000;

        private final Worker[] workers;
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicInteger pending = new AtomicInteger();
        /** The next unclaimed chunk of the current loop; set past the last one when a chunk fails. */
        private final AtomicInteger nextChunk = new AtomicInteger();
        // the current loop: written before the workers' generation is bumped, which publishes them
        private Range body;
        private int length, chunks;
        private volatile Thread caller;
        private volatile Throwable failure;

        Team(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker("jitscope-kernel-" + (i + 1));
                workers[i].start();
            }
        }

        boolean tryAcquire() { return busy.compareAndSet(false, true); }

        void release() { busy.set(false); }

        void run(Range loop, int n, int parts) {
            body = loop;
            length = n;
            chunks = parts;
            caller = Thread.currentThread();
            failure = null;
            nextChunk.set(0);
            int helpers = Math.min(workers.length, parts - 1);
            pending.set(helpers);
            for (int i = 0; i < helpers; i++) workers[i].wake();
            claimChunks();
            awaitWorkers();
            body = null;
            Throwable t = failure;
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }

        /** Runs chunks of the current loop until none are left; the first failure stops everyone's claiming. */
        private void claimChunks() {
            Range loop = body;
            int n = length, parts = chunks;
            for (int c; (c = nextChunk.getAndIncrement()) < parts; ) {
                try {
                    loop.run((int) ((long) n * c / parts), (int) ((long) n * (c + 1) / parts));
                } catch (Throwable t) {
                    synchronized (this) { if (failure == null) failure = t; }
                    nextChunk.set(parts);
                }
            }
        }

        private void awaitWorkers() {
            long start = System.nanoTime();
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins % 64 != 0 || System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 50_000);
            }
        }

        private final class Worker extends Thread {
            private volatile long generation;
            private volatile boolean parked;
            private long done;

            Worker(String name) {
                super(name);
                setDaemon(true);
            }

            /** Hands the worker the loop the team's fields describe (the volatile write publishes them). */
            void wake() {
                generation = generation + 1;
                if (parked) LockSupport.unpark(this);
            }

            @Override public void run() {
                while (true) {
                    awaitLoop();
                    done = generation;
                    claimChunks();
                    if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
                }
            }

            private void awaitLoop() {
                long start = System.nanoTime();
                int spins = 0;
                while (generation == done) {
                    if (++spins % 64 != 0 || System.nanoTime() - start < SPIN_NANOS) { Thread.onSpinWait(); continue; }
                    parked = true;
                    if (generation == done) LockSupport.park(this);
                    parked = false;
                }
            }
        }
    }
}
