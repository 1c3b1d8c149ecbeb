package dev.jitscope.trace.diff;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.emit.FunctionSignature;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.trace.eager.EagerSession;
import dev.jitscope.trace.eager.ModuleInstance;
import dev.jitscope.trace.record.Tracer;
import dev.jitscope.trace.script.InstanceScripter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trace versus script on one model instance: traces forward on the example inputs, scripts the same
 * instance, runs both on the interpreter for the example and every check set, and for each check set
 * replays the eager run to learn which divergence sites decide differently there.
 *
 * <p>The instance is put in eval mode first (as models are traced for inference), so dropout and
 * batch-norm statistics do not make two runs differ by themselves. Weights come from
 * {@code torch.manual_seed(0)} before construction.
 */
public final class TraceScriptDiff {
    private TraceScriptDiff() { }

    public static DiffReport run(Source source, String className, List<Object> ctorArgs,
                                 List<Object> exampleInputs, List<List<Object>> checkInputs) {
        EagerSession session = EagerSession.load(source);
        session.manualSeed(0);
        ModuleInstance root = session.instantiate(className, ctorArgs, Map.of());
        root.train(false);
        return run(session, root, exampleInputs, checkInputs);
    }

    /** As above on an instance already built in {@code session}. */
    public static DiffReport run(EagerSession session, ModuleInstance root, List<Object> exampleInputs,
                                 List<List<Object>> checkInputs) {
        // a model that cannot be scripted is exactly one people trace: its sites are still reported
        ScriptObject scripted = null;
        String notScripted = null;
        try {
            scripted = InstanceScripter.script(root);
            if (scripted.type().method("forward") == null) notScripted = "the scripted " + root.type().name() + " has no forward method";
        } catch (JitScopeException e) {
            notScripted = e.render();
        }
        Function scriptedForward = notScripted == null ? scripted.type().method("forward") : null;
        Tracer.Recording recording = Tracer.record(session, root, exampleInputs);
        Graph traced = dev.jitscope.ir.transform.Inliner.inline(recording.result().graph());
        Graph scriptedInlined = scriptedForward == null ? new Graph() : dev.jitscope.ir.transform.Inliner.inline(scriptedForward.graph());

        Interpreter interpreter = new Interpreter();
        List<InputComparison> comparisons = new ArrayList<>();
        List<List<Object>> sets = new ArrayList<>();
        sets.add(exampleInputs);
        sets.addAll(checkInputs);
        for (int i = 0; i < sets.size(); i++) {
            List<Object> inputs = sets.get(i);
            if (inputs.size() != exampleInputs.size())
                throw new JitScopeException("input set " + i + " has " + inputs.size() + " input(s) but the example has "
                        + exampleInputs.size(), root.type().source().name());
            comparisons.add(notScripted != null ? notCompared(i, session, root, recording, inputs, notScripted)
                    : compare(i, session, root, recording, scripted, scriptedForward, interpreter, inputs));
        }
        return new DiffReport(source(session, root), recording.result().sites(), comparisons, traced, scriptedInlined,
                GraphCorrespondence.scriptedOnly(scriptedInlined, traced, recording.moduleCalls()));
    }

    private static Source source(EagerSession session, ModuleInstance root) {
        return root.type().source() != null ? root.type().source() : session.source();
    }

    private static InputComparison compare(int index, EagerSession session, ModuleInstance root, Tracer.Recording recording,
                                           ScriptObject scripted, Function scriptedForward, Interpreter interpreter,
                                           List<Object> inputs) {
        List<Integer> flipped = List.of();
        String eagerFailure = null;
        if (index > 0) {
            try {
                flipped = recording.decisions().flippedIn(Tracer.decisions(session, root, inputs));
            } catch (RuntimeException e) {
                eagerFailure = message(e);
            }
        }
        List<Object> scriptedOut;
        try {
            scriptedOut = interpreter.run(scriptedForward.graph(), scriptedArguments(scripted, scriptedForward, inputs));
        } catch (RuntimeException e) {
            // nothing to compare the trace with
            return new InputComparison(index, false, Double.NaN, "the scripted model fails on this input: " + message(e), flipped);
        }
        List<Object> tracedOut;
        try {
            List<Object> args = new ArrayList<>();
            args.add(recording.result().module());
            args.addAll(inputs);
            tracedOut = interpreter.run(recording.result().graph(), args);
        } catch (RuntimeException e) {
            return new InputComparison(index, true, Double.NaN, "the traced model fails on this input: " + message(e), flipped);
        }
        OutputDifference d = OutputDifference.of(scriptedOut, tracedOut);
        String reason = d.differs() ? d.reason() : null;
        if (eagerFailure != null) reason = (reason == null ? "" : reason + "; ") + "the eager replay failed: " + eagerFailure;
        return new InputComparison(index, d.differs(), d.maxAbsDiff(), reason, flipped);
    }

    /** Why no comparison was possible, as {@link InputComparison#reason()} starts when the model cannot be scripted. */
    public static final String NOT_SCRIPTED = "not compared: the model cannot be scripted: ";

    private static InputComparison notCompared(int index, EagerSession session, ModuleInstance root, Tracer.Recording recording,
                                               List<Object> inputs, String why) {
        List<Integer> flipped = List.of();
        if (index > 0) {
            try {
                flipped = recording.decisions().flippedIn(Tracer.decisions(session, root, inputs));
            } catch (RuntimeException e) {
                why = why + "; the eager replay failed: " + message(e);
            }
        }
        return new InputComparison(index, false, Double.NaN, NOT_SCRIPTED + why, flipped);
    }

    private static String message(RuntimeException e) {
        if (e instanceof JitScopeException j) return j.getMessage();
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** self, the inputs, then the declared defaults of the parameters the inputs leave out. */
    private static List<Object> scriptedArguments(ScriptObject self, Function forward, List<Object> inputs) {
        List<Object> args = new ArrayList<>();
        args.add(self);
        args.addAll(inputs);
        int declared = forward.graph().inputs().size();
        if (args.size() > declared)
            throw new JitScopeException("forward takes " + (declared - 1) + " argument(s) after self but " + inputs.size()
                    + " were given", forward.qualifiedName());
        while (args.size() < declared) {
            int k = args.size();
            Ast.Expr def = forward.schema() instanceof FunctionSignature s && k < s.params().size() ? s.params().get(k).defaultValue() : null;
            Object v = def == null ? NOT_LITERAL : literal(def);
            if (v == NOT_LITERAL)
                throw new JitScopeException("forward needs argument " + k + " (" + forward.graph().inputs().get(k).type().str()
                        + ") and has no literal default: give it as an input", forward.qualifiedName());
            args.add(v);
        }
        return args;
    }

    private static final Object NOT_LITERAL = new Object();

    private static Object literal(Ast.Expr e) {
        if (e instanceof Ast.Const c) return c.value();
        if (e instanceof Ast.UnaryOp u && u.op() == TokenKind.MINUS && literal(u.operand()) instanceof Number n)
            return n instanceof Long l ? (Object) (-l) : (Object) (-n.doubleValue());
        if (e instanceof Ast.ListLit l || e instanceof Ast.TupleLit) {
            List<Ast.Expr> elts = e instanceof Ast.ListLit l2 ? l2.elts() : ((Ast.TupleLit) e).elts();
            List<Object> out = new ArrayList<>();
            for (Ast.Expr x : elts) {
                Object v = literal(x);
                if (v == NOT_LITERAL) return NOT_LITERAL;
                out.add(v);
            }
            return e instanceof Ast.ListLit ? out : new Tuple(out);
        }
        return NOT_LITERAL;
    }
}
