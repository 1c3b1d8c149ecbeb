package dev.jitscope.ir.transform;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.AliasInfo;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.schema.SchemaRegistry;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A conservative stand-in for PyTorch's {@code AliasDb::hasWriters(v)}: does any node write to the
 * memory of a freshly computed tensor {@code v}? The aliases of {@code v} are followed forward
 * through views (a schema return sharing the argument's alias set, {@code Tensor(a) -> Tensor(a)}),
 * containers and control flow; a writer is a use at a position some overload annotates
 * {@code (a!)}, or any call that could do anything. Nodes are matched by kind, not by resolved
 * overload, so an uncertain case counts as a writer, which only forgoes an optimization.
 */
public final class Writers {
    private Writers() { }

    public static boolean has(Value fresh) {
        Set<Value> aliases = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Value> work = new ArrayDeque<>();
        aliases.add(fresh);
        work.add(fresh);
        while (!work.isEmpty()) {
            Value v = work.poll();
            for (Value.Use use : v.uses()) {
                Node user = use.user();
                String k = user.kind();
                if (k.equals(Node.CALL_METHOD) || k.equals(Node.CALL_FUNCTION) || k.equals(Node.SET_ATTR)) return true;
                if (writes(k, use.index())) return true;
                for (Value alias : aliasesCreatedBy(user, use.index())) if (aliases.add(alias)) work.add(alias);
            }
        }
        return false;
    }

    /** Values that may share memory with input {@code index} of {@code user}. */
    private static List<Value> aliasesCreatedBy(Node user, int index) {
        String k = user.kind();
        if (k.equals(Node.RETURN)) {
            Block b = user.owningBlock();
            Node owner = b == null ? null : b.owningNode();
            if (owner == null) return List.of();
            if (owner.kind().equals(Node.LOOP)) {   // carried to the next iteration and out of the loop
                return List.of(owner.output(index - 1), b.inputs().get(index));
            }
            return List.of(owner.output(index));
        }
        if (k.equals(Node.LOOP)) {
            if (index < 2) return List.of();
            return List.of(user.output(index - 2), user.blocks().get(0).inputs().get(index - 1));
        }
        if (k.startsWith("prim::") && (k.contains("Construct") || k.contains("Unpack")) || k.equals("prim::unchecked_cast")
                || k.equals("aten::__getitem__") || k.equals("aten::append") || k.equals("aten::insert")
                || k.equals("aten::_set_item") || k.equals("aten::extend")) {
            // containers hold the tensor itself; what comes out of them may be it
            return user.outputs();
        }
        return returnsAliasing(k, index) ? user.outputs() : List.of();
    }

    private static boolean writes(String kind, int index) {
        for (FunctionSchema s : SchemaRegistry.global().overloads(kind)) {
            if (index < s.arguments().size() && s.arguments().get(index).isWrite()) return true;
        }
        return false;
    }

    private static boolean returnsAliasing(String kind, int index) {
        for (FunctionSchema s : SchemaRegistry.global().overloads(kind)) {
            if (index >= s.arguments().size()) continue;
            AliasInfo a = s.arguments().get(index).alias();
            if (a == null) continue;
            for (Argument r : s.returns()) {
                if (r.alias() != null && !Collections.disjoint(r.alias().beforeSets(), a.beforeSets())) return true;
            }
        }
        return false;
    }
}
