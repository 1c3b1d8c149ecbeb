package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A method of a loaded archive bound to its arguments read from .npy files, ready to be invoked on
 * the CPU interpreter (what {@code run} and {@code bench} share). Arguments the files leave out take
 * the defaults of the method's signature, as when PyTorch calls {@code forward(x)} on
 * {@code forward(self, src, mask: Optional[Tensor]=None)}.
 */
final class MethodCall {
    private Graph graph;
    private final List<Object> arguments;
    private final Interpreter interpreter;

    private MethodCall(Graph graph, List<Object> arguments, Interpreter interpreter) {
        this.graph = graph;
        this.arguments = arguments;
        this.interpreter = interpreter;
    }

    static MethodCall prepare(Path model, String methodName, List<Path> inputs, Interpreter interpreter) {
        return prepare(model, null, methodName, inputs, interpreter);
    }

    /** As above, with a torch.save(state_dict) file loaded into the model first (null for none). */
    static MethodCall prepare(Path model, Path weights, String methodName, List<Path> inputs, Interpreter interpreter) {
        return prepare(model, weights, methodName, inputs, interpreter, null);
    }

    /** As above, running a copy of the method's graph after the pipeline {@code passes} (null: as loaded). */
    static MethodCall prepare(Path model, Path weights, String methodName, List<Path> inputs, Interpreter interpreter,
                              String passes) {
        return prepare(model, weights, null, methodName, inputs, interpreter, passes);
    }

    /** As above for a MODEL.py too: {@code source} says which class to build (null for an archive). */
    static MethodCall prepare(Path model, Path weights, SourceModelOptions source, String methodName, List<Path> inputs,
                              Interpreter interpreter, String passes) {
        LoadedModel loaded = ModelFile.load(model, weights, source);
        Function method = ModelFile.method(loaded, methodName);
        MethodCall call = new MethodCall(method.graph(), new ArrayList<>(), interpreter);
        call.restoreStates(loaded);
        // after __setstate__: freezing reads the restored attributes
        if (passes != null) call.graph = PassesCommand.optimize(loaded, method, passes);
        call.arguments.add(loaded.root());
        Signature signature = Signature.of(method);
        int declared = method.graph().inputs().size();
        if (inputs.size() > declared - 1)
            throw new JitScopeException(methodName + " takes " + (declared - 1) + " argument(s) after self but "
                    + inputs.size() + " .npy input(s) were given", model.toString());
        for (int i = 0; i < inputs.size(); i++)
            call.arguments.add(asArgument(Npy.read(inputs.get(i)), method.graph().inputs().get(i + 1).type(), inputs.get(i)));
        while (call.arguments.size() < declared) {
            int k = call.arguments.size();
            JitType type = method.graph().inputs().get(k).type();
            String name = signature.name(k, method.graph().inputs().get(k).debugName());
            // as in PyTorch, an Optional parameter without a default is still required
            if (!signature.hasDefault(k))
                throw new JitScopeException(methodName + " needs argument '" + name + "' (" + type.str()
                        + "): give one more .npy input", model.toString());
            call.arguments.add(signature.defaultValue(k, model));
        }
        return call;
    }

    /**
     * Objects of classes with {@code __setstate__} are loaded empty; running their
     * {@code __setstate__(state)} fills them, as PyTorch's unpickler does.
     */
    private void restoreStates(LoadedModel loaded) {
        for (LoadedModel.PendingState p : loaded.pendingStates()) {
            Function setstate = p.object().type().method("__setstate__");
            if (setstate == null)
                throw new JitScopeException(p.object().type().qualifiedName() + " has state but no __setstate__",
                        loaded.path().toString());
            interpreter.run(setstate.graph(), List.of(p.object(), p.state()));
        }
    }

    /** A 0-d array passed for an int, float or bool parameter is that number, as numpy scalars are in Python. */
    private static Object asArgument(Tensor t, JitType type, Path file) {
        JitType plain = type instanceof OptionalType o ? o.element() : type;
        boolean scalarParam = plain instanceof IntType || plain instanceof FloatType || plain instanceof BoolType;
        if (!scalarParam) return t;
        if (t.numel() != 1)
            throw new JitScopeException("the parameter is " + type.str() + " but the array has shape "
                    + java.util.Arrays.toString(t.shape()) + "; give a 0-d array", file.toString());
        double v = t.getDouble(0);
        if (plain instanceof IntType) return (long) v;
        if (plain instanceof FloatType) return v;
        return v != 0;
    }

    List<Object> invoke() {
        return interpreter.run(graph, arguments);
    }

    /** The results flattened depth-first into tensors; int, float, bool become 0-d int64, float64, bool; null stays None. */
    static List<Tensor> flatten(List<Object> results) {
        List<Tensor> out = new ArrayList<>();
        for (Object r : results) flatten(r, out);
        return out;
    }

    private static void flatten(Object v, List<Tensor> out) {
        if (v instanceof Tuple t) { for (Object o : t.items()) flatten(o, out); return; }
        if (v instanceof List<?> l) { for (Object o : l) flatten(o, out); return; }
        if (v == null || v instanceof Tensor) { out.add((Tensor) v); return; }
        if (v instanceof Long x) { out.add(new Tensor(Storage.wrap(new long[] {x}), new int[0], new int[0], 0)); return; }
        if (v instanceof Double x) { out.add(new Tensor(Storage.wrap(new double[] {x}), new int[0], new int[0], 0)); return; }
        if (v instanceof Boolean x) {
            out.add(new Tensor(Storage.wrap(DType.BOOL, new byte[] {(byte) (x ? 1 : 0)}), new int[0], new int[0], 0));
            return;
        }
        throw new JitScopeException("an output of type " + v.getClass().getSimpleName() + " cannot be written as .npy");
    }
}
