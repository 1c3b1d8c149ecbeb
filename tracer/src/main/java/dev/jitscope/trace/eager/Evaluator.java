package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Executes the AST (skeleton). */
final class Evaluator {
    EagerObserver observer;
    PrintStream out;
    private final LibraryResolver library;

    Evaluator(LibraryResolver library, PrintStream out) { this.library = library; this.out = out; }

    ModuleScope loadMain(Source source) { return new ModuleScope("", source); }

    Object instantiate(ModuleScope scope, String className, List<Object> args, Map<String, Object> kwargs) {
        throw new UnsupportedOperationException("not yet");
    }

    Object callMethod(ModuleInstance self, String method, List<Object> args) {
        throw new UnsupportedOperationException("not yet");
    }

    void manualSeed(long seed) { }
}
