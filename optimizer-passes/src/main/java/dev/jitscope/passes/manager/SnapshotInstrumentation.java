package dev.jitscope.passes.manager;

import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;

/** Snapshots the graph before and after each pass; "changed" is a fingerprint comparison. */
public final class SnapshotInstrumentation implements PassInstrumentation {
    @Override public void beforePass(Pass pass, PassContext ctx, PassRunResult.Builder record) {
        record.before = GraphSnapshot.of(ctx.graph());
    }

    @Override public void afterPass(Pass pass, PassContext ctx, PassRunResult.Builder record) {
        GraphSnapshot after = GraphSnapshot.of(ctx.graph());
        record.after = after;
        record.changed = !after.fingerprint().equals(record.before.fingerprint());
        record.diff = StructuralDiff.between(record.before, after);
    }
}
