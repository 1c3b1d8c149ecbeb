package dev.jitscope.runtime;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Block;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.kernels.cpu.Buffers;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs graphs on Java-object values. Each graph is compiled once into an instruction array over a
 * register frame (one slot per Value), with overloads resolved and defaults filled in, so that a run
 * does no map lookups per node. Method and function calls compile their callee graphs on first use.
 * {@link #cancel()} from another thread stops a run at the next instruction.
 */
public final class Interpreter {
    private final OperatorRegistry registry;
    private final Map<Graph, Code> compiled = new IdentityHashMap<>();
    /** Activation memory kept from run to run; taken by the thread that runs, so concurrent runs go without. */
    private final AtomicReference<Buffers.Pool> pool =
            new AtomicReference<>(new Buffers.Pool(POOL_BYTES));
    private static final long POOL_BYTES = 512L << 20;
    private volatile boolean cancelled;
    private volatile NodeProfiler profiler;

    public Interpreter() { this(OperatorRegistry.global()); }
    public Interpreter(OperatorRegistry registry) { this.registry = registry; }

    /** Raised when {@link #cancel()} stopped a run. */
    public static final class CancelledException extends JitScopeException {
        CancelledException() { super("execution cancelled"); }
    }

    public void cancel() { cancelled = true; }
    public void setProfiler(NodeProfiler p) { profiler = p; }

    public List<Object> run(Graph graph, List<Object> inputs) {
        cancelled = false;
        Code code = code(graph);
        if (inputs.size() != code.inputRegs.length)
            throw new JitScopeException("the graph takes " + code.inputRegs.length + " inputs but " + inputs.size() + " were given");
        // a nested run (a kernel calling back into the interpreter) shares the outer run's pool
        Buffers.Pool mine = Buffers.active() == null ? pool.getAndSet(null) : null;
        if (mine == null) return code.invoke(this, inputs.toArray());
        Buffers.activate(mine);
        try {
            return code.invoke(this, inputs.toArray());
        } finally {
            mine.endRun();
            Buffers.activate(null);
            pool.set(mine);
        }
    }

    synchronized Code code(Graph g) {
        Code c = compiled.get(g);
        if (c == null) { c = new Compiler(g).compile(); compiled.put(g, c); }
        return c;
    }

    // ---------------------------------------------------------------- compiled form

    /** A compiled graph: register count, where inputs go, the body, where outputs come from. */
    static final class Code {
        int nRegs;
        int[] inputRegs;
        CompiledBlock body;

        List<Object> invoke(Interpreter in, Object[] args) {
            Object[] regs = new Object[nRegs];
            for (int i = 0; i < inputRegs.length; i++) regs[inputRegs[i]] = args[i];
            body.exec(in, regs);
            List<Object> out = new ArrayList<>(body.outputRegs.length);
            for (int r : body.outputRegs) out.add(regs[r]);
            return out;
        }
    }

    static final class CompiledBlock {
        int[] inputRegs;
        Instr[] instrs;
        int[] outputRegs;

        int[][] frees;   // registers whose last use in this block is instruction k
        int[][] groups;  // per register of the graph: its recyclable group (ActivationRecycling), or null

        void exec(Interpreter in, Object[] regs) {
            Instr[] code = instrs;
            for (int k = 0; k < code.length; k++) {
                if (in.cancelled) throw new CancelledException();
                code[k].exec(in, regs);
                // Drop dead intermediates so that big activations can be collected, or reused, during the run.
                for (int r : frees[k]) {
                    Object v = regs[r];
                    regs[r] = null;
                    int[] g = groups[r];
                    if (g != null) ActivationRecycling.release(v, regs, g);
                }
            }
        }
    }

    abstract static class Instr {
        final Node node;
        final int[] in, out;
        Instr(Node node, int[] in, int[] out) { this.node = node; this.in = in; this.out = out; }
        abstract void exec(Interpreter interp, Object[] regs);

        JitScopeException located(RuntimeException e) {
            if (e instanceof JitScopeException j) {
                if (j.range() != null || node.range() == null) return j;
                return new JitScopeException(j.getMessage(), node.range(), j.where(), j);
            }
            return new JitScopeException("internal error in " + node.kind() + ": " + e, node.range(), null, e);
        }
    }

    /** An operator node bound to its kernel; trailing arguments the node omits come from the schema defaults. */
    static final class OpInstr extends Instr {
        final List<OperatorRegistry.Entry> candidates;
        final boolean byValue;   // pick the overload from the runtime values
        OpInstr(Node n, int[] in, int[] out, List<OperatorRegistry.Entry> candidates, boolean byValue) {
            super(n, in, out);
            this.candidates = candidates;
            this.byValue = byValue;
        }

        @Override void exec(Interpreter interp, Object[] regs) {
            OperatorRegistry.Entry e = candidates.get(0);
            Object[] values = null;
            if (byValue) {
                values = new Object[in.length];
                for (int i = 0; i < in.length; i++) values[i] = regs[in[i]];
                e = null;
                for (OperatorRegistry.Entry c : candidates) if (OperatorRegistry.fitsValues(c.schema(), values)) { e = c; break; }
                if (e == null) throw located(new JitScopeException("no overload of " + node.kind() + " accepts arguments (" + describe(values) + ")"));
            }
            List<OpSchema.Arg> args = e.schema().args();
            Object[] a = new Object[args.size()];
            for (int i = 0; i < a.length; i++) a[i] = i < in.length ? regs[in[i]] : args.get(i).defaultValue();
            NodeProfiler p = interp.profiler;
            long t0 = p == null ? 0 : System.nanoTime();
            Object r;
            try {
                r = e.kernel().run(a);
            } catch (RuntimeException ex) {
                throw located(ex);
            }
            Object[] outs = out.length == 1 ? null : new Object[out.length];
            if (out.length == 1) regs[out[0]] = r;
            else if (out.length > 1) { OperatorRegistry.spread(r, outs, out.length); for (int i = 0; i < out.length; i++) regs[out[i]] = outs[i]; }
            if (p != null) {
                Object[] shown = new Object[out.length];
                for (int i = 0; i < out.length; i++) shown[i] = regs[out[i]];
                p.onNode(node, System.nanoTime() - t0, shown);
            }
        }
    }

    private static String describe(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) sb.append(sb.length() == 0 ? "" : ", ").append(v == null ? "None" : v.getClass().getSimpleName());
        return sb.toString();
    }

    /** A node no kernel implements: fails when reached, naming the op and the source location. */
    static final class MissingInstr extends Instr {
        final String why;
        MissingInstr(Node n, String why) { super(n, new int[0], new int[0]); this.why = why; }
        @Override void exec(Interpreter interp, Object[] regs) { throw new JitScopeException(why, node.range()); }
    }

    /** An instruction written as a lambda over its registers (prims). */
    @FunctionalInterface interface Body { void exec(Interpreter interp, Object[] regs, int[] in, int[] out); }

    static final class PrimInstr extends Instr {
        final Body body;
        // a fusion group is an operator as far as the profile goes; other prims are bookkeeping
        final boolean leaf;
        PrimInstr(Node n, int[] in, int[] out, Body body) { this(n, in, out, body, n.kind().equals("prim::FusionGroup")); }
        PrimInstr(Node n, int[] in, int[] out, Body body, boolean profiled) {
            super(n, in, out);
            this.body = body;
            this.leaf = profiled;
        }
        @Override void exec(Interpreter interp, Object[] regs) {
            NodeProfiler p = leaf ? interp.profiler : null;
            long t0 = p == null ? 0 : System.nanoTime();
            try {
                body.exec(interp, regs, in, out);
            } catch (RuntimeException e) {
                throw located(e);
            }
            if (p != null) {
                Object[] shown = new Object[out.length];
                for (int i = 0; i < out.length; i++) shown[i] = regs[out[i]];
                p.onNode(node, System.nanoTime() - t0, shown);
            }
        }
    }

    private record MethodCache(dev.jitscope.ir.type.ClassType type, Code code) { }

    // ---------------------------------------------------------------- compiler

    private final class Compiler {
        private final Graph graph;
        private final Map<Value, Integer> regOf = new IdentityHashMap<>();

        Compiler(Graph g) { this.graph = g; }

        private final List<CompiledBlock> blocks = new ArrayList<>();

        Code compile() {
            Code c = new Code();
            c.inputRegs = regs(graph.inputs());
            c.body = block(graph.block());
            c.nRegs = regOf.size();
            int[][] groups = ActivationRecycling.groups(graph,
                    n -> registry.overloads(n.kind()).stream().map(e -> e.schema().schema()).toList(),
                    v -> regOf.getOrDefault(v, -1), c.nRegs);
            for (CompiledBlock b : blocks) b.groups = groups;
            return c;
        }

        int reg(Value v) { return regOf.computeIfAbsent(v, k -> regOf.size()); }

        int[] regs(List<Value> vs) {
            int[] r = new int[vs.size()];
            for (int i = 0; i < r.length; i++) r[i] = reg(vs.get(i));
            return r;
        }

        CompiledBlock block(Block b) {
            CompiledBlock cb = new CompiledBlock();
            blocks.add(cb);
            cb.inputRegs = regs(b.inputs());
            List<Instr> instrs = new ArrayList<>();
            List<Node> nodes = b.nodes();
            for (int k = 0; k < nodes.size(); k++) {
                Node n = nodes.get(k);
                if (k + 1 < nodes.size() && ConvolutionActivationFusion.applies(registry, n, nodes.get(k + 1))) {
                    Node act = nodes.get(k + 1);
                    instrs.addAll(List.of(ConvolutionActivationFusion.instructions(n, regs(n.inputs()), regs(n.outputs()),
                            act, regs(act.inputs()), regs(act.outputs()))));
                    k++;
                } else {
                    instrs.add(instr(n));
                }
            }
            cb.instrs = instrs.toArray(new Instr[0]);
            cb.outputRegs = regs(b.outputs());
            cb.frees = lastUses(b);
            return cb;
        }

        /**
         * For each node of b, the values defined in b (block inputs, node outputs) whose last use is that
         * node or something nested in it. Block outputs stay alive; values of enclosing blocks are freed there.
         */
        int[][] lastUses(Block b) {
            Map<Value, Integer> last = new IdentityHashMap<>();
            List<Node> nodes = b.nodes();
            for (int k = 0; k < nodes.size(); k++) {
                Node n = nodes.get(k);
                for (Value v : n.inputs()) last.put(v, k);
                for (Block inner : n.blocks()) for (Node m : inner.allNodes()) for (Value v : m.inputs()) last.put(v, k);
                for (Block inner : n.blocks()) for (Value v : inner.outputs()) last.put(v, k);
                for (Block inner : n.blocks()) for (Node m : inner.allNodes()) for (Block bb : m.blocks()) for (Value v : bb.outputs()) last.put(v, k);
            }
            List<List<Integer>> frees = new ArrayList<>();
            for (int k = 0; k < nodes.size(); k++) frees.add(new ArrayList<>());
            java.util.Set<Value> keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            keep.addAll(b.outputs());
            List<Value> defined = new ArrayList<>(b.inputs());
            for (Node n : nodes) defined.addAll(n.outputs());
            for (Value v : defined) {
                Integer k = last.get(v);
                if (k != null && !keep.contains(v)) frees.get(k).add(reg(v));
            }
            int[][] out = new int[nodes.size()][];
            for (int k = 0; k < out.length; k++) out[k] = frees.get(k).stream().mapToInt(Integer::intValue).toArray();
            return out;
        }

        Instr instr(Node n) {
            int[] in = regs(n.inputs()), out = regs(n.outputs());
            switch (n.kind()) {
                case Node.CONSTANT: {
                    Object v = n.attr("value");
                    return new PrimInstr(n, in, out, (it, r, i, o) -> r[o[0]] = v);
                }
                case Node.IF: {
                    CompiledBlock thenB = block(n.blocks().get(0)), elseB = block(n.blocks().get(1));
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        CompiledBlock b = (Boolean) r[i[0]] ? thenB : elseB;
                        b.exec(it, r);
                        for (int k = 0; k < o.length; k++) r[o[k]] = r[b.outputRegs[k]];
                    });
                }
                case Node.LOOP: return loop(n, in, out);
                case "prim::FusionGroup": return new PrimInstr(n, in, out, FusedElementwise.body(n, registry.fusionGroupCompiler()));
                case Node.GET_ATTR: {
                    String name = (String) n.attr("name");
                    return new PrimInstr(n, in, out, (it, r, i, o) -> r[o[0]] = ((ScriptObject) r[i[0]]).getAttr(name));
                }
                case Node.SET_ATTR: {
                    String name = (String) n.attr("name");
                    return new PrimInstr(n, in, out, (it, r, i, o) -> ((ScriptObject) r[i[0]]).setAttr(name, r[i[1]]));
                }
                case Node.CALL_METHOD: {
                    String name = (String) n.attr("name");
                    AtomicReference<MethodCache> cache = new AtomicReference<>();   // a monomorphic inline cache
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        ScriptObject self = (ScriptObject) r[i[0]];
                        MethodCache mc = cache.get();
                        Code code;
                        if (mc != null && mc.type == self.type()) code = mc.code;
                        else {
                            Function f = self.type().method(name);
                            if (f == null) throw new JitScopeException(self.type().qualifiedName() + " has no method '" + name + "'");
                            code = it.code(f.graph());
                            cache.set(new MethodCache(self.type(), code));
                        }
                        call(it, code, r, i, 0, o);
                    });
                }
                case Node.CALL_FUNCTION: {
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        Function f = (Function) r[i[0]];
                        call(it, it.code(f.graph()), r, i, 1, o);
                    });
                }
                case Node.LIST_CONSTRUCT:
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        List<Object> l = new ArrayList<>(i.length);
                        for (int k : i) l.add(r[k]);
                        r[o[0]] = l;
                    });
                case Node.LIST_UNPACK:
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        List<?> l = (List<?>) r[i[0]];
                        if (l.size() != o.length) throw new JitScopeException("Expected " + o.length + " elements in a list but found " + l.size());
                        for (int k = 0; k < o.length; k++) r[o[k]] = l.get(k);
                    });
                case Node.TUPLE_CONSTRUCT:
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        Object[] items = new Object[i.length];
                        for (int k = 0; k < i.length; k++) items[k] = r[i[k]];
                        r[o[0]] = Tuple.of(items);
                    });
                case Node.TUPLE_UNPACK:
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        Tuple t = (Tuple) r[i[0]];
                        for (int k = 0; k < o.length; k++) r[o[k]] = t.get(k);
                    });
                case "prim::TupleIndex":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        Tuple t = (Tuple) r[i[0]];
                        long k = (Long) r[i[1]];
                        r[o[0]] = t.get((int) (k < 0 ? k + t.size() : k));
                    });
                case Node.DICT_CONSTRUCT:
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        Map<Object, Object> d = new LinkedHashMap<>();
                        for (int k = 0; k + 1 < i.length; k += 2) d.put(r[i[k]], r[i[k + 1]]);
                        r[o[0]] = d;
                    });
                case Node.RAISE:
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        Object msg = i.length > 0 ? r[i[0]] : "Exception";
                        throw new JitScopeException(String.valueOf(msg), n.range());
                    });
                case "prim::unchecked_cast":
                case "aten::detach":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> r[o[0]] = r[i[0]]);
                case "prim::Uninitialized":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> r[o[0]] = null);
                case "aten::__is__":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> r[o[0]] = r[i[0]] == r[i[1]] || (r[i[0]] == null && r[i[1]] == null));
                case "aten::__isnot__":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> r[o[0]] = r[i[0]] != r[i[1]]);
                case "prim::Print":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        StringBuilder sb = new StringBuilder();
                        for (int k = 0; k < i.length; k++) sb.append(k == 0 ? "" : " ").append(ScalarAndListOps.str(r[i[k]]));
                        System.out.println(sb);
                    });
                case "aten::warn":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> { });
                case "aten::format":
                    return new PrimInstr(n, in, out, (it, r, i, o) -> {
                        Object[] args = new Object[i.length - 1];
                        for (int k = 1; k < i.length; k++) args[k - 1] = r[i[k]];
                        r[o[0]] = ScalarAndListOps.format((String) r[i[0]], args);
                    });
                default:
                    return op(n, in, out);
            }
        }

        private Instr loop(Node n, int[] in, int[] out) {
            CompiledBlock body = block(n.blocks().get(0));
            return new PrimInstr(n, in, out, (it, r, i, o) -> {
                long max = (Long) r[i[0]];
                boolean cond = (Boolean) r[i[1]];
                int carried = o.length;
                Object[] vals = new Object[carried];
                for (int k = 0; k < carried; k++) vals[k] = r[i[2 + k]];
                for (long trip = 0; cond && trip < max; trip++) {
                    if (it.cancelled) throw new CancelledException();
                    r[body.inputRegs[0]] = trip;
                    for (int k = 0; k < carried; k++) r[body.inputRegs[1 + k]] = vals[k];
                    body.exec(it, r);
                    cond = (Boolean) r[body.outputRegs[0]];
                    for (int k = 0; k < carried; k++) vals[k] = r[body.outputRegs[1 + k]];
                }
                for (int k = 0; k < carried; k++) r[o[k]] = vals[k];
            });
        }

        private Instr op(Node n, int[] in, int[] out) {
            String kind = n.kind();
            if (!registry.has(kind))
                return new MissingInstr(n, "no kernel for operator " + kind + " (JitScope cannot run this node)");
            List<JitType> types = new ArrayList<>();
            for (Value v : n.inputs()) types.add(v.type());
            List<OperatorRegistry.Entry> c = registry.candidates(kind, types);
            if (c.isEmpty()) {
                // The static types fit no overload (an imprecise type from the frontend, say): choose by the
                // runtime values among the overloads of the right arity instead of refusing the whole graph.
                List<OperatorRegistry.Entry> byArity = registry.candidates(kind, java.util.Collections.nCopies(types.size(), null));
                StringBuilder sb = new StringBuilder();
                for (JitType t : types) sb.append(sb.length() == 0 ? "" : ", ").append(t == null ? "?" : t.str());
                if (byArity.isEmpty()) return new MissingInstr(n, "no kernel for " + kind + " with arguments (" + sb + ")");
                return new OpInstr(n, in, out, byArity, true);
            }
            return new OpInstr(n, in, out, c, c.size() > 1);
        }
    }

    /** Runs a callee with arguments regs[i[from..]] in a fresh frame; copies its outputs to o. */
    private static void call(Interpreter it, Code code, Object[] r, int[] i, int from, int[] o) {
        Object[] args = new Object[i.length - from];
        for (int k = from; k < i.length; k++) args[k - from] = r[i[k]];
        List<Object> res = code.invoke(it, args);
        for (int k = 0; k < o.length; k++) r[o[k]] = res.get(k);
    }
}
