package dev.jitscope.kernels.cpu;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Output arrays for the kernels that overwrite every element of their result (convolution, pooling, linear),
 * taken from the pool of the interpreter run on this thread, if any, so that a model run repeatedly reuses
 * its activations' memory instead of allocating (and the JVM zeroing) tens of megabytes per run, all of it
 * cold in cache. Outside a run, or for other callers, they are plain new arrays.
 *
 * <p>The interpreter decides when an array may go back ({@link Pool#recycle}); a pool only takes back arrays it
 * handed out in the current run, so views of weights or of a caller's tensors never enter it.
 */
public final class Buffers {
    private Buffers() { }

    private static final ThreadLocal<Pool> ACTIVE = new ThreadLocal<>();

    /** An array of n floats whose contents are unspecified: the caller must write every element. */
    public static float[] floats(int n) {
        Pool p = ACTIVE.get();
        return p == null ? new float[n] : p.take(n);
    }

    /** The pool kernels on this thread take from, or null. */
    public static Pool active() { return ACTIVE.get(); }

    /** Makes p the pool of this thread (null: none); returns the previous one, to restore afterwards. */
    public static Pool activate(Pool p) {
        Pool previous = ACTIVE.get();
        if (p == null) ACTIVE.remove(); else ACTIVE.set(p);
        return previous;
    }

    /** Free float arrays by length, bounded in total size; one per interpreter, used by one thread at a time. */
    public static final class Pool {
        private final long maxBytes;
        private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
        private final Set<float[]> issued = Collections.newSetFromMap(new IdentityHashMap<>());
        private long freeBytes;

        public Pool(long maxBytes) { this.maxBytes = maxBytes; }

        float[] take(int n) {
            ArrayDeque<float[]> q = free.get(n);
            float[] a = q == null ? null : q.poll();
            if (a != null) freeBytes -= 4L * n;
            else a = new float[n];
            issued.add(a);
            return a;
        }

        /** True when a was handed out by this pool in the current run and has not come back yet. */
        public boolean owns(float[] a) { return issued.contains(a); }

        /** Takes a back for reuse; the caller guarantees nothing can read or write it any more. */
        public void recycle(float[] a) {
            if (!issued.remove(a) || freeBytes + 4L * a.length > maxBytes) return;
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
            freeBytes += 4L * a.length;
        }

        /** Ends a run: arrays still out (outputs, values kept by the caller) belong to their holders now. */
        public void endRun() { issued.clear(); }
    }
}
