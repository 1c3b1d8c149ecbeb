package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.opencl.OpenClBackend;
import dev.jitscope.kernels.opencl.OpenClContext;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.runtime.OperatorRegistry;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Set;

/**
 * {@code --device cpu|opencl|opencl:N}, mixed into the commands that execute a graph. The OpenCL
 * backend is opened lazily (cpu never touches the OpenCL loader) and must be closed by the command.
 */
public final class DeviceOption implements AutoCloseable {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu, opencl (first OpenCL device) or opencl:N (see `jitscope devices`); default: ${DEFAULT-VALUE}")
    String device = "cpu";

    private OpenClBackend backend;

    /** The interpreter that runs on the chosen device. */
    public Interpreter interpreter() {
        if (device.equals("cpu")) return new Interpreter();
        if (!device.equals("opencl") && !device.startsWith("opencl:"))
            throw new JitScopeException("unknown device '" + device + "'; use cpu, opencl or opencl:N", "--device");
        if (backend == null) {
            OpenClContext ctx;
            try {
                ctx = OpenClContext.open(device);
            } catch (JitScopeException e) {
                throw e;
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new JitScopeException("cannot open OpenCL device '" + device + "': " + e.getMessage()
                        + " (install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev)", "--device");
            }
            // reported together after the run (reportFallbacks), not once per call
            backend = new OpenClBackend(ctx, OperatorRegistry.global(), OpenClBackend.DEFAULT_RESIDENCY_BYTES, op -> { });
        }
        return new Interpreter(backend.registry());
    }

    /** Lists, once, the operators that ran on the host instead of the OpenCL device. */
    public void reportFallbacks(PrintWriter err) {
        if (backend == null) return;
        Set<String> host = backend.hostFallbacks();
        if (!host.isEmpty()) err.println("OpenCL: ran on the host (no OpenCL kernel): " + String.join(", ", host));
        err.flush();
    }

    @Override
    public void close() {
        if (backend != null) {
            OpenClContext ctx = backend.context();
            backend.close();
            ctx.close();
            backend = null;
        }
    }
}
