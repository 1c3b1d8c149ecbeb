package dev.jitscope.trace.script;

import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The TorchScript type of a Python value held by a module, as PyTorch's {@code _jit_try_infer_type}
 * finds it when it builds a module's concrete type: from the value alone, so an empty list or dict
 * has no type (PyTorch then asks for a class annotation).
 */
final class AttributeTypes {
    private AttributeTypes() { }

    /** Why a value has no TorchScript type; the message is PyTorch's hint. */
    static final class NotInferable extends Exception {
        NotInferable(String reason) { super(reason, null, false, false); }
    }

    static JitType infer(Object value) throws NotInferable {
        if (value == null) return NoneType.INSTANCE;
        if (value instanceof Tensor) return TensorType.INSTANCE;
        if (value instanceof Boolean) return BoolType.INSTANCE;
        if (value instanceof Long || value instanceof Integer) return IntType.INSTANCE;
        if (value instanceof Double || value instanceof Float) return FloatType.INSTANCE;
        if (value instanceof String) return StringType.INSTANCE;
        if (value instanceof Device) return DeviceType.INSTANCE;
        if (value instanceof Tuple t) {
            List<JitType> items = new ArrayList<>();
            for (Object o : t.items()) items.add(infer(o));
            return TupleType.of(items.toArray(JitType[]::new));
        }
        if (value instanceof List<?> l) {
            if (l.isEmpty()) throw new NotInferable("List trace inputs must have elements");
            JitType element = null;
            for (Object o : l) {
                JitType t = infer(o);
                element = element == null ? t : unify(element, t);
                if (element == null)
                    throw new NotInferable("List inputs to traced functions must have consistent element type");
            }
            return ListType.of(element);
        }
        if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) throw new NotInferable("Dictionary inputs must have entries");
            JitType key = null, val = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                JitType k = infer(e.getKey()), v = infer(e.getValue());
                key = key == null ? k : unify(key, k);
                val = val == null ? v : unify(val, v);
                if (key == null || val == null)
                    throw new NotInferable("Dictionary inputs to traced functions must have consistent type");
            }
            if (!(key instanceof StringType || key instanceof IntType || key instanceof FloatType
                    || key instanceof BoolType || key instanceof TensorType))
                throw new NotInferable("Dictionary keys must be str, int, float, bool or Tensor, not " + key.annotation());
            return DictType.of(key, val);
        }
        throw new NotInferable("values of Python type '" + pythonTypeName(value) + "' have no TorchScript type");
    }

    /** PyTorch's unifyTypes for inferred elements: equal types, or T and None as Optional[T]; null if none. */
    static JitType unify(JitType a, JitType b) {
        if (a.equals(b)) return a;
        if (a instanceof NoneType) return b instanceof OptionalType ? b : OptionalType.of(b);
        if (b instanceof NoneType) return a instanceof OptionalType ? a : OptionalType.of(a);
        if (a instanceof OptionalType o && o.element().equals(b)) return a;
        if (b instanceof OptionalType o && o.element().equals(a)) return b;
        return null;
    }

    /** A constant's value in the form ClassType constants keep (lists become tuples), or why it cannot be one. */
    static Object constantValue(Object value) throws NotInferable {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof String || value instanceof Device) return value;
        if (value instanceof Integer i) return i.longValue();
        if (value instanceof Float f) return f.doubleValue();
        if (value instanceof Tuple || value instanceof List<?>) {
            List<Object> items = new ArrayList<>();
            for (Object o : value instanceof Tuple t ? t.items() : (List<?>) value) items.add(constantValue(o));
            return new Tuple(items);
        }
        throw new NotInferable("a constant must be None, bool, int, float, str, a device or a tuple of those, not '"
                + pythonTypeName(value) + "'");
    }

    static String pythonTypeName(Object value) {
        if (value instanceof List<?>) return "list";
        if (value instanceof Map<?, ?>) return "dict";
        if (value instanceof Tuple) return "tuple";
        if (value instanceof dev.jitscope.trace.eager.PyObject o) return o.type().name();
        String simple = value.getClass().getSimpleName();
        return simple.isEmpty() ? value.getClass().getName() : simple;
    }
}
