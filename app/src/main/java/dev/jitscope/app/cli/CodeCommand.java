package dev.jitscope.app.cli;

import dev.jitscope.frontend.archive.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code jitscope code MODEL.pt [--all]}: the TorchScript code stored in the archive, the code file
 * that defines the root module's class (with {@code --all}, every code file, each under a
 * {@code # code/<path>.py} header).
 */
@Command(name = "code", mixinStandardHelpOptions = true,
        description = "Print the TorchScript code stored in a torch.jit.save archive.")
public final class CodeCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.pt", description = "archive written by torch.jit.save")
    Path model;

    @Option(names = "--all", description = "every code file, not only the root module's")
    boolean all;

    @Override
    public void run() {
        LoadedModel loaded = ModelFile.load(model);
        PrintWriter out = spec.commandLine().getOut();
        String rootClass = loaded.root().type().qualifiedName();
        String rootQualifier = rootClass.substring(0, rootClass.lastIndexOf('.'));
        for (Map.Entry<String, String> file : loaded.code().entrySet()) {
            if (!all && !file.getKey().equals(rootQualifier)) continue;
            if (all) out.println("# code/" + file.getKey().replace('.', '/') + ".py");
            out.print(file.getValue());
            if (!file.getValue().endsWith("\n")) out.println();
        }
        out.flush();
    }
}
