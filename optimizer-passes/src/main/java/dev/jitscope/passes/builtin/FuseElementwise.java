package dev.jitscope.passes.builtin;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassInfo;
import dev.jitscope.passes.util.Effects;
import dev.jitscope.ir.transform.GraphCopier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups runs of elementwise tensor ops into one prim::FusionGroup whose "Subgraph" attribute holds
 * them, so an executor can run them in one pass over memory:
 * <pre>
 *   %a : Tensor = aten::mul(%x, %y)          %c : Tensor = prim::FusionGroup_0[Subgraph=<Graph>](%x, %y)
 *   %b : Tensor = aten::add(%a, %x, %one) =>   with subgraph(%x, %y): mul, add, sigmoid
 *   %c : Tensor = aten::sigmoid(%b)
 * </pre>
 * First, fusible producers used only by a fusible consumer are moved next to it (past side-effect-free
 * nodes only), so chains become consecutive. A run is then a maximal sequence of consecutive nodes in
 * one block that are fusible ops (or scalar constants between them); it needs two fusible nodes, one
 * feeding the other. Because the run is
 * consecutive, every outside input is defined before it and every outside use comes after it, so the
 * group can sit where the run was. Scalar constants are copied into the subgraph, as PyTorch's fuser does.
 * In-place elementwise ops join a run only when they write a temporary nothing else reads
 * ({@link #writesOnlyATemporary}).
 * NB: a run of two independent chains becomes one group; PyTorch would make two.
 */
public final class FuseElementwise implements Pass {
    public static final FuseElementwise INSTANCE = new FuseElementwise();
    public static final String FUSION_GROUP = "prim::FusionGroup";
    public static final String SUBGRAPH = "Subgraph";
    static final Set<String> ELEMENTWISE = Set.of(
            "aten::add", "aten::sub", "aten::mul", "aten::div", "aten::neg", "aten::relu", "aten::sigmoid",
            "aten::tanh", "aten::exp", "aten::log", "aten::sqrt", "aten::rsqrt", "aten::abs", "aten::pow",
            "aten::clamp", "aten::hardtanh", "aten::leaky_relu", "aten::gelu", "aten::silu", "aten::reciprocal",
            "aten::sin", "aten::cos", "aten::erf", "aten::where", "aten::maximum", "aten::minimum", "aten::hardswish",
            "aten::hardsigmoid");
    private static final PassInfo INFO = new PassInfo("fuse-elementwise",
            "Fuse runs of elementwise tensor ops into prim::FusionGroup nodes",
            "Moves maximal runs of consecutive elementwise tensor operators into a prim::FusionGroup whose "
                    + "Subgraph attribute holds them; the group's inputs are the tensors the run reads from outside.",
            List.of("groups", "nodes-fused"));

    @Override public PassInfo info() { return INFO; }

    @Override public boolean run(PassContext ctx) {
        boolean changed = false;
        for (Block b : blocks(ctx.graph().block(), new ArrayList<>())) changed |= fuseBlock(b, ctx);
        return changed;
    }

    private static List<Block> blocks(Block b, List<Block> out) {
        out.add(b);
        for (Node n : b.nodes()) for (Block nb : n.blocks()) blocks(nb, out);
        return out;
    }

    private boolean fuseBlock(Block b, PassContext ctx) {
        for (Node n : new ArrayList<>(b.nodes())) if (fusible(n)) sinkProducers(n);
        boolean changed = false;
        List<Node> run = new ArrayList<>();
        for (Node n : new ArrayList<>(b.nodes())) {
            if (fusible(n)) run.add(n);
            else if (!isScalarConstant(n)) { changed |= fuseRun(run, ctx); run = new ArrayList<>(); }
        }
        changed |= fuseRun(run, ctx);
        return changed;
    }

    private boolean fuseRun(List<Node> members, PassContext ctx) {
        if (members.size() < 2) return false;
        Set<Value> produced = new LinkedHashSet<>();
        for (Node m : members) produced.addAll(m.outputs());
        boolean connected = members.stream().anyMatch(m -> m.inputs().stream().anyMatch(produced::contains));
        if (!connected) return false;

        Graph sub = new Graph();
        Map<Value, Value> map = new HashMap<>();
        List<Value> groupInputs = new ArrayList<>();
        for (Node m : members)
            for (Value in : m.inputs()) {
                if (produced.contains(in) || map.containsKey(in)) continue;
                if (isScalarConstant(in.node())) {
                    Node c = GraphCopier.cloneNode(in.node(), sub, map);
                    sub.block().append(c);
                } else {
                    map.put(in, sub.addInput(in.hasDebugName() ? in.debugName() : null, in.type()));
                    groupInputs.add(in);
                }
            }
        for (Node m : members) sub.block().append(GraphCopier.cloneNode(m, sub, map));
        List<Value> groupOutputs = new ArrayList<>();
        for (Value v : produced)
            if (v.uses().stream().anyMatch(u -> !members.contains(u.user()))) {
                groupOutputs.add(v);
                sub.registerOutput(map.get(v));
            }

        Node last = members.get(members.size() - 1);
        Node group = last.graph().create(FUSION_GROUP);
        group.setAttr(SUBGRAPH, sub).setRange(last.range());
        for (Value in : groupInputs) group.addInput(in);
        group.insertAfter(last);
        for (Value v : groupOutputs) {
            Value o = group.addOutput(v.type());
            if (v.hasDebugName()) o.setDebugName(v.debugName());
            // only uses outside the run move to the group; members go away below
            for (Value.Use u : new ArrayList<>(v.uses()))
                if (!members.contains(u.user())) u.user().replaceInput(u.index(), o);
        }
        for (int i = members.size() - 1; i >= 0; i--) members.get(i).destroy();
        ctx.count("groups");
        ctx.count("nodes-fused", members.size());
        return true;
    }

    /**
     * Moves fusible producers used only by {@code consumer} to just before it (and theirs before them),
     * so a chain interleaved with unrelated nodes becomes a consecutive run. Only past nodes without side
     * effects: an in-place write between producer and consumer could change what the producer reads.
     */
    private static void sinkProducers(Node consumer) {
        Block b = consumer.owningBlock();
        for (Value in : new ArrayList<>(consumer.inputs())) {
            Node p = in.node();
            if (p.owningBlock() != b || !fusible(p) || in.uses().stream().anyMatch(u -> u.user() != consumer)) continue;
            List<Node> nodes = b.nodes();
            int from = nodes.indexOf(p), to = nodes.indexOf(consumer);
            if (from < 0 || from > to) continue;
            boolean clear = true;
            for (int k = from + 1; k < to && clear; k++) clear = !Effects.hasSideEffects(nodes.get(k));
            if (!clear) continue;
            if (from != to - 1) p.moveBefore(consumer);
            sinkProducers(p);
        }
    }

    private static boolean fusible(Node n) {
        return (ELEMENTWISE.contains(n.kind()) || writesOnlyATemporary(n)) && n.blocks().isEmpty() && n.outputs().size() == 1
                && n.output().type() instanceof TensorType;
    }

    /**
     * Operators whose result is a tensor of its own, never a view of an input: what an in-place op may
     * overwrite unobserved when nothing else reads it.
     */
    private static final Set<String> FRESH_RESULT = Set.of(
            "aten::conv1d", "aten::conv2d", "aten::conv3d", "aten::_convolution", "aten::linear", "aten::matmul", "aten::mm",
            "aten::bmm", "aten::addmm", "aten::batch_norm", "aten::layer_norm", "aten::group_norm", "aten::instance_norm",
            "aten::max_pool2d", "aten::avg_pool2d", "aten::adaptive_avg_pool2d", "aten::softmax", "aten::log_softmax",
            "aten::cat", FUSION_GROUP);

    /**
     * An in-place elementwise op (relu_, add_, ...) on a temporary: a tensor that a node of the same
     * block made fresh and that nothing but this op reads. Nobody can observe the write, so the op may
     * join a group, whose result is a new tensor (resnet's {@code out += identity; relu(out)} after a
     * convolution). The group keeps the in-place spelling: where an executor runs the group op by op
     * (other dtypes), the op is still the in-place one, with its dtype rules.
     */
    private static boolean writesOnlyATemporary(Node n) {
        String k = n.kind();
        if (!Effects.isInPlace(n) || !ELEMENTWISE.contains(k.substring(0, k.length() - 1)) || n.inputs().isEmpty()) return false;
        Value self = n.input(0);
        return self.uses().size() == 1 && self.node().owningBlock() == n.owningBlock() && isFresh(self.node());
    }

    private static boolean isFresh(Node producer) {
        String k = producer.kind();
        if (ELEMENTWISE.contains(k) || FRESH_RESULT.contains(k)) return true;
        // an in-place op's result is its self: fresh when that is
        return Effects.isInPlace(producer) && ELEMENTWISE.contains(k.substring(0, k.length() - 1)) && !producer.inputs().isEmpty()
                && producer.input(0).node().owningBlock() == producer.owningBlock() && isFresh(producer.input(0).node());
    }

    private static boolean isScalarConstant(Node n) {
        return n.kind().equals(Node.CONSTANT) && n.outputs().size() == 1 && !(n.output().type() instanceof TensorType);
    }
}
