package dev.jitscope.passes.manager;

import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import java.util.List;

/** Checks the graph after each pass, so a broken pass is named at once rather than crashing a later one. */
public final class VerifierInstrumentation implements PassInstrumentation {
    @Override public void afterPass(Pass pass, PassContext ctx, PassRunResult.Builder record) {
        List<String> problems = GraphChecks.check(ctx.graph());
        if (!problems.isEmpty())
            throw new PassFailure(pass.name(), "graph invalid after pass: " + String.join("; ", problems));
    }
}
