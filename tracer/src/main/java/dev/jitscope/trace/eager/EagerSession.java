package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Runs a model source file the way CPython would: the file's top level on load, then module
 * construction and method calls on real tensors, with every operator going to the kernels'
 * registry and every tensor-to-Python conversion reported to an {@link EagerObserver}.
 */
public final class EagerSession {
    private final Evaluator evaluator;
    private final ModuleScope main;

    private EagerSession(Source source, LibraryResolver library, PrintStream out) {
        this.evaluator = new Evaluator(library, out);
        this.main = guarded(source, () -> evaluator.loadMain(source));
    }

    /** Java's stack running out is Python's RecursionError, reported as a diagnostic like every other mistake. */
    private static <T> T guarded(Source source, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (StackOverflowError e) {
            throw new dev.jitscope.diag.JitScopeException("RecursionError: maximum recursion depth exceeded", source.name());
        }
    }

    /** Parses and runs the file's top level (imports, class and function definitions). */
    public static EagerSession load(Source source) {
        return new EagerSession(source, LibraryResolver.standard(), System.out);
    }

    /** As {@link #load(Source)} with the nn library sources from {@code library} and print() to {@code out}. */
    public static EagerSession load(Source source, LibraryResolver library, PrintStream out) {
        return new EagerSession(source, library, out);
    }

    /** Builds an instance of a class defined at the file's top level (runs its __init__). */
    public ModuleInstance instantiate(String className, List<Object> args, Map<String, Object> kwargs) {
        Object o = guarded(main.source, () -> evaluator.instantiate(main, className, args, kwargs));
        if (!(o instanceof ModuleInstance m))
            throw new dev.jitscope.diag.JitScopeException("class '" + className + "' is not an nn.Module subclass", main.source.name());
        return m;
    }

    /** Calls a method eagerly on plain runtime values; "forward" goes through the module's __call__. */
    public Object call(ModuleInstance self, String method, List<Object> args) {
        return guarded(main.source, () -> evaluator.callMethod(self, method, args));
    }

    /** Calls a function defined at the file's top level (or any callable global) with positional and keyword arguments. */
    public Object callFunction(String name, List<Object> args, Map<String, Object> kwargs) {
        return guarded(main.source, () -> evaluator.callGlobal(main, name, args, kwargs == null ? Map.of() : kwargs));
    }

    /** A top-level name of the file after loading (classes, functions, constants), or null. */
    public Object global(String name) { return main.globals.get(name); }

    /** The observer notified of every operator, divergence and module call; null for none. */
    public void setObserver(EagerObserver observer) { evaluator.observer = observer; }

    /** torch.manual_seed(seed): resets the generator random ops and nn.init draw from. */
    public void manualSeed(long seed) { evaluator.manualSeed(seed); }

    /** Where print() writes. */
    public void setOut(PrintStream out) { evaluator.out = out; }

    /** A class defined at the file's top level, or null. */
    public PyClass pyClass(String name) {
        return main.globals.get(name) instanceof PyClass c ? c : null;
    }

    /** Every class defined at the file's top level, in definition order. */
    public List<PyClass> classes() {
        return main.globals.values().stream().filter(v -> v instanceof PyClass c && c.source() == main.source)
                .map(v -> (PyClass) v).toList();
    }

    /**
     * Whether a Python number came from a tensor's shape or data (x.size(0), x.shape[i], len(x),
     * x.numel(), x.dim(), .item(), int(t), ...) or was computed from such a number, during the
     * current top-level call. These numbers are distinct boxed objects: the object an
     * {@link EagerObserver#onOp} result holds is the very object later passed to other operators,
     * so observers may map them by identity.
     */
    public boolean isTensorDerived(Object value) { return evaluator.taint.is(value); }

    /** The source file this session loaded. */
    public Source source() { return main.source; }
}
