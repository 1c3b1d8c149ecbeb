package dev.jitscope.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code jitscope devices}: the devices {@code run --device} and {@code bench --device} accept. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the devices models can run on (the name is what --device takes).")
public final class DevicesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (Devices.Device d : Devices.list()) out.printf("%-10s %s%n", d.name(), d.description());
        out.flush();
    }
}
