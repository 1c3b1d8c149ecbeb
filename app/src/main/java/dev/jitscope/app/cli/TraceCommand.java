package dev.jitscope.app.cli;

import dev.jitscope.frontend.archive.ModelExporter;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.transform.Inliner;
import dev.jitscope.trace.diff.DiffReportText;
import dev.jitscope.trace.diff.DivergenceSite;
import dev.jitscope.trace.record.TraceResult;
import dev.jitscope.trace.record.Tracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jitscope trace MODEL.py --class NAME --input X.npy [...] -o OUT.pt [--graph]}: builds the
 * module from source, runs forward eagerly on the example inputs recording every tensor operator
 * (torch.jit.trace), and writes the recording as a torch.jit.save archive. Every place where the run
 * turned tensor data into a Python decision is printed as a warning: the archive keeps that decision
 * for every input.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Trace a model from source on example inputs (torch.jit.trace) and save the recording as a .pt archive.")
public final class TraceCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.py", description = "model source defining an nn.Module class")
    Path model;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Option(names = "--input", arity = "1..*", required = true, paramLabel = "X.npy",
            description = "example inputs, one .npy file per forward argument after self")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.pt", description = "archive to write")
    Path output;

    @Option(names = "--graph", description = "also print the traced forward graph (submodule calls as prim::CallMethod)")
    boolean graph;

    @Option(names = "--inlined", description = "with --graph: print it with every submodule call inlined (PyTorch's inlined_graph)")
    boolean inlined;

    @Override
    public void run() {
        SourceInstance m = SourceInstance.load(model, source);
        TraceResult result = Tracer.trace(m.session(), m.instance(), SourceInstance.read(inputs));
        ModelExporter.save(result.module(), output);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (DivergenceSite s : result.sites())
            err.println(s.range().location() + ": warning: " + DiffReportText.kindName(s) + " " + s.message() + "\n" + s.range().highlight());
        err.flush();
        if (graph) out.print(GraphPrinter.print(inlined ? Inliner.inline(result.graph()) : result.graph()));
        out.println("wrote " + output + " (" + result.sites().size() + (result.sites().size() == 1 ? " divergence site)" : " divergence sites)"));
        out.flush();
    }
}
