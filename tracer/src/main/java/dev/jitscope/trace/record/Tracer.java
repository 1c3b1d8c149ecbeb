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

import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.jit.trace(instance, inputs)}: runs the instance's forward eagerly on the example
 * inputs and records every tensor operator it executes into one graph.
 *
 * <p>Module structure: the trace is one flat {@code forward} on the root class; submodules stay in
 * the object tree (with their parameters and buffers) and the graph reaches their tensors through
 * {@code prim::GetAttr} chains from {@code self}. PyTorch instead gives each traced submodule a
 * forward of its own called through {@code prim::CallMethod}; its {@code inlined_graph} is what this
 * graph corresponds to.
 */
public final class Tracer {
    private Tracer() { }

    public static TraceResult trace(EagerSession session, ModuleInstance root, List<Object> inputs) {
        return record(session, root, inputs).result();
    }

    /** A trace with what the diff needs besides the result: the decision log and the module calls' ranges. */
    public record Recording(TraceResult result, DecisionLog decisions, List<SourceRange> moduleCalls) { }

    public static Recording record(EagerSession session, ModuleInstance root, List<Object> inputs) {
        TracedModuleTree tree = TracedModuleTree.of(root);
        ClassType rootType = tree.root().type();
        TraceRecorder recorder = new TraceRecorder(rootType);
        tree.declareInto(recorder, root);
        List<String> names = parameterNames(root, inputs.size());
        for (int i = 0; i < inputs.size(); i++) recorder.addInput(names.get(i), inputs.get(i));

        Observer observer = new Observer(recorder);
        Object result;
        session.setObserver(observer);
        try {
            result = session.call(root, "forward", new ArrayList<>(inputs));
        } finally {
            session.setObserver(null);
        }
        Graph graph = recorder.finish(result, null);
        rootType.addMethod(new Function("forward", rootType.qualifiedName() + ".forward", graph, schemaOf(graph)));
        TraceResult traced = new TraceResult(tree.root(), graph, observer.decisions.sites());
        return new Recording(traced, observer.decisions, List.copyOf(observer.moduleCalls));
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

    private static final class Observer implements EagerObserver {
        final TraceRecorder recorder;
        final DecisionLog decisions = new DecisionLog();
        final List<SourceRange> moduleCalls = new ArrayList<>();

        Observer(TraceRecorder recorder) { this.recorder = recorder; }

        @Override public void onOp(OpSchema schema, Object[] args, Object result, SourceRange range) {
            recorder.recordOp(schema, args, result, range);
        }

        @Override public void onDivergence(DivergenceEvent event) { decisions.add(event); }

        @Override public void onModuleCall(ModuleInstance module, String method, List<Object> args, SourceRange range) {
            if (range != null) moduleCalls.add(range);
        }
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
