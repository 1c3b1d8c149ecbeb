package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.emit.FunctionAttribute;
import dev.jitscope.frontend.emit.OperatorAttribute;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.trace.eager.FunctionNames;
import dev.jitscope.trace.eager.FunctionOrigin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The TorchScript view of one module instance, PyTorch's concrete module type: attributes with the
 * types inferred from their values (parameters, buffers, then plain attributes with
 * {@code training} first, then submodules, the order PyTorch's class types have), constants with
 * their values, and the "failed attributes" whose values have no TorchScript type (an error only
 * where a method uses them). Two instances with equal shapes share one class type.
 */
final class ModuleShape {
    record Attr(String name, JitType type, ClassType.AttributeKind kind, Object value) { }

    private final List<Attr> attributes = new ArrayList<>();
    private final Map<String, Object> constants = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final Map<String, FunctionOrigin> functions = new LinkedHashMap<>();
    private final Map<String, String> operators = new LinkedHashMap<>();

    /**
     * @param annotations class-level annotations (PyTorch reads {@code __annotations__} of the first
     *                    class in the hierarchy that has any), parsed lazily by {@code parseAnnotation}
     * @param submodules  the scripted submodules, in registration order
     */
    static ModuleShape of(ScriptableModule m, Map<String, Ast.Expr> annotations, Function<Ast.Expr, JitType> parseAnnotation,
                          Map<String, ?> submodules, Function<Object, JitType> typeOfSubmodule,
                          Map<String, Object> classLevelValues) {
        ModuleShape s = new ModuleShape();
        Set<String> added = new LinkedHashSet<>();
        for (Map.Entry<String, Tensor> p : m.parameters().entrySet()) {
            s.attributes.add(new Attr(p.getKey(), s.tensorType(p.getKey(), p.getValue(), annotations, parseAnnotation),
                    ClassType.AttributeKind.PARAMETER, p.getValue()));
            added.add(p.getKey());
        }
        for (Map.Entry<String, Tensor> b : m.buffers().entrySet()) {
            s.attributes.add(new Attr(b.getKey(), s.tensorType(b.getKey(), b.getValue(), annotations, parseAnnotation),
                    ClassType.AttributeKind.BUFFER, b.getValue()));
            added.add(b.getKey());
        }
        added.addAll(submodules.keySet());
        for (String name : m.constants()) {
            if (added.contains(name)) continue;   // PyTorch warns and keeps it what it is
            boolean onInstance = m.attributes().containsKey(name);
            if (!onInstance && !classLevelValues.containsKey(name)) continue;   // PyTorch warns: not set, not a constant
            Object value = onInstance ? m.attributes().get(name) : classLevelValues.get(name);
            added.add(name);
            try {
                s.constants.put(name, AttributeTypes.constantValue(value));
            } catch (AttributeTypes.NotInferable e) {
                s.failed.put(name, "it is listed as a constant (__constants__ or Final) but " + e.getMessage());
            }
        }
        s.attributes.add(new Attr("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN, m.training()));
        added.add("training");
        for (Map.Entry<String, Object> a : m.attributes().entrySet()) {
            String name = a.getKey();
            if (added.contains(name) || name.startsWith("__")) continue;
            FunctionOrigin fn = FunctionOrigin.of(a.getValue());
            if (fn != null) {   // a function attribute: resolved when methods compile, no slot
                s.functions.put(name, fn);
                continue;
            }
            String operator = FunctionNames.operator(a.getValue());
            if (operator != null) {   // a builtin function attribute (F.gelu is torch.gelu): the operator itself
                s.operators.put(name, operator);
                continue;
            }
            try {
                JitType t = s.typeOf(name, a.getValue(), annotations, parseAnnotation);
                s.attributes.add(new Attr(name, t, ClassType.AttributeKind.PLAIN, a.getValue()));
            } catch (AttributeTypes.NotInferable e) {
                s.failed.put(name, "its value of Python type '" + AttributeTypes.pythonTypeName(a.getValue())
                        + "' could not be converted to a TorchScript type: " + e.getMessage()
                        + (a.getValue() instanceof List<?> || a.getValue() instanceof Map<?, ?>
                        ? "; its type was inferred from the value: declare it with a class-level annotation" : ""));
            }
        }
        for (Map.Entry<String, ?> sub : submodules.entrySet())
            s.attributes.add(new Attr(sub.getKey(), typeOfSubmodule.apply(sub.getValue()), ClassType.AttributeKind.PLAIN, sub.getValue()));
        return s;
    }

    private JitType typeOf(String name, Object value, Map<String, Ast.Expr> annotations,
                           Function<Ast.Expr, JitType> parseAnnotation) throws AttributeTypes.NotInferable {
        Ast.Expr ann = annotations.get(name);
        if (ann != null && !isFinal(ann)) {
            JitType t = parseAnnotation.apply(ann);
            if (t != null) return t;
        }
        return AttributeTypes.infer(value);
    }

    /** A parameter's or buffer's type: its annotation (Optional[Tensor] for a None bias), else Tensor or NoneType. */
    private JitType tensorType(String name, Tensor value, Map<String, Ast.Expr> annotations,
                               Function<Ast.Expr, JitType> parseAnnotation) {
        try {
            return typeOf(name, value, annotations, parseAnnotation);
        } catch (AttributeTypes.NotInferable e) {
            throw new IllegalStateException("a tensor or None always has a type", e);
        }
    }

    List<Attr> attributes() { return attributes; }

    Map<String, Object> constants() { return constants; }

    Map<String, String> failed() { return failed; }

    /** Attributes holding a function defined in source ({@code self.activation = F.relu}). */
    Map<String, FunctionOrigin> functions() { return functions; }

    /** Attributes holding a builtin operator ({@code self.act = F.gelu}), by attribute name: {@code aten::gelu}. */
    Map<String, String> operators() { return operators; }

    /** Equal keys ⇒ one class type serves both instances (PyTorch's type sharing). */
    String key(String qualifiedName) {
        StringBuilder sb = new StringBuilder(qualifiedName).append('|');
        for (Attr a : attributes) sb.append(a.name()).append(':').append(a.type().str()).append(':').append(a.kind()).append(';');
        sb.append('|');
        for (Map.Entry<String, Object> c : constants.entrySet())
            sb.append(c.getKey()).append('=').append(describe(c.getValue())).append(';');
        sb.append('|').append(failed.keySet());
        functions.forEach((n, f) -> sb.append('|').append(n).append("->").append(f.qualifiedName()));
        operators.forEach((n, op) -> sb.append('|').append(n).append("->").append(op));
        return sb.toString();
    }

    private static String describe(Object v) {
        if (v == null) return "None";
        if (v instanceof Tuple t) {
            List<String> items = new ArrayList<>();
            for (Object o : t.items()) items.add(describe(o));
            return "(" + String.join(",", items) + ")";
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    void declareOn(ClassType type) {
        for (Attr a : attributes) type.addAttribute(a.name(), a.type(), a.kind());
        type.constants().putAll(constants);
        // the frontend resolves self.<name> to the function by its dotted Python name
        functions.forEach((n, f) -> type.constants().put(n, new FunctionAttribute(pythonName(f.qualifiedName()))));
        operators.forEach((n, op) -> type.constants().put(n, new OperatorAttribute(op)));
    }

    /** {@code __torch__.torch.nn.functional.relu} → {@code torch.nn.functional.relu}; {@code __torch__.f} → {@code f}. */
    private static String pythonName(String qualifiedName) {
        return qualifiedName.startsWith("__torch__.") ? qualifiedName.substring("__torch__.".length()) : qualifiedName;
    }

    /** {@code Final[int]} or bare {@code Final}: a constant's annotation, not an attribute type. */
    static boolean isFinal(Ast.Expr ann) {
        Ast.Expr head = ann instanceof Ast.Subscript sub ? sub.value() : ann;
        return head instanceof Ast.Name n && n.id().equals("Final") || head instanceof Ast.Attribute a && a.name().equals("Final");
    }
}
