package dev.jitscope.app.passes;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.manager.PassInstrumentation;
import dev.jitscope.passes.manager.PassRunResult;
import dev.jitscope.passes.util.GraphText;
import dev.jitscope.passes.verify.OutputComparison;
import dev.jitscope.runtime.Interpreter;

import java.util.ArrayList;
import java.util.List;

/**
 * After every pass, runs the graph on every input set of the archive (control-flow models have one
 * per branch) and compares with the unoptimized run, so a pass that changes results is named right
 * where it does.
 */
final class DifferentialCheck implements PassInstrumentation {
    static final double TOLERANCE = 1e-4;

    /** Input sets (each a list of forward's arguments) and the unoptimized graph's results for each. */
    private final List<List<Object>> inputs;
    private final List<List<Object>> expected;
    final List<String> failures = new ArrayList<>();
    /** The graph as last compared: a pass that left it unchanged needs no second run (CI has 2 cores). */
    private String lastCompared;

    DifferentialCheck(List<List<Object>> inputs, List<List<Object>> expected) {
        this.inputs = inputs;
        this.expected = expected;
    }

    @Override public void afterPass(Pass pass, PassContext ctx, PassRunResult.Builder record) {
        String text = GraphText.print(ctx.graph());
        if (text.equals(lastCompared)) return;
        lastCompared = text;
        for (int k = 0; k < inputs.size(); k++) {
            try {
                // a fresh interpreter: the passes edit graphs in place, compiled code would be stale
                List<Object> actual = new Interpreter().run(ctx.graph(), inputs.get(k));
                OutputComparison c = OutputComparison.of(expected.get(k), actual, TOLERANCE);
                if (!c.equal()) failures.add(pass.name() + ", input set " + k + ": " + c.mismatch());
            } catch (JitScopeException e) {
                failures.add(pass.name() + ", input set " + k + ": the optimized graph no longer runs: " + e.render());
            }
        }
    }
}
