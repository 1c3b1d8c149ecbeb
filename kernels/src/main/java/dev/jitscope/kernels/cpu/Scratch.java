package dev.jitscope.kernels.cpu;

/**
 * Per-thread float buffers that kernels reuse from call to call (im2col columns, padded planes), so
 * that a model run does not allocate and zero megabytes of temporaries per layer. A buffer only grows;
 * its contents are garbage on {@link #get}.
 */
final class Scratch {
    static final Scratch COLUMNS = new Scratch();
    static final Scratch PLANE = new Scratch();
    static final Scratch PHASES = new Scratch();
    static final Scratch WINOGRAD_WEIGHTS = new Scratch(), WINOGRAD_TILES = new Scratch(), WINOGRAD_PRODUCTS = new Scratch();

    private final ThreadLocal<float[][]> buffers = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private Scratch() { }

    /** A buffer of at least n floats, owned by the calling thread until its next call. */
    float[] get(int n) {
        float[][] b = buffers.get();
        if (b[0].length < n) b[0] = new float[n];
        return b[0];
    }
}
