package dev.jitscope.app.passes;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.manager.PassInstrumentation;
import dev.jitscope.passes.manager.PassRunResult;
import dev.jitscope.passes.verify.OutputComparison;
import dev.jitscope.runtime.Interpreter;

import java.util.ArrayList;
import java.util.List;

/**
 * After every pass, runs the graph on the same arguments and compares with the unoptimized run, so
 * a pass that changes results is named right where it does.
 */
final class DifferentialCheck implements PassInstrumentation {
    static final double TOLERANCE = 1e-4;

    private final List<Object> args;
    private final List<Object> expected;
    final List<String> failures = new ArrayList<>();

    DifferentialCheck(List<Object> args, List<Object> expected) {
        this.args = args;
        this.expected = expected;
    }

    @Override public void afterPass(Pass pass, PassContext ctx, PassRunResult.Builder record) {
        try {
            // a fresh interpreter: the passes edit graphs in place, compiled code would be stale
            List<Object> actual = new Interpreter().run(ctx.graph(), args);
            OutputComparison c = OutputComparison.of(expected, actual, TOLERANCE);
            if (!c.equal()) failures.add(pass.name() + ": " + c.mismatch());
        } catch (JitScopeException e) {
            failures.add(pass.name() + ": the optimized graph no longer runs: " + e.render());
        }
    }
}
