package dev.jitscope.app.cli;

import dev.jitscope.kernels.opencl.OpenClDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code jitscope devices}: the values {@code --device} accepts, cpu first, then every OpenCL device. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the devices --device accepts: cpu and every OpenCL device.")
public final class DevicesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("cpu: the Java interpreter (" + Runtime.getRuntime().availableProcessors() + " cores)");
        String opencl;
        try {
            opencl = OpenClDevices.available() ? OpenClDevices.describeAll().strip() : "";
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            opencl = "";
        }
        if (opencl.isEmpty()) out.println("opencl: no OpenCL platform (install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev)");
        else out.println(opencl);
        out.flush();
    }
}
