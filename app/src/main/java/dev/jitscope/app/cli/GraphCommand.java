package dev.jitscope.app.cli;

import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.transform.Inliner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code jitscope graph MODEL.pt [--method forward] [--inlined]}: the method's graph in PyTorch's
 * text form, as {@code print(m.forward.graph)} shows it; {@code --inlined} prints
 * {@code m.forward.inlined_graph} instead (every call replaced by the callee's optimized graph).
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print a method's graph IR of a torch.jit.save archive in PyTorch's text form.")
public final class GraphCommand implements Runnable {
    @Spec CommandSpec spec;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Parameters(index = "0", paramLabel = "MODEL.pt|MODEL.py", description = "archive written by torch.jit.save, or model source with --class NAME")
    Path model;

    @Option(names = "--method", defaultValue = "forward", description = "method of the root module (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--inlined", description = "inline every call, as PyTorch's inlined_graph")
    boolean inlined;

    @Option(names = "--after", paramLabel = "PASS", description = "print the graph after the pipeline up to this pass (see jitscope passes --list)")
    String after;

    @Option(names = "--pipeline", defaultValue = "default", paramLabel = "NAME|p1,p2,...", description = "pipeline --after refers to (default: ${DEFAULT-VALUE})")
    String pipeline;

    @Option(names = "--weights", paramLabel = "STATE.pt", description = "load this torch.save(state_dict) file into the model first")
    Path weights;

    @Override
    public void run() {
        LoadedModel loaded = ModelFile.load(model, weights, source);
        Graph g = ModelFile.method(loaded, method).graph();
        if (inlined) g = Inliner.inline(g);
        if (after != null) g = PassesCommand.graphAfter(loaded, ModelFile.method(loaded, method), pipeline, after);
        PrintWriter out = spec.commandLine().getOut();
        out.print(GraphPrinter.print(g));
        out.flush();
    }
}
