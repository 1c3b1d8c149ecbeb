package dev.jitscope.passes.manager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.verify.GraphVerifier;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;

/** Checks the graph after each pass, so a broken pass is named at once rather than crashing a later one. */
public final class VerifierInstrumentation implements PassInstrumentation {
    @Override public void afterPass(Pass pass, PassContext ctx, PassRunResult.Builder record) {
        try {
            GraphVerifier.verify(ctx.graph());
        } catch (JitScopeException e) {
            throw new PassFailure(pass.name(), "graph invalid after pass: " + e.getMessage());
        }
    }
}
