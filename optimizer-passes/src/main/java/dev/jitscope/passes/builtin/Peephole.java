package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Constants;
import dev.jitscope.passes.util.Effects;
import dev.jitscope.tensor.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * ir-core's type-independent {@link dev.jitscope.ir.transform.Peephole} ({@code x is None} on a
 * non-Optional, Ifs yielding the same value or their own condition, len/indexing of list literals,
 * redundant casts), then tensor rewrites that need types or alias facts:
 * <pre>
 *   aten::mul(%x, 1), aten::div(%x, 1), aten::add(%x, 0, 1), aten::sub(%x, 0, 1)  =>  %x
 *   aten::t(aten::t(%x)), aten::transpose(aten::transpose(%x, a, b), a, b)       =>  %x
 *   aten::contiguous(aten::contiguous(%x, f), f)                                  =>  inner
 *   aten::size(%x), aten::size(%x, d), aten::dim(%x) with known sizes            =>  constants
 * </pre>
 * NB: the first two rows make the result alias %x (PyTorch returns a new tensor or a view), so they
 * only fire when no tensor is written in the graph; {@code x * 1} on a bool tensor is an int64 tensor,
 * so a known-bool %x is left alone.
 */
public final class Peephole implements Pass {
    public static final Peephole INSTANCE = new Peephole();
    private static final PassInfo INFO = new PassInfo("peephole",
            "Algebraic simplifications of single nodes",
            "Folds `x is None` on non-Optional values, Ifs that yield their condition or one value, len and "
                    + "indexing of list literals; removes multiplications by 1 and additions of 0, double transposes and "
                    + "repeated contiguous, and turns aten::size/aten::dim of tensors with known sizes into constants.",
            List.of("structural-rewrites", "identities-removed", "transposes-removed", "contiguous-removed", "sizes-folded"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) { return new Worker(ctx).run(); }

    private static final class Worker {
        private final PassContext ctx;
        private final Effects.Mutations mutations;

        Worker(PassContext ctx) {
            this.ctx = ctx;
            this.mutations = Effects.Mutations.of(ctx.graph());
        }

        boolean run() {
            int before = ctx.graph().nodeCount();
            boolean changed = dev.jitscope.ir.transform.Peephole.run(ctx.graph());
            if (changed) ctx.count("structural-rewrites", Math.max(1, before - ctx.graph().nodeCount()));
            for (Node n : new ArrayList<>(ctx.graph().block().allNodes())) {
                if (n.owningBlock() == null || n.outputs().size() != 1) continue;
                Value repl = rewrite(n);
                if (repl == null) continue;
                n.output().replaceAllUsesWith(repl);
                n.destroy();
                changed = true;
            }
            return changed;
        }

        private Value rewrite(Node n) {
            String k = n.kind();
            boolean aliasSafe = !mutations.mayBeWritten(n.output()) && (n.inputs().isEmpty() || !mutations.mayBeWritten(n.input(0)));
            switch (k) {
                case "aten::mul", "aten::div" -> {
                    if (aliasSafe && n.inputs().size() == 2 && notBool(n.input(0)) && isNumber(n.input(1), 1)) return counted("identities-removed", n.input(0));
                }
                case "aten::add", "aten::sub" -> {
                    if (aliasSafe && n.inputs().size() == 3 && notBool(n.input(0)) && isNumber(n.input(1), 0) && isNumber(n.input(2), 1))
                        return counted("identities-removed", n.input(0));
                }
                case "aten::t" -> {
                    Node p = n.input(0).node();
                    if (aliasSafe && p.kind().equals("aten::t")) return counted("transposes-removed", p.input(0));
                }
                case "aten::transpose" -> {
                    Node p = n.input(0).node();
                    if (aliasSafe && p.kind().equals("aten::transpose") && sameDims(n, p)) return counted("transposes-removed", p.input(0));
                }
                case "aten::contiguous" -> {
                    Node p = n.input(0).node();
                    if (p.kind().equals("aten::contiguous") && n.inputs().size() == p.inputs().size()
                            && (n.inputs().size() < 2 || java.util.Objects.equals(Constants.valueOf(n.input(1)), Constants.valueOf(p.input(1)))
                                && Constants.isConstant(n.input(1))))
                        return counted("contiguous-removed", n.input(0));
                }
                case "aten::size", "aten::dim" -> {
                    int[] sizes = n.input(0).type() instanceof TensorType t ? t.sizes() : null;
                    if (sizes == null) return null;
                    Object v;
                    if (k.equals("aten::dim")) v = (long) sizes.length;
                    else if (n.inputs().size() == 1) {
                        List<Long> l = new ArrayList<>();
                        for (int s : sizes) l.add((long) s);
                        v = l;
                    } else if (Constants.valueOf(n.input(1)) instanceof Long d && d >= -sizes.length && d < sizes.length)
                        v = (long) sizes[(int) (d < 0 ? d + sizes.length : d)];
                    else return null;
                    Value c = Constants.insertBefore(n, v);
                    return c == null ? null : counted("sizes-folded", c);
                }
                default -> { }
            }
            return null;
        }

        private Value counted(String stat, Value v) { ctx.count(stat); return v; }

        private static boolean notBool(Value v) {
            return v.type() instanceof TensorType t && t.dtype() != DType.BOOL;
        }

        private static boolean isNumber(Value v, long want) {
            Object c = Constants.valueOf(v);
            return (c instanceof Long l && l == want) || (c instanceof Double d && d == want);
        }

        private static boolean sameDims(Node outer, Node inner) {
            Object a = Constants.valueOf(outer.input(1)), b = Constants.valueOf(outer.input(2));
            Object c = Constants.valueOf(inner.input(1)), d = Constants.valueOf(inner.input(2));
            if (!(a instanceof Long) || !(b instanceof Long) || !(c instanceof Long) || !(d instanceof Long)) return false;
            return (a.equals(c) && b.equals(d)) || (a.equals(d) && b.equals(c));
        }
    }
}
