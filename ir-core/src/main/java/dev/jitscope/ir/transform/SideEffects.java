package dev.jitscope.ir.transform;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.type.TensorType;

import java.util.Set;

/** Which operators change state or the control flow, so that no pass may drop or reorder them. */
public final class SideEffects {
    private SideEffects() { }

    private static final Set<String> MUTATING_CONTAINER_OPS = Set.of("aten::append", "aten::_set_item", "aten::insert",
            "aten::extend", "aten::pop", "aten::clear", "aten::remove", "aten::Delete", "aten::reverse",
            "aten::update", "aten::setdefault");

    private static final Set<String> EFFECTFUL = Set.of(Node.RAISE, Node.SET_ATTR, Node.CALL_METHOD, Node.CALL_FUNCTION,
            "prim::Print", "aten::warn", "prim::AddStatValue", "prim::TimePoint", "prim::Enter", "prim::Exit");

    /** Operators that change a list or dict argument in place. */
    public static boolean mutatesContainer(String kind) {
        return MUTATING_CONTAINER_OPS.contains(kind) || kind.equals("aten::add_");
    }

    /** True when {@code n} (or anything in its blocks) must stay even if its outputs are unused. */
    public static boolean has(Node n) {
        String k = n.kind();
        if (EFFECTFUL.contains(k) || MUTATING_CONTAINER_OPS.contains(k)) return true;
        if (k.equals("aten::sort") && !n.inputs().isEmpty() && !(n.input(0).type() instanceof TensorType)) return true;
        if (k.startsWith("aten::") && k.endsWith("_") && !k.endsWith("__")) return true;   // in-place tensor ops
        for (Block b : n.blocks()) for (Node inner : b.nodes()) if (has(inner)) return true;
        return false;
    }
}
