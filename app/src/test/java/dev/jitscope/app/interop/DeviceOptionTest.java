package dev.jitscope.app.interop;

import dev.jitscope.app.cli.CliProcess;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.kernels.opencl.OpenClDevices;
import dev.jitscope.testsupport.Prerequisites;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --device} on {@code run} and {@code jitscope devices}, as a user sees them on the command line. */
class DeviceOptionTest {
    @Test
    void devicesListsCpuAndEveryOpenClDevice() throws Exception {
        Prerequisites.require(OpenClDevices.available(),
                "no OpenCL platform: install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev");
        CliRunResult r = CliProcess.run(60, "devices");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("cpu"), r.stdout());
        assertTrue(r.stdout().contains("opencl:0"), r.stdout());
    }

    @Test
    void unknownDeviceIsADiagnosticNotAStackTrace() throws Exception {
        InteropSuite.Archive a = InteropSuite.archive("simple");
        CliRunResult r = CliProcess.run(60, "run", a.path().toString(),
                InteropSuite.DIR.resolve(a.cases().get(0).inputs().get(0)).toString(), "--device", "gpu");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("unknown device 'gpu'"), r.stderr());
        assertTrue(!r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void openClRunPrintsTheSameOutputsAsCpu() throws Exception {
        Prerequisites.require(OpenClDevices.available(),
                "no OpenCL platform: install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev");
        InteropSuite.Archive a = InteropSuite.archive("resnet18");
        String in = InteropSuite.DIR.resolve(a.cases().get(0).inputs().get(0)).toString();
        CliRunResult cpu = CliProcess.run(120, "run", a.path().toString(), in);
        CliRunResult ocl = CliProcess.run(120, "run", a.path().toString(), in, "--device", "opencl");
        assertEquals(0, ocl.exitCode(), ocl.stderr());
        assertEquals(cpu.stdout(), ocl.stdout());
        // the host fallbacks are named once, on stderr
        assertEquals(1, ocl.stderr().lines().filter(l -> l.startsWith("OpenCL: ran on the host")).count(), ocl.stderr());
    }
}
