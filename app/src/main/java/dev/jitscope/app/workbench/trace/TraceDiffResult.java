package dev.jitscope.app.workbench.trace;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;

import java.util.List;
import java.util.Set;

/**
 * What the trace-vs-script view shows, in the tracer's terms ({@code dev.jitscope.trace.diff.DiffReport}
 * read field by field): sites where the trace baked in a decision, the per-input comparison, both graphs
 * and the scripted nodes no traced node came from.
 */
public record TraceDiffResult(List<Site> sites, List<Comparison> inputs, Graph tracedGraph, Graph scriptedGraph,
                              Set<Node> scriptedOnly) {

    /** A divergence site: {@code kind} IF, WHILE, LOOP or SCALAR; {@code traced} what the trace kept. */
    public record Site(int index, SourceRange range, String kind, String traced, String message) {
        /** The list row: where, what kind, what the trace kept, and the source line itself. */
        @Override public String toString() {
            String line = range == null ? "" : range.source().text().split("\n", -1)[range.line() - 1].strip();
            return String.format("%d:%d  %-6s %s — %s%n      %s", range == null ? 0 : range.line(), range == null ? 0 : range.column(),
                    kind, traced, message, line);
        }
    }

    /** Traced vs scripted outputs on one input set (index 0 = the example the trace was recorded on). */
    public record Comparison(int index, boolean diverges, double maxAbsDiff, String reason, List<Integer> flippedSites) { }
}
