package dev.jitscope.app.workbench.trace;

import dev.jitscope.ir.Source;
import dev.jitscope.trace.diff.DiffReport;
import dev.jitscope.trace.diff.TraceScriptDiff;

import java.util.List;

/** Runs the trace-vs-script diff: the tracer's {@code TraceScriptDiff.run}, seen from the workbench. */
@FunctionalInterface
public interface TraceDiffEngine {
    /**
     * Blocking; called off the FX thread. Mistakes in the source or inputs are JitScopeException.
     *
     * @param exampleInputs the set the trace is recorded on
     * @param checkInputs   further sets both models run on
     */
    DiffReport run(Source source, String className, List<Object> exampleInputs, List<List<Object>> checkInputs);

    /** The tracer's diff: the model built with no constructor arguments, weights from manual_seed(0). */
    static TraceDiffEngine standard() {
        return (source, className, example, checks) -> TraceScriptDiff.run(source, className, List.of(), example, checks);
    }
}
