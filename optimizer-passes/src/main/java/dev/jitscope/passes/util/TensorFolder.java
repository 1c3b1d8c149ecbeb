package dev.jitscope.passes.util;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.runtime.OpSchema;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a pure operator on constant operands, at least one of them a tensor or a list (what freezing
 * leaves: weights feeding transposes, reshapes, arithmetic), with the kernels' operator registry.
 * NB: anything that throws stays in the graph (the user gets the error at run time, with its source
 * location); ops with several overloads matching the operand types are left alone rather than guessed.
 */
public final class TensorFolder {
    private TensorFolder() {}

    public static Object fold(Node n, List<Object> args) {
        // scalar-only operators are ir-core's constant propagation's job
        if (args.stream().noneMatch(a -> a instanceof Tensor || a instanceof List<?>)) return Constants.NOT_CONSTANT;
        if (Effects.hasSideEffects(n) || Effects.isNondeterministic(n) || n.outputs().size() != 1) return Constants.NOT_CONSTANT;
        List<JitType> types = new ArrayList<>();
        for (Value v : n.inputs()) types.add(v.type());
        List<OperatorRegistry.Entry> cands = OperatorRegistry.global().candidates(n.kind(), types);
        if (cands.size() != 1) return Constants.NOT_CONSTANT;
        OpSchema schema = cands.get(0).schema();
        // out= overloads write into an argument: not pure
        if (schema.args().stream().anyMatch(a -> a.name().equals("out"))) return Constants.NOT_CONSTANT;
        Object[] a = new Object[schema.args().size()];
        for (int i = 0; i < a.length; i++) a[i] = i < args.size() ? args.get(i) : schema.args().get(i).defaultValue();
        try {
            Object r = cands.get(0).kernel().run(a);
            return Constants.typeOf(r) == null ? Constants.NOT_CONSTANT : r;
        } catch (RuntimeException e) {
            return Constants.NOT_CONSTANT;
        }
    }
}
