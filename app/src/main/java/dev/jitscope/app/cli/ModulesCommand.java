package dev.jitscope.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code jitscope modules MODEL.pt}: the module tree (see {@link ModuleTree} for the format). */
@Command(name = "modules", mixinStandardHelpOptions = true,
        description = "Print the module tree of a torch.jit.save archive: paths, classes, parameters and buffers.")
public final class ModulesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Parameters(index = "0", paramLabel = "MODEL.pt|MODEL.py", description = "archive written by torch.jit.save, or model source with --class NAME")
    Path model;

    @Option(names = "--weights", paramLabel = "STATE.pt", description = "load this torch.save(state_dict) file into the model first")
    Path weights;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(ModuleTree.render(ModelFile.load(model, weights, source).root()));
        out.flush();
    }
}
