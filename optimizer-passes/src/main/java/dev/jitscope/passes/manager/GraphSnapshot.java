package dev.jitscope.passes.manager;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import dev.jitscope.passes.util.GraphText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of a graph at one point of a pipeline: its printed text, a fingerprint of that
 * text, and per node its {@link NodeKey}, a label, and where its inputs come from (as keys), which is
 * what {@link StructuralDiff} compares.
 */
public final class GraphSnapshot {
    /** One node: {@code inputs} name producers as "key.offset" or "input.i" for block parameters. */
    public record NodeRecord(NodeKey key, String label, List<String> inputs) {}

    private final String text;
    private final String fingerprint;
    private final int nodeCount;
    private final Map<NodeKey, NodeRecord> nodes;

    private GraphSnapshot(String text, int nodeCount, Map<NodeKey, NodeRecord> nodes) {
        this.text = text;
        this.fingerprint = sha256(text);
        this.nodeCount = nodeCount;
        this.nodes = nodes;
    }

    public static GraphSnapshot of(Graph g) {
        List<Node> all = g.block().allNodes();
        Map<Node, NodeKey> keys = keys(all);
        Map<Node, Block> paramOwners = new HashMap<>();
        for (Node n : all) for (Block b : n.blocks()) paramOwners.put(b.paramNode(), b);
        Map<NodeKey, NodeRecord> records = new LinkedHashMap<>();
        for (Node n : all) {
            List<String> ins = new ArrayList<>();
            for (Value v : n.inputs()) ins.add(producer(v, keys, paramOwners));
            NodeKey k = keys.get(n);
            records.put(k, new NodeRecord(k, label(n, k), List.copyOf(ins)));
        }
        return new GraphSnapshot(GraphText.print(g), all.size(), records);
    }

    /**
     * Each node of {@code g} with the label {@link StructuralDiff} lists it under, so that a view can
     * find the nodes a diff names (in the graph the "before" or "after" snapshot was taken of, or a copy).
     */
    public static Map<Node, String> labels(Graph g) {
        Map<Node, String> labels = new java.util.IdentityHashMap<>();
        keys(g.block().allNodes()).forEach((n, k) -> labels.put(n, label(n, k)));
        return labels;
    }

    private static Map<Node, NodeKey> keys(List<Node> all) {
        Map<Node, NodeKey> keys = new HashMap<>();
        Map<String, Integer> ordinals = new HashMap<>();
        for (Node n : all) {
            SourceRange r = n.range();
            int s = r == null ? -1 : r.start(), e = r == null ? -1 : r.end();
            int ord = ordinals.merge(n.kind() + "@" + s + ":" + e, 1, Integer::sum) - 1;
            keys.put(n, new NodeKey(n.kind(), s, e, ord));
        }
        return keys;
    }

    private static String label(Node n, NodeKey k) {
        return n.kind() + (n.range() == null ? "" : " @" + n.range().location()) + (k.ordinal() > 0 ? " #" + k.ordinal() : "");
    }

    private static String producer(Value v, Map<Node, NodeKey> keys, Map<Node, Block> paramOwners) {
        NodeKey k = keys.get(v.node());
        if (k != null) return k + "." + v.offset();
        // a block parameter: name it by the owning node (or "graph") and position
        Block owner = paramOwners.get(v.node());
        String where = owner == null ? "graph" : keys.get(owner.owningNode()) + ".block" + owner.owningNode().blocks().indexOf(owner);
        return where + ".input" + v.offset();
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text() { return text; }
    /** Hex digest of {@link #text()}: equal fingerprints = the user sees the same graph. */
    public String fingerprint() { return fingerprint; }
    public int nodeCount() { return nodeCount; }
    public Map<NodeKey, NodeRecord> nodes() { return nodes; }
}
