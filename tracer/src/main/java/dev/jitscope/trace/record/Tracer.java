package dev.jitscope.trace.record;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.runtime.OpSchema;
import dev.jitscope.trace.diff.DecisionLog;
import dev.jitscope.trace.eager.DivergenceEvent;
import dev.jitscope.trace.eager.EagerObserver;
import dev.jitscope.trace.eager.EagerSession;
import dev.jitscope.trace.eager.ModuleInstance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.jit.trace(instance, inputs)}: runs the instance's forward eagerly on the example
 * inputs and records every tensor operator it executes.
 *
 * <p>Module structure is kept as PyTorch keeps it: each submodule call becomes
 * {@code prim::CallMethod[name="forward"]} on {@code prim::GetAttr} of the submodule, whose class
 * gets a traced forward of its own ({@code forward1}, {@code forward2}, ... when one class is called
 * several times, as PyTorch names them); {@code inlined_graph} (Inliner) flattens it. Where a call
 * cannot be a method of its own (it returns no tensor, or uses a tensor of its caller it was not
 * given), the whole trace is redone flat: one forward on the root whose GetAttr chains reach every
 * parameter.
 */
public final class Tracer {
    private Tracer() { }

    public static TraceResult trace(EagerSession session, ModuleInstance root, List<Object> inputs) {
        return record(session, root, inputs).result();
    }

    /** A trace with what the diff needs besides the result: the decision log and the module calls' ranges. */
    public record Recording(TraceResult result, DecisionLog decisions, List<SourceRange> moduleCalls, boolean flat) { }

    public static Recording record(EagerSession session, ModuleInstance root, List<Object> inputs) {
        Recording nested = record(session, root, inputs, true);
        return nested != null ? nested : record(session, root, inputs, false);
    }

    /** Null when {@code nested} recording met a call it cannot keep as a method. */
    private static Recording record(EagerSession session, ModuleInstance root, List<Object> inputs, boolean nested) {
        TracedModuleTree tree = TracedModuleTree.of(root);
        ClassType rootType = tree.root().type();
        TraceRecorder recorder = new TraceRecorder(rootType);
        tree.declareInto(recorder, root);
        List<String> names = parameterNames(root, inputs.size());
        for (int i = 0; i < inputs.size(); i++) recorder.addInput(names.get(i), inputs.get(i));

        Observer observer = new Observer(recorder, tree, root, nested);
        Object result;
        session.setObserver(observer);
        try {
            result = session.call(root, "forward", new ArrayList<>(inputs));
        } finally {
            session.setObserver(null);
        }
        if (observer.unsupported || recorder.captured()) return null;
        Graph graph = recorder.finish(result, null);
        rootType.addMethod(new Function("forward", rootType.qualifiedName() + ".forward", graph, schemaOf(graph)));
        TraceResult traced = new TraceResult(tree.root(), graph, observer.decisions.sites());
        return new Recording(traced, observer.decisions, List.copyOf(observer.moduleCalls), !nested);
    }

    /** Runs forward eagerly with an observer that only logs the decisions (what a check input would make the trace do). */
    public static DecisionLog decisions(EagerSession session, ModuleInstance root, List<Object> inputs) {
        DecisionLog log = new DecisionLog();
        session.setObserver(new EagerObserver() {
            @Override public void onDivergence(DivergenceEvent event) { log.add(event); }
        });
        try {
            session.call(root, "forward", new ArrayList<>(inputs));
        } finally {
            session.setObserver(null);
        }
        return log;
    }

    /** A submodule call being recorded into a graph of its own. */
    private record Frame(TraceRecorder recorder, TracedModuleTree.Submodule module, List<Object> args, SourceRange range) { }

    private static final Object INLINE = new Object();

    private static final class Observer implements EagerObserver {
        final TracedModuleTree tree;
        final ModuleInstance root;
        final boolean nested;
        final DecisionLog decisions = new DecisionLog();
        final List<SourceRange> moduleCalls = new ArrayList<>();
        /** Frame, INLINE (a call recorded into its caller's graph) per open module call; the root's first. */
        final Deque<Object> calls = new ArrayDeque<>();
        final Deque<Frame> frames = new ArrayDeque<>();
        final Map<ClassType, Integer> methodCounts = new IdentityHashMap<>();
        boolean rootEntered;
        boolean unsupported;

        Observer(TraceRecorder rootRecorder, TracedModuleTree tree, ModuleInstance root, boolean nested) {
            this.tree = tree;
            this.root = root;
            this.nested = nested;
            frames.push(new Frame(rootRecorder, null, List.of(), null));
        }

        TraceRecorder current() { return frames.peek().recorder(); }

        @Override public void onOp(OpSchema schema, Object[] args, Object result, SourceRange range) {
            if (!unsupported) current().recordOp(schema, args, result, range);
        }

        @Override public void onDivergence(DivergenceEvent event) { decisions.add(event); }

        @Override public void onModuleCall(ModuleInstance module, String method, List<Object> args, SourceRange range) {
            if (range != null) moduleCalls.add(range);
            if (!rootEntered && module == root) {
                rootEntered = true;
                calls.push(INLINE);
                return;
            }
            TracedModuleTree.Submodule sub = nested && !unsupported && "forward".equals(method) ? tree.find(module) : null;
            if (sub == null) {
                calls.push(INLINE);
                return;
            }
            TraceRecorder child = new TraceRecorder(sub.type());
            tree.declareSubtree(child, sub);
            List<Frame> outer = new ArrayList<>(frames);
            child.setEnclosing(t -> outer.stream().anyMatch(f -> f.recorder().knows(t)));
            List<String> names = forwardParameterNames(module);
            List<Object> passed = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (!TraceRecorder.traceable(a)) continue;   // a Python value: baked into the callee's graph
                child.addInput(i < names.size() ? names.get(i) : "argument_" + (i + 1), a);
                passed.add(a);
            }
            Frame f = new Frame(child, sub, passed, range);
            frames.push(f);
            calls.push(f);
        }

        @Override public void onModuleReturn(ModuleInstance module, String method, Object result) {
            Object top = calls.poll();
            if (!(top instanceof Frame f)) return;
            frames.pop();
            if (unsupported) return;
            if (!TraceRecorder.traceable(result)) { unsupported = true; return; }
            Graph g = f.recorder().finish(result, null);
            if (f.recorder().captured() || g.outputs().size() != 1) { unsupported = true; return; }
            ClassType type = f.module().type();
            int n = methodCounts.merge(type, 1, Integer::sum) - 1;
            String name = n == 0 ? "forward" : "forward" + n;
            type.addMethod(new Function(name, type.qualifiedName() + "." + name, g, schemaOf(g)));
            String relative = relativePath(frames.peek(), f.module());
            if (relative == null) { unsupported = true; return; }
            current().recordCall(relative, name, f.args(), result, g.outputs().get(0).type(), f.range());
        }

        /** The callee's path as seen from the calling frame's module, or null when it is not below it. */
        private static String relativePath(Frame caller, TracedModuleTree.Submodule callee) {
            if (caller.module() == null) return callee.path();
            String prefix = caller.module().path() + ".";
            return callee.path().startsWith(prefix) ? callee.path().substring(prefix.length()) : null;
        }
    }

    private static List<String> forwardParameterNames(ModuleInstance m) {
        Ast.FunctionDef def = m.type().methodDefinition("forward");
        List<String> names = new ArrayList<>();
        if (def != null) for (int i = 1; i < def.params().size(); i++) names.add(def.params().get(i).name());
        return names;
    }

    /** forward's parameter names after self, for the graph inputs (x, h, ...). */
    private static List<String> parameterNames(ModuleInstance root, int count) {
        Ast.FunctionDef def = root.type().methodDefinition("forward");
        if (def == null) throw new JitScopeException("class " + root.type().name() + " has no forward method", root.type().source().name());
        List<String> names = new ArrayList<>();
        for (int i = 1; i < def.params().size(); i++) names.add(def.params().get(i).name());
        if (count > names.size())
            throw new JitScopeException(root.type().name() + ".forward takes " + names.size() + " argument(s) after self but "
                    + count + " example input(s) were given", def.range());
        return names;
    }

    private static FunctionSchema schemaOf(Graph g) {
        List<Argument> args = new ArrayList<>();
        for (Value v : g.inputs()) args.add(Argument.of(v.debugName() == null ? "self" : v.debugName(), v.type()));
        List<Argument> returns = new ArrayList<>();
        for (Value v : g.outputs()) returns.add(Argument.of("", v.type()));
        return new FunctionSchema("forward", "", args, returns);
    }
}
