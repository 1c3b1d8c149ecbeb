package dev.jitscope.ir.transform;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes nodes whose outputs nobody uses unless they have side effects, unused prim::If outputs
 * and loop-carried values that neither the body nor the code after the loop reads.
 */
public final class DeadCodeElimination {
    private DeadCodeElimination() { }

    /** Returns whether anything was removed. */
    public static boolean run(Graph g) {
        boolean changed = false;
        while (sweep(g.block())) changed = true;
        return changed;
    }

    private static boolean sweep(Block block) {
        boolean changed = false;
        List<Node> nodes = new ArrayList<>(block.nodes());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.kind().equals(Node.IF)) changed |= pruneIfOutputs(n);
            if (n.kind().equals(Node.LOOP)) changed |= pruneLoopCarried(n);
            for (Block b : n.blocks()) changed |= sweep(b);
            if (n.outputs().stream().noneMatch(Value::hasUses) && !SideEffects.has(n)) {
                n.destroy();
                changed = true;
            }
        }
        return changed;
    }

    private static boolean pruneIfOutputs(Node n) {
        boolean changed = false;
        for (int i = n.outputs().size() - 1; i >= 0; i--) {
            if (n.output(i).hasUses()) continue;
            n.eraseOutput(i);
            for (Block b : n.blocks()) b.eraseOutput(i);
            changed = true;
        }
        return changed;
    }

    private static boolean pruneLoopCarried(Node n) {
        boolean changed = false;
        Block body = n.blocks().get(0);
        for (int i = n.outputs().size() - 1; i >= 0; i--) {
            Value bodyIn = body.inputs().get(i + 1);
            boolean readInBody = bodyIn.uses().stream().anyMatch(u -> u.user() != body.returnNode());
            if (n.output(i).hasUses() || readInBody) continue;
            n.eraseOutput(i);
            body.eraseOutput(i + 1);
            body.eraseInput(i + 1);
            n.removeInput(i + 2);
            changed = true;
        }
        return changed;
    }
}
