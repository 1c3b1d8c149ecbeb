package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.opencl.OpenClBackend;
import dev.jitscope.kernels.opencl.OpenClDevice;
import dev.jitscope.kernels.opencl.OpenClDevices;
import dev.jitscope.runtime.Interpreter;

import java.util.ArrayList;
import java.util.List;

/**
 * The devices a model can run on: the CPU interpreter, and every OpenCL device (the interpreter with
 * the OpenCL backend's operators; ops without an OpenCL kernel run on the host).
 */
final class Devices {
    private Devices() { }

    /** One device as {@code jitscope devices} lists it; {@code name} is what --device takes. */
    record Device(String name, String description) { }

    static List<Device> list() {
        Runtime rt = Runtime.getRuntime();
        List<Device> out = new ArrayList<>();
        out.add(new Device("cpu", "JitScope CPU interpreter (" + System.getProperty("os.arch") + ", "
                + rt.availableProcessors() + " threads, " + (rt.maxMemory() >> 20) + " MiB Java heap)"));
        if (OpenClDevices.available()) {
            for (OpenClDevice d : OpenClDevices.list()) {
                String line = d.describe();
                out.add(new Device("opencl:" + d.index(), line.substring(line.indexOf(' ') + 1)));
            }
        }
        return out;
    }

    /** An interpreter for the device named as --device takes it; close it after the runs. */
    static Session open(String name) {
        if (name.equals("cpu")) return new Session(new Interpreter(), null);
        if (name.equals("opencl") || name.startsWith("opencl:")) {
            OpenClDevices.select(name);   // a diagnostic for a device that is not there
            OpenClBackend backend = OpenClBackend.open(name);
            return new Session(new Interpreter(backend.registry()), backend);
        }
        List<String> names = new ArrayList<>();
        for (Device d : list()) names.add(d.name());
        throw new JitScopeException("unknown device '" + name + "'; available: " + String.join(", ", names)
                + " (see `jitscope devices`)");
    }

    record Session(Interpreter interpreter, OpenClBackend backend) implements AutoCloseable {
        @Override public void close() {
            if (backend != null) backend.close();
        }
    }
}
