package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;

import java.util.Collections;

/**
 * Fusion-group bodies and graphs shared by the CPU and OpenCL fusion tests, so both backends are held to
 * the same groups.
 */
public final class FusionGroupFixtures {
    /** mul → add with a constant scalar and alpha → sigmoid → sub; two outputs, the second an intermediate. */
    public static final String CHAIN = """
            graph(%x : Tensor, %b : Tensor):
              %half : float = prim::Constant[value=0.5]()
              %two : int = prim::Constant[value=2]()
              %t : Tensor = aten::mul(%x, %b)
              %u : Tensor = aten::add(%t, %half, %two)
              %v : Tensor = aten::sigmoid(%u)
              %w : Tensor = aten::sub(%v, %x)
              return (%w, %v)
            """;

    /** resnet's residual after the fusion pass: the first input is a temporary only add_ reads. */
    public static final String RESIDUAL = """
            graph(%out : Tensor, %identity : Tensor):
              %one : int = prim::Constant[value=1]()
              %sum : Tensor = aten::add_(%out, %identity, %one)
              %y : Tensor = aten::relu_(%sum)
              return (%y)
            """;

    private FusionGroupFixtures() {}

    /** A graph whose only work is one prim::FusionGroup holding {@code body}; returns its outputs as a tuple. */
    public static Graph grouped(String body) {
        Graph sub = GraphParser.parse(body);
        Graph outer = new Graph();
        Node group = outer.create("prim::FusionGroup");
        group.setAttr("Subgraph", sub);
        for (Value in : sub.inputs()) group.addInput(outer.addInput(in.debugName(), in.type()));
        for (int k = 0; k < sub.outputs().size(); k++) group.addOutput(TensorType.INSTANCE);
        outer.block().append(group);
        Node tuple = outer.create("prim::TupleConstruct", group.outputs(), 1);
        outer.block().append(tuple);
        tuple.output().setType(TupleType.of(Collections.nCopies(sub.outputs().size(), (JitType) TensorType.INSTANCE).toArray(new JitType[0])));
        outer.registerOutput(tuple.output());
        return outer;
    }
}
