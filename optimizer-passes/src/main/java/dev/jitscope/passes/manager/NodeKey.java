package dev.jitscope.passes.manager;

/**
 * Identity of a node across two snapshots of the same graph.
 *
 * <p>Key = kind + source range (offsets) + ordinal among the nodes sharing that kind and range, in
 * depth-first order. Why not object identity: canonicalisation and copying passes rebuild the graph,
 * and the workbench compares snapshots long after the objects are gone. Why the source range: it is
 * what a user recognises ("the add on line 7") and survives inlining, which keeps the callee's ranges.
 * The ordinal disambiguates unrolled loop bodies and rangeless compiler-made nodes (constants).
 * NB: a pass that inserts a same-kind, same-range node before another shifts the ordinals, which
 * then shows as add+remove; acceptable for a diff meant for people.
 *
 * @param start source offset, -1 without a range
 */
public record NodeKey(String kind, int start, int end, int ordinal) {
    @Override public String toString() { return kind + "@" + (start < 0 ? "-" : start + ":" + end) + "#" + ordinal; }
}
