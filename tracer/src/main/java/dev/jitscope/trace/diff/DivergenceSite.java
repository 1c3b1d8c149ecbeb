package dev.jitscope.trace.diff;

import dev.jitscope.ir.SourceRange;
import dev.jitscope.trace.eager.DivergenceEvent;

/**
 * One source location where the trace baked a data-dependent decision into the graph.
 *
 * @param index   position in the report, 0-based, in order of first occurrence during the trace
 * @param range   the condition / call expression in the model source
 * @param kind    if, while, loop or scalar
 * @param traced  what the trace kept, short: "then-branch", "else-branch", "3 iterations", "constant 4"
 * @param message a sentence for people: "took the then-branch (x.mean() > 0.5 was True)"
 */
public record DivergenceSite(int index, SourceRange range, DivergenceEvent.Kind kind, String traced, String message) {
    public int line() { return range.line(); }
    public int column() { return range.column(); }
}
