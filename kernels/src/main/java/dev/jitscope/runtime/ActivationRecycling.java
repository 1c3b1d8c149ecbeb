package dev.jitscope.runtime;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.NumberType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.kernels.cpu.Buffers;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Which tensors' memory a run may hand back to the {@link Buffers} pool when they die, decided once per graph.
 *
 * <p>Values are grouped with everything that may share their storage: outputs of operators whose schema
 * says they alias an input (views, in-place operators), of a few operators that may return their input
 * without saying so, and of fusion groups. A group is recyclable when every member is made by an operator
 * and every use of every member is an operator that only reads it: no block or graph output, no list, tuple,
 * attribute or call it could escape into. At run time the storage goes back when the last member dies, if
 * the pool handed it out in this run and no live register still holds it (a safety net for aliasing no
 * schema declares).
 */
final class ActivationRecycling {
    private ActivationRecycling() { }

    /** Operators that may return their input itself although their schema promises a new tensor. */
    private static final Set<String> UNDECLARED_ALIASES = Set.of("aten::dropout", "aten::feature_dropout", "aten::alpha_dropout",
            "aten::feature_alpha_dropout", "aten::type_as",
            // the convolution-activation fusion puts the convolution's own result in the activation's register
            "aten::relu", "aten::relu6", "aten::hardtanh");

    /** Prims that look at a tensor without keeping it. */
    private static final Set<String> INSPECTORS = Set.of("prim::device", "prim::dtype", "prim::is_cuda", "prim::is_nested",
            "prim::layout", "prim::requires_grad", "prim::is_quantized", "prim::is_mkldnn", "prim::is_sparse");

    /**
     * For each register of the graph, the registers of its group when the value it holds is recyclable, else null.
     * {@code schemas} gives the candidate schemas of an operator node (empty for prims).
     */
    static int[][] groups(Graph graph, Function<Node, List<FunctionSchema>> schemas, ToIntFunction<Value> reg, int nRegs) {
        Map<Value, Value> parent = new IdentityHashMap<>();
        Set<Value> unsafe = Collections.newSetFromMap(new IdentityHashMap<>());
        unsafe.addAll(graph.inputs());
        List<Value> made = new ArrayList<>();
        visit(graph.block(), schemas, parent, unsafe, made);
        Map<Value, List<Value>> byRoot = new IdentityHashMap<>();
        for (Value v : made) byRoot.computeIfAbsent(find(parent, v), k -> new ArrayList<>()).add(v);
        Set<Value> badRoots = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Value v : unsafe) badRoots.add(find(parent, v));
        int[][] groups = new int[nRegs][];
        for (Map.Entry<Value, List<Value>> e : byRoot.entrySet()) {
            if (badRoots.contains(e.getKey())) continue;
            int[] members = e.getValue().stream().mapToInt(reg).toArray();
            for (int r : members) groups[r] = members;
        }
        return groups;
    }

    private static void visit(Block b, Function<Node, List<FunctionSchema>> schemas, Map<Value, Value> parent, Set<Value> unsafe,
                              List<Value> made) {
        unsafe.addAll(b.inputs());
        unsafe.addAll(b.outputs());
        for (Node n : b.nodes()) {
            for (Block inner : n.blocks()) visit(inner, schemas, parent, unsafe, made);
            String kind = n.kind();
            boolean operator = kind.startsWith("aten::") && !schemas.apply(n).isEmpty();
            boolean fusion = kind.equals("prim::FusionGroup");
            if (operator || fusion) {
                made.addAll(n.outputs());
                boolean reads = !n.outputs().isEmpty();
                for (Value o : n.outputs()) reads &= plain(o.type());
                if (!reads) unsafe.addAll(n.inputs());
                if (fusion || UNDECLARED_ALIASES.contains(kind) || aliases(schemas.apply(n)))
                    for (Value o : n.outputs()) for (Value i : n.inputs()) if (!scalar(i.type())) union(parent, o, i);
            } else if (!INSPECTORS.contains(kind)) {
                unsafe.addAll(n.inputs());
                unsafe.addAll(n.outputs());
            }
        }
    }

    /** A type that cannot hold a reference to a tensor's storage other than a tensor itself. */
    private static boolean plain(JitType t) { return t instanceof TensorType || scalar(t); }

    /** A type that holds no tensor at all: numbers, strings, devices, and lists of those (sizes). */
    private static boolean scalar(JitType t) {
        return t instanceof IntType || t instanceof FloatType || t instanceof BoolType || t instanceof NumberType
                || t instanceof NoneType || t instanceof StringType || t instanceof DeviceType
                || t instanceof ListType l && scalar(l.element());
    }

    private static boolean aliases(List<FunctionSchema> candidates) {
        for (FunctionSchema s : candidates) {
            for (Argument r : s.returns()) if (r.alias() != null) return true;
            for (Argument a : s.arguments()) if (a.alias() != null) return true;
        }
        return false;
    }

    private static Value find(Map<Value, Value> parent, Value v) {
        Value p = parent.get(v);
        if (p == null) return v;
        Value root = find(parent, p);
        parent.put(v, root);
        return root;
    }

    private static void union(Map<Value, Value> parent, Value a, Value b) {
        Value ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent.put(ra, rb);
    }

    /** Called when register r died holding v: gives v's storage back if its whole group is dead and nothing else holds it. */
    static void release(Object v, Object[] regs, int[] group) {
        if (!(v instanceof Tensor t)) return;
        Buffers.Pool pool = Buffers.active();
        if (pool == null || !(t.storage().array() instanceof float[] a) || !pool.owns(a)) return;
        for (int m : group) if (regs[m] != null) return;
        for (Object o : regs) if (holds(o, a)) return;
        pool.recycle(a);
    }

    private static boolean holds(Object o, float[] a) {
        if (o instanceof Tensor x) return x.storage().array() == a;
        if (o instanceof List<?> l) { for (Object e : l) if (e instanceof Tensor x && x.storage().array() == a) return true; }
        if (o instanceof Tuple tu) { for (int i = 0; i < tu.size(); i++) if (tu.get(i) instanceof Tensor x && x.storage().array() == a) return true; }
        return false;
    }
}
