package dev.jitscope.passes.manager;

import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a pipeline of passes on one {@link PassContext}, with instrumentations around each pass, and
 * returns a {@link PassRunResult} per pass. {@link #instrumented()}: snapshots with fingerprints and
 * structural diff, verification, timing (innermost).
 */
public final class PassManager {
    private final List<PassInstrumentation> instrumentations = new ArrayList<>();

    /** No instrumentations (node counts and claimed change only); add some with {@link #instrument}. */
    public PassManager() {}

    /** Timing, snapshots and verification, as the CLI and the workbench want. */
    public static PassManager instrumented() {
        // timing last = innermost, so it measures the pass and not the snapshots
        return new PassManager()
                .instrument(new SnapshotInstrumentation())
                .instrument(new VerifierInstrumentation())
                .instrument(new TimingInstrumentation());
    }

    public PassManager instrument(PassInstrumentation i) { instrumentations.add(i); return this; }

    public List<PassRunResult> run(List<Pass> pipeline, PassContext ctx) {
        List<PassRunResult> results = new ArrayList<>();
        for (Pass p : pipeline) results.add(runOne(p, ctx));
        return results;
    }

    private PassRunResult runOne(Pass pass, PassContext ctx) {
        PassRunResult.Builder rec = new PassRunResult.Builder(pass.name());
        rec.nodesBefore = ctx.graph().nodeCount();
        ctx.resetStatistics();
        if (pass.info().needsModule() && ctx.module() == null) {
            rec.nodesAfter = rec.nodesBefore;
            return rec.build();     // e.g. freezing a free function: nothing to freeze
        }
        for (PassInstrumentation i : instrumentations) i.beforePass(pass, ctx, rec);
        try {
            rec.claimedChanged = pass.run(ctx);
        } catch (RuntimeException e) {
            for (PassInstrumentation i : instrumentations) i.afterFailure(pass, ctx, e);
            throw e instanceof PassFailure pf ? pf : new PassFailure(pass.name(), e);
        }
        rec.changed = rec.claimedChanged;   // overridden by the snapshot instrumentation's fingerprint
        for (int k = instrumentations.size() - 1; k >= 0; k--) instrumentations.get(k).afterPass(pass, ctx, rec);
        rec.nodesAfter = ctx.graph().nodeCount();
        rec.statistics = ctx.statistics();
        return rec.build();
    }
}
