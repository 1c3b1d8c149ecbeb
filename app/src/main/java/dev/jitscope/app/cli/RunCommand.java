package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.GraphExecutor;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jitscope run MODEL.pt IN.npy... [--method forward] [--out DIR] [--passes PIPELINE]}: runs a
 * method of an archive on the CPU interpreter, after the optimization pipeline (default {@code default}). Outputs are flattened depth-first (tuple/list members in order;
 * int, float, bool as 0-d int64, float64, bool), written as {@code DIR/out<i>.npy}; each output's
 * type and shape is printed, one line each ({@code out1: None} for a None, which has no file).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a method of a torch.jit.save archive on .npy inputs; write the outputs as .npy.")
public final class RunCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.pt", description = "archive written by torch.jit.save")
    Path model;

    @Parameters(index = "1..*", paramLabel = "INPUT.npy", description = "one .npy per tensor argument, in order")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--method", defaultValue = "forward", description = "method of the root module (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--out", paramLabel = "DIR", description = "directory for out0.npy, out1.npy, ...")
    Path outDir;

    @Option(names = "--passes", defaultValue = "default", paramLabel = "none|default|inference|p1,p2,...",
            description = "optimization pipeline applied to a copy of the method's graph before running (default: ${DEFAULT-VALUE})")
    String passes;

    @Override
    public void run() {
        LoadedModel loaded = ModelFile.load(model);
        if (!loaded.pendingStates().isEmpty())
            throw new JitScopeException("running modules that restore themselves with __setstate__ is not supported yet",
                    model.toString());
        List<Object> args = new ArrayList<>();
        args.add(loaded.root());
        for (Path p : inputs) args.add(Npy.read(p));
        Graph graph = PassesCommand.optimize(loaded, ModelFile.method(loaded, method), passes);
        // trailing Optional arguments not given are None, as when PyTorch calls forward(x) on
        // forward(self, src, mask: Optional[Tensor]=None)
        while (args.size() < graph.inputs().size() && graph.inputs().get(args.size()).type() instanceof OptionalType)
            args.add(null);
        List<Object> results = new GraphExecutor(graph).run(args);
        List<Object> flat = new ArrayList<>();
        for (Object r : results) flatten(r, flat);
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < flat.size(); i++) {
            Tensor t = (Tensor) flat.get(i);
            out.println("out" + i + ": " + ModuleTree.describe(t));
            if (outDir != null && t != null) write(outDir.resolve("out" + i + ".npy"), t);
        }
        out.flush();
    }

    private static void write(Path file, Tensor t) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new JitScopeException("cannot create the output directory: " + e.getMessage(), file.getParent().toString());
        }
        Npy.write(file, t);
    }

    /** Depth-first, as the interop contract says; null stays null (None has no .npy). */
    static void flatten(Object v, List<Object> out) {
        if (v instanceof Tuple t) { for (Object o : t.items()) flatten(o, out); return; }
        if (v instanceof List<?> l) { for (Object o : l) flatten(o, out); return; }
        if (v == null || v instanceof Tensor) { out.add(v); return; }
        if (v instanceof Long x) { out.add(new Tensor(Storage.wrap(new long[] {x}), new int[0], new int[0], 0)); return; }
        if (v instanceof Double x) { out.add(new Tensor(Storage.wrap(new double[] {x}), new int[0], new int[0], 0)); return; }
        if (v instanceof Boolean x) {
            out.add(new Tensor(Storage.wrap(DType.BOOL, new byte[] {(byte) (x ? 1 : 0)}), new int[0], new int[0], 0));
            return;
        }
        throw new JitScopeException("an output of type " + v.getClass().getSimpleName() + " cannot be written as .npy");
    }
}
