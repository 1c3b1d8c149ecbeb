package dev.jitscope.passes.manager;

import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;

/** Wall time of the pass itself; registered last (innermost) so it excludes the other instrumentations' work. */
public final class TimingInstrumentation implements PassInstrumentation {
    private long start;

    @Override public void beforePass(Pass pass, PassContext ctx, PassRunResult.Builder record) { start = System.nanoTime(); }

    @Override public void afterPass(Pass pass, PassContext ctx, PassRunResult.Builder record) {
        record.ms = (System.nanoTime() - start) / 1e6;
    }
}
