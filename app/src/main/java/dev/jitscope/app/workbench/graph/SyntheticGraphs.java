package dev.jitscope.app.workbench.graph;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Large made-up graphs for measuring how the view copes; never shown as a real model. */
public final class SyntheticGraphs {
    private SyntheticGraphs() {}

    /**
     * {@code n} binary tensor ops, each reading the previous op and one earlier op picked with a
     * fixed seed: a DAG about as wide and as tangled as an unrolled network.
     */
    public static Graph dag(int n) {
        Graph g = new Graph();
        Random random = new Random(42);
        List<Value> values = new ArrayList<>();
        values.add(g.addInput("x", TensorType.INSTANCE));
        values.add(g.addInput("y", TensorType.INSTANCE));
        String[] kinds = {"aten::add", "aten::mul", "aten::sub", "aten::matmul"};
        for (int i = 0; i < n; i++) {
            Value a = values.get(values.size() - 1);
            Value b = values.get(Math.max(0, values.size() - 1 - random.nextInt(Math.min(values.size(), 6))));
            Node node = g.create(kinds[random.nextInt(kinds.length)], List.of(a, b), 1);
            node.output().setType(TensorType.INSTANCE).setDebugName("v" + i);
            g.block().append(node);
            values.add(node.output());
        }
        g.registerOutput(values.get(values.size() - 1));
        return g;
    }
}
