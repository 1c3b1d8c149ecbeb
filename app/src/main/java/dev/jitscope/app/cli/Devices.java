package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;

import java.util.List;

/**
 * The devices a model can run on. Only the CPU interpreter exists on this branch; the OpenCL backend
 * adds its devices here when it lands.
 */
final class Devices {
    private Devices() { }

    /** One device as {@code jitscope devices} lists it. */
    record Device(String name, String kind, String description) { }

    static List<Device> list() {
        Runtime rt = Runtime.getRuntime();
        String cpu = System.getProperty("os.arch") + ", " + rt.availableProcessors() + " threads, "
                + (rt.maxMemory() >> 20) + " MiB Java heap";
        return List.of(new Device("cpu", "cpu", cpu));
    }

    static void requireRunnable(String name) {
        for (Device d : list()) if (d.name().equals(name)) return;
        throw new JitScopeException("unknown device '" + name + "'; available: "
                + String.join(", ", list().stream().map(Device::name).toList()) + " (see `jitscope devices`)");
    }
}
