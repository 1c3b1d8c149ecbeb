package dev.jitscope.passes.manager;

import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;

/**
 * Hooks the {@link PassManager} calls around every pass (MLIR's PassInstrumentation). Each hook may
 * fill in the pass's {@link PassRunResult.Builder}; {@link #afterPass} runs in reverse registration
 * order so instrumentations nest like brackets.
 */
public interface PassInstrumentation {
    default void beforePass(Pass pass, PassContext ctx, PassRunResult.Builder record) {}
    default void afterPass(Pass pass, PassContext ctx, PassRunResult.Builder record) {}
    default void afterFailure(Pass pass, PassContext ctx, Throwable failure) {}
}
