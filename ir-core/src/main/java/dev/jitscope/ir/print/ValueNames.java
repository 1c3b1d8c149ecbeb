package dev.jitscope.ir.print;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Unique printed names for a graph's values, given out the way PyTorch's
 * {@code Value::setDebugName} does: when a later value takes a name already in use, the earlier
 * owner is renamed to {@code name.N}. That is why a variable's first definition prints as
 * {@code %x.1} and its last as {@code %x}. Unnamed values print as their numeric id.
 */
final class ValueNames {
    private final Map<Value, String> names = new IdentityHashMap<>();
    private final Map<String, Value> owners = new HashMap<>();
    private final Map<String, Long> nextSuffix = new HashMap<>();

    ValueNames(Graph graph) {
        visit(graph.block());
    }

    String of(Value v) {
        String n = names.get(v);
        return "%" + (n != null ? n : String.valueOf(v.id()));
    }

    private void visit(Block b) {
        for (Value v : b.inputs()) name(v);
        for (Node n : b.nodes()) {
            // an If's or Loop's outputs are named after its blocks were emitted, so they win the plain name
            for (Block sub : n.blocks()) visit(sub);
            for (Value v : n.outputs()) name(v);
        }
    }

    private void name(Value v) {
        if (!v.hasDebugName()) {
            // a numeric id must never collide with a name like "5"
            owners.putIfAbsent(String.valueOf(v.id()), v);
            return;
        }
        String name = v.debugName();
        Value old = owners.get(name);
        if (old != null && old != v) rename(old, name);
        owners.put(name, v);
        names.put(v, name);
    }

    private void rename(Value old, String name) {
        String base = name;
        long suffix = 1;
        int dot = name.lastIndexOf('.');
        if (dot > 0 && dot + 1 < name.length() && name.substring(dot + 1).chars().allMatch(Character::isDigit)) {
            base = name.substring(0, dot);
            suffix = Long.parseLong(name.substring(dot + 1));
        }
        Long known = nextSuffix.get(base);
        if (known != null) suffix = Math.max(suffix, known);
        String replacement;
        do {
            replacement = base + "." + suffix++;
        } while (owners.containsKey(replacement));
        nextSuffix.put(base, suffix);
        owners.remove(name);
        if (names.containsKey(old)) {
            owners.put(replacement, old);
            names.put(old, replacement);
        }
    }
}
