package dev.jitscope.app.cli;

import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The module tree of a loaded model as {@code jitscope modules} prints it: one line per submodule
 * (dotted path and class) with, under it, first its parameters and buffers (dtype and shape) and then
 * its submodules, each group in attribute order (the order PyTorch registered them).
 * <pre>
 * &lt;root&gt;: __torch__.MyCell
 *   dg: __torch__.MyDecisionGate
 *   linear: __torch__.torch.nn.modules.linear.Linear
 *     linear.weight (parameter): Float(4, 4)
 *     linear.bias (parameter): Float(4)
 * </pre>
 */
public final class ModuleTree {
    private ModuleTree() { }

    public static String render(ScriptObject root) {
        StringBuilder sb = new StringBuilder();
        sb.append("<root>: ").append(root.type().qualifiedName()).append('\n');
        visit(root, "", 1, sb);
        return sb.toString();
    }

    private static void visit(ScriptObject module, String prefix, int depth, StringBuilder sb) {
        String indent = "  ".repeat(depth);
        ClassType type = module.type();
        for (int i = 0; i < type.attributes().size(); i++) {
            ClassType.Attribute a = type.attributes().get(i);
            if (a.kind() == ClassType.AttributeKind.PLAIN) continue;
            String kind = a.kind() == ClassType.AttributeKind.PARAMETER ? "parameter" : "buffer";
            sb.append(indent).append(prefix).append(a.name()).append(" (").append(kind).append("): ")
                    .append(describe(module.slot(i))).append('\n');
        }
        for (int i = 0; i < type.attributes().size(); i++) {
            ClassType.Attribute a = type.attributes().get(i);
            if (!(module.slot(i) instanceof ScriptObject child) || !child.type().isModule()) continue;
            sb.append(indent).append(prefix).append(a.name()).append(": ").append(child.type().qualifiedName()).append('\n');
            visit(child, prefix + a.name() + ".", depth + 1, sb);
        }
    }

    /** "Float(4, 4)" like a refined tensor type in printed IR; "None" for an absent optional tensor. */
    static String describe(Object value) {
        if (value == null) return "None";
        if (value instanceof Tensor t) {
            return t.dtype().storageName + "(" + Arrays.stream(t.shape()).mapToObj(Integer::toString)
                    .collect(Collectors.joining(", ")) + ")";
        }
        return value.getClass().getSimpleName();
    }
}
