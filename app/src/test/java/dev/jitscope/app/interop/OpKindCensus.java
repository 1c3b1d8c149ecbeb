package dev.jitscope.app.interop;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts operator kinds in printed graph IR the way the generator counts PyTorch's
 * {@code forward.inlined_graph}: every {@code aten::*}, {@code prim::If} and {@code prim::Loop} node,
 * nested blocks included (a printed graph lists nested nodes on their own lines).
 */
public final class OpKindCensus {
    private OpKindCensus() { }

    // "%y : Tensor = aten::relu(%x)", "  = prim::If(%c)", "%4 : int = aten::size[...](...)";
    // the kind follows the '=' that ends a node's outputs and precedes its attributes or inputs
    private static final Pattern NODE = Pattern.compile("(?:^|\\s)=\\s+((?:aten::\\w+)|prim::If|prim::Loop)(?=[\\[(])");

    public static Map<String, Integer> count(String printedGraph) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : printedGraph.split("\n")) {
            Matcher m = NODE.matcher(line);
            if (m.find()) counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts;
    }

    // "%y : Tensor = aten::relu(%x)", "%v : Tensor, %i : Tensor = aten::max(...)": an output typed Tensor
    private static final Pattern TENSOR_NODE = Pattern.compile("^\\s*%[^=]*:\\s*Tensor(?![\\[?\\w])[^=]*=\\s+(aten::\\w+)(?=[\\[(])");

    /**
     * The aten operators with a Tensor output: what a graph computes on tensors, without the
     * int/str/list bookkeeping of argument checks (which differs when a check is written as a loop
     * where PyTorch's Python source has a comprehension that TorchScript unrolls).
     */
    public static Map<String, Integer> countTensorOps(String printedGraph) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : printedGraph.split("\n")) {
            Matcher m = TENSOR_NODE.matcher(line);
            if (m.find()) counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts;
    }

    /** Σ min / Σ max over all kinds: 1.0 when the censuses agree exactly. */
    public static double score(Map<String, Integer> expected, Map<String, Integer> actual) {
        long min = 0, max = 0;
        for (String k : union(expected, actual)) {
            int a = expected.getOrDefault(k, 0), b = actual.getOrDefault(k, 0);
            min += Math.min(a, b);
            max += Math.max(a, b);
        }
        return max == 0 ? 1.0 : (double) min / max;
    }

    /** "aten::add: PyTorch 3, JitScope 2" for every kind whose counts differ. */
    public static String differences(Map<String, Integer> expected, Map<String, Integer> actual) {
        StringBuilder sb = new StringBuilder();
        for (String k : union(expected, actual)) {
            int a = expected.getOrDefault(k, 0), b = actual.getOrDefault(k, 0);
            if (a != b) sb.append("  ").append(k).append(": PyTorch ").append(a).append(", JitScope ").append(b).append('\n');
        }
        return sb.toString();
    }

    private static Set<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
