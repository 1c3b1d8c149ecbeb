package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;

import java.util.Arrays;
import java.util.List;

/**
 * Runs a prim::FusionGroup (what the optimizer's fuse-elementwise pass makes) as one pass over the
 * output: the group's "Subgraph" is compiled once into a {@link FusedFloatProgram} that runs block by
 * block, so intermediates never become tensors.
 * <p>The program applies when every tensor input is float32 and broadcasts to one shape that is also the
 * shape of every output; anything else (other dtypes, an operator form the loop does not know,
 * outputs of a smaller shape) runs the subgraph operator by operator with the interpreter, which gives
 * the same results, only slower.
 */
final class FusedElementwise {
    private FusedElementwise() { }

    static final String SUBGRAPH = "Subgraph";

    /** Whether {@code sub} runs as one loop (for float32 tensors); otherwise it runs op by op. */
    static boolean compilesToOneLoop(Graph sub) { return FusedFloatProgram.compile(sub) != null; }

    /** The instruction body of a prim::FusionGroup node. */
    static Interpreter.Body body(Node group) { return body(group, null); }

    /** As {@link #body(Node)}, trying a backend's compiled kernel first (where it has one and takes the arguments). */
    static Interpreter.Body body(Node group, FusionGroupCompiler backend) {
        if (!(group.attr(SUBGRAPH) instanceof Graph sub))
            return (it, r, i, o) -> { throw new dev.jitscope.diag.JitScopeException("prim::FusionGroup without a Subgraph attribute", group.range()); };
        FusedFloatProgram loop = FusedFloatProgram.compile(sub);
        FusionGroupCompiler.FusedKernel device = backend == null ? null : backend.compile(group, sub);
        return (it, r, i, o) -> {
            Object[] args = new Object[i.length];
            for (int k = 0; k < i.length; k++) args[k] = r[i[k]];
            Object[] res = device == null ? null : device.run(args);
            if (res == null && loop != null) res = loop.run(args);
            if (res == null) res = it.code(sub).invoke(it, args).toArray();
            for (int k = 0; k < o.length; k++) r[o[k]] = res[k];
        };
    }

    static int[] broadcast(List<int[]> shapes) {
        int rank = 0;
        for (int[] s : shapes) rank = Math.max(rank, s.length);
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes)
            for (int i = 0; i < s.length; i++) {
                int d = rank - s.length + i;
                if (s[i] == out[d] || s[i] == 1) continue;
                if (out[d] != 1) return null;
                out[d] = s[i];
            }
        return out;
    }
}
