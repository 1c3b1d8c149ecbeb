package dev.jitscope.kernels.opencl;

/** Work sizes shared by the launchers. */
final class Launch {
    private Launch() { }

    /** Work-group size of 1-D kernels; global sizes are rounded up to it and kernels check bounds. */
    static final int GROUP = 64;

    static long[] global(int n) { return new long[]{n}; }
    static long[] group() { return new long[]{GROUP}; }

    static void sameDevice(OpenClContext ctx, DeviceTensor... ts) {
        for (DeviceTensor t : ts)
            if (t != null && t.context() != ctx) throw new IllegalArgumentException(t + " belongs to another OpenCL context");
    }
}
