package dev.jitscope.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need something outside the JVM (PyTorch, an OpenCL device, a display) skip when it is
 * missing, naming what to install; in CI ({@code -Djitscope.ci=true} or {@code CI=true}) a missing
 * prerequisite fails the test instead, so CI never passes by skipping.
 */
public final class Prerequisites {
    private Prerequisites() { }

    public static boolean inCi() {
        return "true".equals(System.getProperty("jitscope.ci")) || "true".equals(System.getenv("CI"));
    }

    /** Skips (outside CI) or fails (in CI) with {@code message} unless {@code available}. */
    public static void require(boolean available, String message) {
        if (!available && inCi()) throw new AssertionError(message + " (CI does not skip)");
        Assumptions.assumeTrue(available, message);
    }
}
