package dev.jitscope.passes.manager;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one pass did, as the CLI ({@code jitscope passes --json}) and the workbench show it.
 *
 * @param changed      fingerprints before/after differ (not what the pass claimed)
 * @param claimedChanged what {@code Pass.run} returned
 * @param before       snapshot before the pass (null without the snapshot instrumentation)
 * @param after        snapshot after the pass
 */
public record PassRunResult(String name, boolean changed, boolean claimedChanged, double ms, int nodesBefore,
                            int nodesAfter, Map<String, Long> statistics, StructuralDiff diff,
                            GraphSnapshot before, GraphSnapshot after) {

    /** Mutable collector the instrumentations fill in while the pass runs. */
    public static final class Builder {
        final String name;
        boolean changed, claimedChanged;
        double ms;
        int nodesBefore, nodesAfter;
        Map<String, Long> statistics = Map.of();
        StructuralDiff diff = new StructuralDiff(List.of(), List.of(), List.of());
        GraphSnapshot before, after;

        Builder(String name) { this.name = name; }

        public String name() { return name; }
        public Builder changed(boolean c) { changed = c; return this; }
        public Builder ms(double v) { ms = v; return this; }
        public Builder snapshots(GraphSnapshot b, GraphSnapshot a) { before = b; after = a; return this; }
        public Builder diff(StructuralDiff d) { diff = d; return this; }
        public GraphSnapshot before() { return before; }

        PassRunResult build() {
            return new PassRunResult(name, changed, claimedChanged, ms, nodesBefore, nodesAfter, statistics, diff, before, after);
        }
    }

    /** One JSON object: name, changed, ms, nodes_before, nodes_after, added, removed, rewired, statistics. */
    public String toJson() {
        return "{\"name\":" + q(name) + ",\"changed\":" + changed + ",\"ms\":" + String.format(java.util.Locale.ROOT, "%.3f", ms)
                + ",\"nodes_before\":" + nodesBefore + ",\"nodes_after\":" + nodesAfter
                + ",\"added\":" + arr(diff.added()) + ",\"removed\":" + arr(diff.removed()) + ",\"rewired\":" + arr(diff.rewired())
                + ",\"statistics\":{" + statistics.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> q(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",")) + "}}";
    }

    /** A JSON array of results. */
    public static String toJson(List<PassRunResult> results) {
        return results.stream().map(PassRunResult::toJson).collect(Collectors.joining(",\n ", "[", "]"));
    }

    private static String arr(List<String> xs) { return xs.stream().map(PassRunResult::q).collect(Collectors.joining(",", "[", "]")); }

    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> { if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c); }
            }
        }
        return b.append('"').toString();
    }
}
