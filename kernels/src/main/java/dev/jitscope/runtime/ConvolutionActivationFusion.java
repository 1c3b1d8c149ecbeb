package dev.jitscope.runtime;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.kernels.cpu.ConvolutionKernels;
import dev.jitscope.tensor.Tensor;

import java.util.List;
import java.util.Set;

/**
 * Runs {@code aten::conv2d} and an activation that directly follows it as one kernel call: relu, relu6
 * and hardtanh (in place or not) are a clamp the convolution applies while its output is still in cache,
 * instead of another pass over the activation. PyTorch's optimize_for_inference fuses the same pairs
 * for oneDNN. Only when the activation is the next node and the convolution's only use, and only on the
 * built-in CPU kernels (a derived registry, e.g. OpenCL's, keeps its own).
 *
 * The activation's node stays in the instruction array as a no-op that reports itself to the profiler,
 * so a per-node profile still lists it (with no time of its own) and register lifetimes are unchanged.
 */
final class ConvolutionActivationFusion {
    private ConvolutionActivationFusion() { }

    private static final Set<String> ACTIVATIONS = Set.of("aten::relu", "aten::relu_", "aten::relu6", "aten::hardtanh", "aten::hardtanh_");

    /** Whether conv and act can run as one call on registry's kernels. */
    static boolean applies(OperatorRegistry registry, Node conv, Node act) {
        if (!conv.kind().equals("aten::conv2d") || !ACTIVATIONS.contains(act.kind())) return false;
        if (conv.outputs().size() != 1 || act.inputs().isEmpty()) return false;
        Value y = conv.outputs().get(0);
        if (act.inputs().get(0) != y || y.uses().size() != 1) return false;
        for (int i = 1; i < act.inputs().size(); i++) if (act.inputs().get(i) == y) return false;
        if (!builtIn(registry, conv.kind()) || !builtIn(registry, act.kind())) return false;
        // the int[] padding overload only; padding="same"/"valid" is a string
        return conv.inputs().size() < 5 || !"str".equals(typeName(conv.inputs().get(4)));
    }

    private static String typeName(Value v) { return v.type() == null ? null : v.type().str(); }

    private static boolean builtIn(OperatorRegistry registry, String kind) {
        List<OperatorRegistry.Entry> mine = registry.overloads(kind), global = OperatorRegistry.global().overloads(kind);
        if (mine.size() != global.size()) return false;
        for (int i = 0; i < mine.size(); i++) if (mine.get(i) != global.get(i)) return false;
        return true;
    }

    /** The fused instruction (in conv's slot) and the activation's placeholder (in act's slot). */
    static Interpreter.Instr[] instructions(Node conv, int[] convIn, int[] convOut, Node act, int[] actIn, int[] actOut) {
        int[] out = {convOut[0], actOut[0]};
        String kind = act.kind();
        boolean hardtanh = kind.startsWith("aten::hardtanh");
        boolean relu6 = kind.equals("aten::relu6");
        Interpreter.Body body = (it, r, i, o) -> {
            float min = 0f, max = Float.POSITIVE_INFINITY;
            if (relu6) max = 6f;
            if (hardtanh) {
                min = actIn.length > 1 ? (float) Args.d(r[actIn[1]]) : -1f;
                max = actIn.length > 2 ? (float) Args.d(r[actIn[2]]) : 1f;
            }
            Tensor y = ConvolutionKernels.conv2d(Args.t(r[i[0]]), Args.t(r[i[1]]), i.length > 2 ? (Tensor) r[i[2]] : null,
                    i.length > 3 ? Args.ints(r[i[3]]) : new int[]{1}, i.length > 4 ? Args.ints(r[i[4]]) : new int[]{0},
                    i.length > 5 ? Args.ints(r[i[5]]) : new int[]{1}, i.length > 6 ? Args.i(r[i[6]]) : 1, min, max);
            r[o[0]] = y;
            r[o[1]] = y;
        };
        Interpreter.Instr fused = new Interpreter.PrimInstr(conv, convIn, out, body, true);
        Interpreter.Instr placeholder = new Interpreter.PrimInstr(act, actIn, actOut, (it, r, i, o) -> { }, true);
        return new Interpreter.Instr[] {fused, placeholder};
    }
}
