package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.emit.CompilationUnit;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.transform.GraphCopier;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.passes.Pass;
import dev.jitscope.passes.PassContext;
import dev.jitscope.passes.PassRegistry;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.manager.PassRunResult;
import dev.jitscope.passes.util.GraphText;
import dev.jitscope.passes.verify.OutputComparison;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code jitscope passes MODEL.pt|MODEL.py [--class NAME] [--pipeline NAME|p1,p2,...] [--input X.npy ...]
 * [--dump DIR] [--time N] [--json]}: runs an optimization pipeline on a method's graph and shows, pass by pass,
 * whether it changed the graph, how long it took and the node count before and after. {@code --dump}
 * writes each pass's graph before and after ({@code NN_<pass>.before.txt}); {@code --input} gives
 * example inputs: their shapes feed shape propagation, and the command runs the graph before and
 * after the pipeline and says whether the results still agree; {@code --time N} also times N executor
 * runs of each. {@code --list} shows passes and pipelines.
 */
@Command(name = "passes", mixinStandardHelpOptions = true,
        description = "Run an optimization pipeline on a model's method and show what each pass did.")
public final class PassesCommand implements Callable<Integer> {
    /** Relative tolerance of the before/after comparison (the issue's differential-test bound). */
    static final double TOLERANCE = 1e-4;

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.pt|MODEL.py",
            description = "archive written by torch.jit.save, or TorchScript source")
    Path model;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Option(names = "--method", defaultValue = "forward", description = "method (or free function of a .py file) (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--pipeline", defaultValue = "default", paramLabel = "NAME|p1,p2,...",
            description = "named pipeline (default, inference) or comma-separated passes (default: ${DEFAULT-VALUE})")
    String pipeline;

    @Option(names = "--input", arity = "1..*", paramLabel = "X.npy", description = "example inputs, one .npy file per tensor argument")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--dump", paramLabel = "DIR", description = "write NN_<pass>.before.txt / .after.txt graphs into DIR")
    Path dump;

    @Option(names = "--json", description = "print the per-pass records as JSON")
    boolean json;

    @Option(names = "--list", description = "list the available passes and named pipelines")
    boolean list;

    @Option(names = "--time", paramLabel = "N", defaultValue = "0",
            description = "with --input: time N executor runs of the graph before and after the pipeline (median, after warm-up)")
    int timeRuns;

    /** What the pipeline works on: a method's graph and the object it belongs to. */
    record Target(Function function, ScriptObject module, Object self) {
        String name() { return function.qualifiedName(); }
        Graph graph() { return function.graph(); }

        /**
         * Arguments of a run: self (when the graph has one), the given inputs, then the declared
         * defaults of the parameters not given (a transformer's masks), None for other Optionals.
         */
        List<Object> arguments(List<Tensor> tensors, Path model) {
            List<Object> args = new ArrayList<>();
            if (self != null) args.add(self);
            args.addAll(tensors);
            List<Value> params = graph().inputs();
            List<Argument> declared = function.schema() instanceof FunctionSchema s ? s.arguments() : List.of();
            for (int k = args.size(); k < params.size(); k++) {
                if (k < declared.size() && declared.get(k).hasDefault()) {
                    Object d = declared.get(k).defaultValue();
                    args.add(d instanceof List<?> l ? new ArrayList<>(l) : d);
                } else if (params.get(k).type() instanceof OptionalType) args.add(null);
                else throw new JitScopeException(name() + " takes " + (params.size() - (self == null ? 0 : 1))
                        + " inputs but " + tensors.size() + " .npy files were given", model.toString());
            }
            if (args.size() > params.size())
                throw new JitScopeException(name() + " takes " + (params.size() - (self == null ? 0 : 1))
                        + " inputs but " + tensors.size() + " .npy files were given", model.toString());
            return args;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PassRegistry registry = PassRegistry.standard();
        if (list) {
            printList(registry, out);
            return 0;
        }
        if (model == null) throw new JitScopeException("give a MODEL.pt or MODEL.py file (or --list to see the passes)");
        Target target = load(model, source, method);
        List<Pass> passes = resolve(registry, pipeline);
        List<Tensor> tensors = inputs.stream().map(Npy::read).toList();
        List<Object> args = tensors.isEmpty() ? null : target.arguments(tensors, model);

        PassContext ctx = new PassContext(GraphCopier.copy(target.graph()), target.module(), inputTypes(args));
        String initial = GraphText.print(ctx.graph());
        List<PassRunResult> results = PassManager.instrumented().run(passes, ctx);
        if (dump != null) dump(dump, initial, results);

        OutputComparison check = args == null ? null : compare(target.graph(), ctx.graph(), args);
        RunTiming[] timing = null;
        if (timeRuns > 0) {
            if (args == null) throw new JitScopeException("--time needs --input: the graphs are timed on those inputs");
            int warmup = Math.max(2, timeRuns / 5);
            timing = new RunTiming[] {RunTiming.measure(target.graph(), args, warmup, timeRuns),
                    RunTiming.measure(ctx.graph(), args, warmup, timeRuns)};
        }
        if (json) out.println(json(target, results, check, timing));
        else printTable(target, results, check, timing, out);
        out.flush();
        if (check != null && !check.equal()) {
            spec.commandLine().getErr().println(model + ": error: the pipeline changed the results: " + check.mismatch());
            spec.commandLine().getErr().flush();
            return CommandLineRunner.EXIT_USER_ERROR;
        }
        return 0;
    }

    // ---------------------------------------------------------------- loading

    static Target load(Path model, SourceModelOptions source, String method) {
        if (SourceModel.isSource(model) && source.className() == null) return loadSource(model, method);
        // a .py with --class is built and scripted like torch.jit.script(instance): its weights are there to fold
        LoadedModel loaded = ModelFile.load(model, null, source);
        Function f = ModelFile.method(loaded, method);
        return new Target(f, loaded.root(), loaded.root());
    }

    private static Target loadSource(Path file, String method) {
        CompilationUnit unit = ScriptCompiler.compileSource(new Source(file.toString(), ScriptCommand.readSource(file)));
        ClassType cls = null;
        if (unit.functions().containsKey(method)) {
            Function f = unit.function(method);
            return new Target(f, null, null);
        } else if (unit.classes().size() == 1) cls = unit.classes().values().iterator().next();
        if (cls == null)
            throw new JitScopeException("say which class to optimize with --class NAME (the file defines "
                    + String.join(", ", unit.classes().keySet()) + ")", file.toString());
        Function f = cls.method(method);
        if (f == null)
            throw new JitScopeException("class " + cls.qualifiedName() + " has no method '" + method + "'", file.toString());
        // a source file has no trained instance: nothing to freeze, but a bare self lets --input run it
        return new Target(f, null, new ScriptObject(cls));
    }

    static List<Pass> resolve(PassRegistry registry, String spec) {
        try {
            return registry.pipeline(spec);
        } catch (IllegalArgumentException e) {
            throw new JitScopeException(e.getMessage() + " (see jitscope passes --list)");
        }
    }

    private static List<JitType> inputTypes(List<Object> args) {
        if (args == null) return null;
        List<JitType> types = new ArrayList<>();
        for (Object a : args) types.add(a instanceof Tensor t ? TensorType.of(t.dtype(), t.shape(), t.strides()) : null);
        return types;
    }

    private static OutputComparison compare(Graph original, Graph optimized, List<Object> args) {
        List<Object> expected = new Interpreter().run(original, args);
        List<Object> actual = new Interpreter().run(optimized, args);
        return OutputComparison.of(expected, actual, TOLERANCE);
    }

    /**
     * The graph after the pipeline {@code spec} up to and including the first {@code after} pass
     * ({@code jitscope graph --after PASS}); the method's own graph is left as it was.
     */
    static Graph graphAfter(LoadedModel loaded, Function f, String spec, String after) {
        List<Pass> passes = resolve(PassRegistry.standard(), spec);
        int end = -1;
        for (int i = 0; i < passes.size() && end < 0; i++) if (passes.get(i).name().equals(after)) end = i + 1;
        if (end < 0)
            throw new JitScopeException("pass '" + after + "' is not in pipeline " + spec + ": "
                    + passes.stream().map(Pass::name).collect(Collectors.joining(", ")));
        PassContext ctx = new PassContext(GraphCopier.copy(f.graph()), loaded.root());
        new PassManager().run(passes.subList(0, end), ctx);
        return ctx.graph();
    }

    /**
     * A copy of {@code f}'s graph after the pipeline {@code spec} ("none", "default", "inference" or a
     * comma list), with the model's root as the module to freeze: what {@code jitscope run --passes}
     * should execute. {@code f}'s own graph is left as it was.
     */
    static Graph optimize(LoadedModel loaded, Function f, String spec) {
        PassContext ctx = new PassContext(GraphCopier.copy(f.graph()), loaded.root());
        new PassManager().run(resolve(PassRegistry.standard(), spec), ctx);
        return ctx.graph();
    }

    // ---------------------------------------------------------------- output

    private static void dump(Path dir, String initial, List<PassRunResult> results) {
        try {
            Files.createDirectories(dir);
            String current = initial;
            for (int i = 0; i < results.size(); i++) {
                PassRunResult r = results.get(i);
                String before = r.before() != null ? r.before().text() : current;
                String after = r.after() != null ? r.after().text() : before;   // skipped pass: unchanged
                String stem = String.format(Locale.ROOT, "%02d_%s", i + 1, r.name());
                Files.writeString(dir.resolve(stem + ".before.txt"), before, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(stem + ".after.txt"), after, StandardCharsets.UTF_8);
                current = after;
            }
        } catch (IOException e) {
            throw new JitScopeException("cannot write the snapshots: " + e.getMessage(), dir.toString());
        }
    }

    private static void printList(PassRegistry registry, PrintWriter out) {
        out.println("Passes:");
        int w = registry.all().stream().mapToInt(p -> p.name().length()).max().orElse(10);
        for (Pass p : registry.all())
            out.printf(Locale.ROOT, "  %-" + w + "s  %s%s%n", p.name(), p.info().summary(), p.info().needsModule() ? " [needs module]" : "");
        out.println();
        out.println("Pipelines:");
        out.println("  default    " + String.join(",", PassRegistry.DEFAULT));
        out.println("  inference  " + String.join(",", PassRegistry.INFERENCE));
    }

    private void printTable(Target target, List<PassRunResult> results, OutputComparison check, RunTiming[] timing, PrintWriter out) {
        out.println("pipeline " + pipeline + " on " + target.name());
        int w = Math.max(4, results.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        out.printf(Locale.ROOT, "%3s  %-" + w + "s  %-7s  %9s  %s%n", "#", "pass", "changed", "ms", "nodes");
        double total = 0;
        for (int i = 0; i < results.size(); i++) {
            PassRunResult r = results.get(i);
            total += r.ms();
            out.printf(Locale.ROOT, "%3d  %-" + w + "s  %-7s  %9.3f  %d → %d%n", i + 1, r.name(), r.changed() ? "yes" : "no",
                    r.ms(), r.nodesBefore(), r.nodesAfter());
        }
        int first = results.isEmpty() ? target.graph().nodeCount() : results.get(0).nodesBefore();
        int last = results.isEmpty() ? first : results.get(results.size() - 1).nodesAfter();
        out.printf(Locale.ROOT, "total %.3f ms, nodes %d → %d%n", total, first, last);
        if (check != null)
            out.println(check.equal()
                    ? String.format(Locale.ROOT, "outputs equal to the unoptimized run (max |diff| %.3g)", check.maxAbsDiff())
                    : "outputs DIFFER from the unoptimized run: " + check.mismatch());
        if (timing != null)
            out.printf(Locale.ROOT, "executor: unoptimized %.3f ms, optimized %.3f ms (median of %d), speedup %.2fx%n",
                    timing[0].medianMs(), timing[1].medianMs(), timeRuns, timing[0].medianMs() / timing[1].medianMs());
        if (dump != null) out.println("snapshots in " + dump);
    }

    private String json(Target target, List<PassRunResult> results, OutputComparison check, RunTiming[] timing) {
        StringBuilder b = new StringBuilder("{\"model\":").append(quote(model.toString()))
                .append(",\"method\":").append(quote(target.name()))
                .append(",\"pipeline\":").append(results.stream().map(r -> quote(r.name())).collect(Collectors.joining(",", "[", "]")))
                .append(",\"passes\":").append(PassRunResult.toJson(results));
        if (check != null)
            b.append(",\"outputs_equal\":").append(check.equal())
                    .append(",\"max_abs_diff\":").append(Double.isFinite(check.maxAbsDiff())
                            ? String.format(Locale.ROOT, "%.6g", check.maxAbsDiff()) : "null");
        if (timing != null)
            b.append(",\"run_unoptimized\":").append(timing[0].json()).append(",\"run_optimized\":").append(timing[1].json());
        return b.append('}').toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
