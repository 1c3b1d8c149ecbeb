package dev.jitscope.kernels.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as enumerated across all platforms; {@code index} is its position in that
 * enumeration, the N of {@code opencl:N}.
 */
public record OpenClDevice(int index, String platformName, String name, String vendor, String type,
                           long globalMemoryBytes, int computeUnits, long maxWorkGroupSize,
                           cl_platform_id platform, cl_device_id id) {

    public boolean isGpu() { return type.equals("GPU"); }

    /** One line for device lists: "opencl:0 pthread-haswell (Portable Computing Language, CPU, 16 CU, 62.0 GiB)". */
    public String describe() {
        return String.format("opencl:%d %s (%s, %s, %d CU, %.1f GiB)", index, name, platformName, type,
                computeUnits, globalMemoryBytes / (double) (1L << 30));
    }

    @Override public String toString() { return describe(); }
}
