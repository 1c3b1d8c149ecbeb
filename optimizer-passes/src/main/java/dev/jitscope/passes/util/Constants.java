package dev.jitscope.passes.util;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/** Reading and making prim::Constant nodes (value in attribute "value"). */
public final class Constants {
    private Constants() {}

    /** Marker for "not a constant" (null is the constant None). */
    public static final Object NOT_CONSTANT = new Object() { @Override public String toString() { return "<not constant>"; } };

    public static boolean isConstant(Value v) { return v.node().kind().equals(Node.CONSTANT); }

    /** The constant's value, or {@link #NOT_CONSTANT}. */
    public static Object valueOf(Value v) { return isConstant(v) ? v.node().attr("value") : NOT_CONSTANT; }

    public static Optional<Boolean> asBool(Value v) {
        return valueOf(v) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** The graph type of a constant value; null when we cannot make a constant of it. */
    public static JitType typeOf(Object value) {
        if (value == null) return NoneType.INSTANCE;
        if (value instanceof Boolean) return BoolType.INSTANCE;
        if (value instanceof Long) return IntType.INSTANCE;
        if (value instanceof Double) return FloatType.INSTANCE;
        if (value instanceof String) return StringType.INSTANCE;
        if (value instanceof Device) return DeviceType.INSTANCE;
        if (value instanceof Tensor t) return TensorType.of(t.dtype(), t.shape(), t.strides());
        if (value instanceof List<?> l && !l.isEmpty()) {
            JitType e = typeOf(l.get(0));
            if (e == null || e instanceof TensorType) return null;
            for (Object o : l) if (!e.equals(typeOf(o))) return null;
            return ListType.of(e);
        }
        return null;
    }

    /** Creates an unlinked prim::Constant; insert it yourself. */
    public static Node make(Graph g, Object value, JitType type) {
        Node n = g.create(Node.CONSTANT);
        n.setAttr("value", value);
        n.addOutput(type);
        return n;
    }

    /** Inserts a constant before {@code where} (same source range) and returns its value, or null if unrepresentable. */
    public static Value insertBefore(Node where, Object value) {
        JitType t = typeOf(value);
        if (t == null) return null;
        Node n = make(where.graph(), value, t).setRange(where.range());
        n.insertBefore(where);
        return n.output();
    }
}
