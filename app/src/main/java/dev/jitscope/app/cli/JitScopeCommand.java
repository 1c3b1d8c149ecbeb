package dev.jitscope.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code jitscope} command. Subcommands are added here as the engine parts they call
 * exist; a subcommand is never listed before it can do its job.
 */
@Command(name = "jitscope",
        mixinStandardHelpOptions = true,
        version = "JitScope 0.1.0 (TorchScript for PyTorch 1.13 archives, in Java)",
        description = "Inspect, compile and run TorchScript models. Without arguments, opens the workbench.",
        subcommands = {GraphCommand.class, CodeCommand.class, ModulesCommand.class, RunCommand.class,
                BenchCommand.class, OpsCommand.class, DevicesCommand.class, ScriptCommand.class, PassesCommand.class, ExportCommand.class,
                TraceCommand.class, DiffCommand.class})
public final class JitScopeCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        // no subcommand given on a command line that has other options: show what exists
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
