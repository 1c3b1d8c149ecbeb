package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jitscope run MODEL.pt --input X.npy... [--method forward] [--device cpu] [--out DIR]}: runs a
 * method of an archive on the CPU interpreter. Outputs are flattened depth-first (tuple/list members in
 * order; int, float, bool as 0-d int64, float64, bool), written as {@code DIR/output_<i>.npy}; each
 * output's type and shape is printed, one line each ({@code output_1: None} for a None, which has no file).
 * {@code --passes} picks the optimization pipeline run on a copy of the graph first (default {@code default}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a method of a torch.jit.save archive on .npy inputs; write the outputs as .npy.")
public final class RunCommand implements Runnable {
    @Spec CommandSpec spec;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Parameters(index = "0", paramLabel = "MODEL.pt|MODEL.py", description = "archive written by torch.jit.save, or model source with --class NAME")
    Path model;

    @Parameters(index = "1..*", paramLabel = "INPUT.npy", description = "inputs may also be given positionally, after MODEL.pt")
    List<Path> positionalInputs = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "X.npy",
            description = "one .npy per argument after self, in order (repeat the option); 0-d arrays for int/float/bool parameters")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--method", defaultValue = "forward", description = "method of the root module (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--device", defaultValue = "cpu", description = "device to run on (default: ${DEFAULT-VALUE}; see `jitscope devices`)")
    String device;

    @Option(names = "--out", paramLabel = "DIR", description = "directory for output_0.npy, output_1.npy, ...")
    Path outDir;

    @Option(names = "--weights", paramLabel = "STATE.pt", description = "load this torch.save(state_dict) file into the model first")
    Path weights;

    @Option(names = "--passes", defaultValue = "default", paramLabel = "none|default|inference|p1,p2,...",
            description = "optimization pipeline applied to a copy of the method's graph before running (default: ${DEFAULT-VALUE})")
    String passes;

    @Override
    public void run() {
        try (Devices.Session session = Devices.open(device)) {
            run(session);
        }
    }

    private void run(Devices.Session session) {
        MethodCall call = MethodCall.prepare(model, weights, source, method, Inputs.of(inputs, positionalInputs), session.interpreter(), passes);
        List<Tensor> flat = MethodCall.flatten(call.invoke());
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < flat.size(); i++) {
            Tensor t = flat.get(i);
            out.println(outputName(i) + ": " + ModuleTree.describe(t));
            if (outDir != null && t != null) write(outDir.resolve(outputName(i) + ".npy"), t);
        }
        out.flush();
    }

    /** File name (without .npy) of the i-th flattened output. */
    public static String outputName(int i) {
        return "output_" + i;
    }

    private static void write(Path file, Tensor t) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new JitScopeException("cannot create the output directory: " + e.getMessage(), file.getParent().toString());
        }
        Npy.write(file, t);
    }
}
