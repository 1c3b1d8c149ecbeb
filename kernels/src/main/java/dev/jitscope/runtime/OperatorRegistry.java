package dev.jitscope.runtime;

import dev.jitscope.ir.type.*;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernels keyed by their schema strings. Overloads of one name (aten::add.Tensor, aten::add.int, ...)
 * are told apart by the static types of a node's inputs when the graph is compiled, and by the
 * runtime values when the static types leave several candidates.
 */
public final class OperatorRegistry {
    public record Entry(OpSchema schema, Kernel kernel) { }

    private static volatile OperatorRegistry global;

    private final Map<String, List<Entry>> byName = new HashMap<>();
    private volatile FusionGroupCompiler fusionGroupCompiler;

    /** The registry with every built-in operator. */
    public static OperatorRegistry global() {
        OperatorRegistry g = global;
        if (g == null) {
            synchronized (OperatorRegistry.class) {
                if (global == null) {
                    OperatorRegistry r = new OperatorRegistry();
                    AtenTensorOps.registerAll(r);
                    AtenNetworkOps.registerAll(r);
                    ScalarAndListOps.registerAll(r);
                    StringOps.registerAll(r);
                    MathOps.registerAll(r);
                    dev.jitscope.kernels.cpu.RandomOps.registerAll(r);
                    global = r;
                }
                g = global;
            }
        }
        return g;
    }

    public OperatorRegistry register(String schema, Kernel kernel) {
        OpSchema s = OpSchema.parse(schema);
        byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(new Entry(s, kernel));
        return this;
    }

    /** Lets a backend run prim::FusionGroup nodes its own way (null: the CPU loop for every group). */
    public OperatorRegistry setFusionGroupCompiler(FusionGroupCompiler compiler) {
        this.fusionGroupCompiler = compiler;
        return this;
    }

    /** The backend's fusion-group compiler, or null. */
    public FusionGroupCompiler fusionGroupCompiler() { return fusionGroupCompiler; }

    public List<Entry> overloads(String name) { return byName.getOrDefault(name, List.of()); }

    public boolean has(String name) { return byName.containsKey(name); }

    /** Every registered operator name (for registries derived from this one, e.g. an OpenCL backend's). */
    public java.util.Set<String> names() { return java.util.Collections.unmodifiableSet(byName.keySet()); }

    /** Candidates whose arguments accept the given static input types (positional). */
    public List<Entry> candidates(String name, List<JitType> inputTypes) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : overloads(name)) if (fitsTypes(e.schema, inputTypes)) out.add(e);
        return out;
    }

    private static boolean fitsTypes(OpSchema s, List<JitType> types) {
        if (types.size() > s.args().size()) return false;
        for (int i = types.size(); i < s.args().size(); i++) if (!s.args().get(i).hasDefault()) return false;
        for (int i = 0; i < types.size(); i++) if (!acceptsType(s.args().get(i).type(), types.get(i))) return false;
        return true;
    }

    static boolean fitsValues(OpSchema s, Object[] values) {
        for (int i = 0; i < values.length && i < s.args().size(); i++) if (!acceptsValue(s.args().get(i).type(), values[i])) return false;
        return true;
    }

    /** Whether a value of static type t may be passed for a schema argument of type argType. */
    static boolean acceptsType(String argType, JitType t) {
        if (t == null || t instanceof AnyType) return true;
        if (argType.endsWith("?")) return t instanceof NoneType || acceptsType(argType.substring(0, argType.length() - 1), t instanceof OptionalType o ? o.element() : t);
        if (t instanceof OptionalType o) return acceptsType(argType, o.element());
        if (argType.endsWith("]")) {
            String elem = argType.substring(0, argType.indexOf('['));
            if (t instanceof ListType l) return acceptsType(elem, l.element());
            return !argType.endsWith("[]") && elem.equals("int") && t instanceof IntType;   // int[2] accepts a single int
        }
        return switch (argType) {
            case "Tensor" -> t instanceof TensorType;
            case "int", "SymInt" -> t instanceof IntType;
            case "float" -> t instanceof FloatType;
            case "bool" -> t instanceof BoolType;
            case "str" -> t instanceof StringType;
            case "Scalar" -> t instanceof IntType || t instanceof FloatType || t instanceof BoolType || t instanceof NumberType;
            case "ScalarType", "Layout", "MemoryFormat" -> t instanceof IntType || t instanceof NoneType;
            case "Device" -> t instanceof DeviceType || t instanceof StringType;
            case "t", "t1", "t2", "Any" -> true;
            default -> true;
        };
    }

    static boolean acceptsValue(String argType, Object v) {
        if (argType.endsWith("?")) return v == null || acceptsValue(argType.substring(0, argType.length() - 1), v);
        if (argType.endsWith("]")) {
            if (!(v instanceof List<?> l)) return argType.startsWith("int[") && !argType.endsWith("[]") && v instanceof Long;
            String elem = argType.substring(0, argType.indexOf('['));
            for (Object o : l) if (!acceptsValue(elem, o)) return false;
            return true;
        }
        return switch (argType) {
            case "Tensor" -> v instanceof Tensor;
            case "int", "SymInt" -> v instanceof Long;
            case "float" -> v instanceof Double;
            case "bool" -> v instanceof Boolean;
            case "str" -> v instanceof String;
            case "Scalar" -> v instanceof Long || v instanceof Double || v instanceof Boolean;
            case "ScalarType", "Layout", "MemoryFormat" -> v instanceof Long || v == null;
            default -> true;
        };
    }

    /** Spreads a kernel's result over nOutputs output slots. */
    static void spread(Object result, Object[] out, int nOutputs) {
        if (nOutputs == 1) { out[0] = result; return; }
        Tuple t = (Tuple) result;
        for (int i = 0; i < nOutputs; i++) out[i] = t.get(i);
    }
}
