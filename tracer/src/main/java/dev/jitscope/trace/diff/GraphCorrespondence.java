package dev.jitscope.trace.diff;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Matches the scripted graph to the traced one through source ranges: both were built from the same
 * source text, so an operator the trace recorded has exactly the range of the scripted node for the
 * same call. What is left over in the scripted graph is what the trace dropped.
 *
 * <p>Rules: {@code prim::If}/{@code prim::Loop} are always dropped (a trace has no control flow);
 * constants are never reported (the printer hoists and pools them, they compute nothing); attribute
 * reads and method calls count as kept when they lie inside a module call the trace ran
 * ({@code self.linear} inside {@code self.linear(x)}), or inside a kept operator's range; every
 * other node is kept when a traced node has exactly its range.
 */
public final class GraphCorrespondence {
    private GraphCorrespondence() { }

    private record Span(String file, int start, int end) {
        static Span of(SourceRange r) { return new Span(r.source().name(), r.start(), r.end()); }
        boolean contains(Span o) { return file.equals(o.file) && start <= o.start && o.end <= end; }
    }

    /** Nodes of {@code scripted} (any depth) whose source range no traced node came from. */
    public static Set<Node> scriptedOnly(Graph scripted, Graph traced, List<SourceRange> moduleCalls) {
        Set<Span> tracedSpans = new HashSet<>();
        for (Node n : traced.block().allNodes()) if (n.range() != null && !n.kind().equals(Node.CONSTANT)) tracedSpans.add(Span.of(n.range()));
        List<Span> enclosing = new ArrayList<>(tracedSpans);
        for (SourceRange r : moduleCalls) enclosing.add(Span.of(r));

        Set<Node> out = new LinkedHashSet<>();   // Node has identity equality; graph order for the views
        collect(scripted.block(), tracedSpans, enclosing, out);
        return Collections.unmodifiableSet(out);
    }

    private static void collect(Block b, Set<Span> exact, List<Span> enclosing, Set<Node> out) {
        for (Node n : b.nodes()) {
            for (Block inner : n.blocks()) collect(inner, exact, enclosing, out);
            if (dropped(n, exact, enclosing)) out.add(n);
        }
    }

    private static boolean dropped(Node n, Set<Span> exact, List<Span> enclosing) {
        String k = n.kind();
        if (k.equals(Node.IF) || k.equals(Node.LOOP)) return true;
        if (k.equals(Node.CONSTANT) || n.range() == null) return false;
        Span s = Span.of(n.range());
        if (exact.contains(s)) return false;
        if (k.startsWith("aten::")) return true;
        for (Span e : enclosing) if (e.contains(s)) return false;
        return true;
    }
}
