package dev.jitscope.app.cli;

import dev.jitscope.frontend.archive.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code jitscope export MODEL.pt|MODEL.py [--class NAME] [--weights STATE.pt] -o OUT.pt}: writes an
 * imported model back as a torch.jit.save archive (its code files kept), or a source model built and
 * scripted from {@code --class} (its classes printed), optionally with the weights of a
 * {@code torch.save(state_dict)} file put in first.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a torch.jit.save archive back out, optionally with its weights replaced from a state_dict file.")
public final class ExportCommand implements Runnable {
    @Spec CommandSpec spec;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Parameters(index = "0", paramLabel = "MODEL.pt|MODEL.py", description = "archive written by torch.jit.save, or model source with --class NAME")
    Path model;

    @Option(names = "--weights", paramLabel = "STATE.pt", description = "torch.save(model.state_dict()) file whose tensors replace the model's")
    Path weights;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.pt", description = "archive to write")
    Path output;

    @Override
    public void run() {
        LoadedModel loaded = ModelFile.load(model, weights, source);
        ModelFile.save(loaded, output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output);
        out.flush();
    }
}
