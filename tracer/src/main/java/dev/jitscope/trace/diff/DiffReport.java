package dev.jitscope.trace.diff;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;

import java.util.List;
import java.util.Set;

/**
 * The trace-vs-script report of one model: where the trace baked in decisions, which input sets
 * make the traced model disagree with the scripted one, and both graphs for a side-by-side view.
 *
 * @param tracedGraph   the traced forward, flattened (submodule calls inlined)
 * @param scriptedGraph the scripted forward's inlined graph
 * @param scriptedOnly  nodes of {@code scriptedGraph} (at any depth) whose source range no traced
 *                      node came from: what the trace dropped (the untaken branch, ...)
 */
public record DiffReport(Source source, List<DivergenceSite> sites, List<InputComparison> inputs,
                         Graph tracedGraph, Graph scriptedGraph, Set<Node> scriptedOnly) {
    /** True when any input set makes the traced model disagree with the scripted one. */
    public boolean diverges() {
        return inputs.stream().anyMatch(InputComparison::diverges);
    }
}
