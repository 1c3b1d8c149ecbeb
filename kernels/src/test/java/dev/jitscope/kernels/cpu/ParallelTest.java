package dev.jitscope.kernels.cpu;

import dev.jitscope.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The kernels' thread team: every index runs exactly once, failures reach the caller, nesting and rival callers work. */
class ParallelTest {
    @Test
    void everyIndexRunsExactlyOnce() {
        for (int n : new int[]{1, 2, 3, 7, 64, 1001}) {
            for (int grain : new int[]{1, 2, 5, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.forRange(n, grain, (lo, hi) -> { for (int i = lo; i < hi; i++) hits.incrementAndGet(i); });
                for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n=" + n + " grain=" + grain + " index " + i);
            }
        }
    }

    @Test
    void aFailingChunkFailsTheCallAndTheTeamStaysUsable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.forRange(100, 1, (lo, hi) -> {
            if (hi == 100) throw new IllegalArgumentException("last chunk failed");
        }));
        assertEquals("last chunk failed", e.getMessage());
        AtomicIntegerArray hits = new AtomicIntegerArray(100);
        Parallel.forRange(100, 1, (lo, hi) -> { for (int i = lo; i < hi; i++) hits.incrementAndGet(i); });
        for (int i = 0; i < 100; i++) assertEquals(1, hits.get(i));
    }

    /**
     * The chunk holding index 0 blocks until every other index has run: with a fixed share per thread, indices 1..3
     * would sit behind it in the same share and never run. Claimed chunks let the other thread take them all.
     */
    @Test
    void aStalledChunkHoldsUpOnlyItself() throws Exception {
        Prerequisites.require(Parallel.threads() > 1, "needs a machine with two or more processors");
        int n = 8;
        CountDownLatch others = new CountDownLatch(n - 1);
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, 1, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                if (i == 0) {
                    try {
                        assertTrue(others.await(30, TimeUnit.SECONDS), "indices 1.." + (n - 1) + " waited for the stalled chunk");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    others.countDown();
                }
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "index " + i);
    }

    /** On a one-processor machine there is no team: every loop runs inline (a JVM told it has one processor). */
    @Test
    void aSingleProcessorMachineRunsLoopsInline() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:ActiveProcessorCount=1",
                "-cp", System.getProperty("java.class.path"), OneProcessor.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals("threads 1, sum " + 999L * 1000 / 2, output);
    }

    /** Run by the test above in its own JVM. */
    static final class OneProcessor {
        public static void main(String[] args) {
            AtomicLong sum = new AtomicLong();
            Parallel.forRange(1000, 1, (lo, hi) -> { for (int i = lo; i < hi; i++) sum.addAndGet(i); });
            System.out.println("threads " + Parallel.threads() + ", sum " + sum.get());
        }
    }

    @Test
    void nestedLoopsRunInline() {
        AtomicIntegerArray hits = new AtomicIntegerArray(40 * 30);
        Parallel.forRange(40, 1, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int row = i;
                Parallel.forRange(30, 1, (a, b) -> { for (int j = a; j < b; j++) hits.incrementAndGet(row * 30 + j); });
            }
        });
        for (int i = 0; i < hits.length(); i++) assertEquals(1, hits.get(i), "index " + i);
    }

    @Test
    void callersOnSeveralThreadsAllFinish() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    long[] sums = new long[50];
                    for (int round = 0; round < sums.length; round++) {
                        long[] parts = new long[10_000];
                        Parallel.forRange(parts.length, 16, (lo, hi) -> { for (int i = lo; i < hi; i++) parts[i] = i; });
                        for (long p : parts) sums[round] += p;
                    }
                    return sums;
                }));
            }
            for (Future<long[]> f : results)
                for (long s : f.get(60, TimeUnit.SECONDS)) assertEquals(9_999L * 10_000 / 2, s);
        } finally {
            pool.shutdownNow();
        }
    }
}
