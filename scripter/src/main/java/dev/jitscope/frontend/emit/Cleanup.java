package dev.jitscope.frontend.emit;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.transform.ConstantPropagation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The clean-up PyTorch runs right after emission (runCleanupPasses): dead code elimination that
 * respects side effects, pooling of equal constants at the top of the graph, and unique value
 * names in PyTorch's {@code x.1} style.
 */
public final class Cleanup {
    private final Graph graph;

    Cleanup(Graph graph) { this.graph = graph; }

    void run() {
        eliminateDeadCode(graph.block());
        // PyTorch's runCleanupPasses: branches made dead by constant conditions go before pooling
        ConstantPropagation.runImmutableTypes(graph);
        poolConstants();
        eliminateDeadCode(graph.block());
        nameValues();
    }

    /** Operators that change a list or dict argument in place. */
    public static boolean mutates(String kind) {
        return kind.equals("aten::append") || kind.equals("aten::_set_item") || kind.equals("aten::insert")
                || kind.equals("aten::extend") || kind.equals("aten::pop") || kind.equals("aten::clear")
                || kind.equals("aten::remove") || kind.equals("aten::Delete") || kind.equals("aten::add_")
                || kind.equals("aten::reverse") || kind.equals("aten::update") || kind.equals("aten::setdefault");
    }

    /** Ops that must stay even when their outputs are unused. */
    static boolean hasSideEffects(Node n) {
        String k = n.kind();
        if (k.equals(Node.RAISE) || k.equals(Node.SET_ATTR) || k.equals(Node.CALL_METHOD) || k.equals(Node.CALL_FUNCTION)
                || k.equals("prim::Print") || k.equals("aten::append") || k.equals("aten::_set_item") || k.equals("aten::Delete")
                || k.equals("aten::insert") || k.equals("aten::extend") || k.equals("aten::pop") || k.equals("aten::clear")
                || k.equals("aten::reverse") || k.equals("aten::warn") || k.equals("aten::update") || k.equals("aten::setdefault")
                || k.equals("aten::remove") || k.equals("aten::sort") && n.inputs().size() > 0 && !(n.input(0).type() instanceof dev.jitscope.ir.type.TensorType)
                || k.equals("prim::CreateObject") && false)
            return true;
        if (k.startsWith("aten::") && k.endsWith("_") && !k.endsWith("__")) return true;   // in-place ops
        for (Block b : n.blocks()) for (Node inner : b.nodes()) if (hasSideEffects(inner)) return true;
        return false;
    }

    /** Removes unused nodes (innermost first) and unused If/Loop outputs. */
    private boolean eliminateDeadCode(Block block) {
        boolean changed = false;
        List<Node> nodes = new ArrayList<>(block.nodes());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.kind().equals(Node.IF)) changed |= pruneIfOutputs(n);
            if (n.kind().equals(Node.LOOP)) changed |= pruneLoopCarried(n);
            for (Block b : n.blocks()) changed |= eliminateDeadCode(b);
            boolean used = n.outputs().stream().anyMatch(Value::hasUses);
            if (!used && !hasSideEffects(n)) {
                n.destroy();
                changed = true;
            }
        }
        return changed;
    }

    private boolean pruneIfOutputs(Node n) {
        boolean changed = false;
        for (int i = n.outputs().size() - 1; i >= 0; i--) {
            if (n.output(i).hasUses()) continue;
            n.eraseOutput(i);
            for (Block b : n.blocks()) b.eraseOutput(i);
            changed = true;
        }
        return changed;
    }

    /** A carried value nobody reads after the loop and the body does not read is dropped. */
    private boolean pruneLoopCarried(Node n) {
        boolean changed = false;
        Block body = n.blocks().get(0);
        for (int i = n.outputs().size() - 1; i >= 0; i--) {
            Value out = n.output(i);
            Value bodyIn = body.inputs().get(i + 1);
            Value bodyOut = body.outputs().get(i + 1);
            boolean readInBody = bodyIn.uses().stream().anyMatch(u -> !(u.user() == body.returnNode()));
            if (out.hasUses() || readInBody) continue;
            n.eraseOutput(i);
            body.eraseOutput(i + 1);
            body.eraseInput(i + 1);
            n.removeInput(i + 2);
            changed = true;
            if (bodyOut != bodyIn) { /* the dead body computation is removed by DCE */ }
        }
        return changed;
    }

    private record ConstantKey(String type, Object value) { }

    /** One prim::Constant per distinct value, hoisted to the top of the graph. */
    private void poolConstants() {
        Map<ConstantKey, Value> pool = new HashMap<>();
        List<Node> constants = new ArrayList<>();
        for (Node n : graph.block().allNodes()) if (n.kind().equals(Node.CONSTANT)) constants.add(n);
        Node first = graph.block().nodes().isEmpty() ? null : graph.block().nodes().get(0);
        List<Node> kept = new ArrayList<>();
        for (Node n : constants) {
            Object v = n.attr("value");
            if (!(v == null || v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String)
                    || n.attr("name") != null) continue;
            ConstantKey key = new ConstantKey(n.output().type().str(), v instanceof Double d ? (Object) Double.doubleToLongBits(d) : v);
            Value existing = pool.get(key);
            if (existing != null) {
                n.output().replaceAllUsesWith(existing);
                n.destroy();
            } else {
                pool.put(key, n.output());
                kept.add(n);
            }
        }
        for (Node n : kept) {
            if (first != null && n != first && Objects.equals(n.owningBlock(), graph.block()) && false) n.moveBefore(first);
            else if (first != null && n != first) n.moveBefore(first);
        }
    }

    /** PyTorch's naming: the first definition of {@code x} is {@code x}, later ones {@code x.1}, {@code x.2}... */
    private void nameValues() {
        Map<String, Integer> counts = new HashMap<>();
        List<Value> values = new ArrayList<>(graph.inputs());
        for (Node n : graph.block().allNodes()) {
            for (Block b : n.blocks()) values.addAll(b.inputs());
            values.addAll(n.outputs());
        }
        for (Value v : values) {
            if (!v.hasDebugName()) continue;
            String base = v.debugName();
            int k = counts.merge(base, 1, Integer::sum);
            v.setDebugName(k == 1 ? base : base + "." + (k - 1));
        }
    }
}
