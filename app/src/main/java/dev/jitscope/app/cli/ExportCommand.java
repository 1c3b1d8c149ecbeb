package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code jitscope export MODEL.pt [--weights STATE.pt] -o OUT.pt}: writes an imported model back as a
 * torch.jit.save archive, optionally with the weights of a {@code torch.save(state_dict)} file put in
 * first. Exporting a model from source ({@code MODEL.py}) is refused: building its instance means
 * running {@code __init__}, and JitScope has no eager interpreter for that yet.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a torch.jit.save archive back out, optionally with its weights replaced from a state_dict file.")
public final class ExportCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.pt", description = "archive written by torch.jit.save")
    Path model;

    @Option(names = "--weights", paramLabel = "STATE.pt", description = "torch.save(model.state_dict()) file whose tensors replace the model's")
    Path weights;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.pt", description = "archive to write")
    Path output;

    @Override
    public void run() {
        if (model.getFileName().toString().endsWith(".py"))
            throw new JitScopeException("exporting a model from source is not supported yet: its instance is built by"
                    + " running __init__, which needs an eager interpreter JitScope does not have; script it in PyTorch"
                    + " and export the .pt instead", model.toString());
        LoadedModel loaded = ModelFile.load(model, weights);
        ModelExporter.save(loaded, output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output);
        out.flush();
    }
}
