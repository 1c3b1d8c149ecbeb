package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.util.ArrayList;
import java.util.List;

import static org.jocl.CL.*;

/**
 * Enumerates OpenCL devices and resolves device names: {@code opencl} is the first GPU, else the
 * first device of any type; {@code opencl:N} is the Nth device of the enumeration.
 */
public final class OpenClDevices {
    private OpenClDevices() { }

    static final String INSTALL_HINT = "install pocl-opencl-icd ocl-icd-opencl-dev";

    private static List<OpenClDevice> cached;

    /** Every device of every platform; a JitScopeException when there is no OpenCL platform at all. */
    public static synchronized List<OpenClDevice> list() {
        if (cached == null) cached = List.copyOf(enumerate());
        return cached;
    }

    /** Whether at least one device can be used (never throws). */
    public static boolean available() {
        try {
            return !list().isEmpty();
        } catch (JitScopeException e) {
            return false;
        }
    }

    /** One {@link OpenClDevice#describe()} line per device, or the reason there is none (never throws). */
    public static String describeAll() {
        try {
            List<OpenClDevice> all = list();
            if (all.isEmpty()) return "no OpenCL device: " + INSTALL_HINT;
            StringBuilder sb = new StringBuilder();
            for (OpenClDevice d : all) sb.append(d.describe()).append('\n');
            return sb.toString().stripTrailing();
        } catch (JitScopeException e) {
            return e.getMessage();
        }
    }

    /** Resolves "opencl" or "opencl:N". */
    public static OpenClDevice select(String spec) {
        List<OpenClDevice> all = list();
        if (all.isEmpty()) throw new JitScopeException("no OpenCL device: " + INSTALL_HINT);
        if (spec.equals("opencl")) {
            for (OpenClDevice d : all) if (d.isGpu()) return d;
            return all.get(0);
        }
        if (spec.startsWith("opencl:")) {
            int n;
            try {
                n = Integer.parseInt(spec.substring("opencl:".length()));
            } catch (NumberFormatException e) {
                throw new JitScopeException("bad OpenCL device '" + spec + "': expected opencl or opencl:N");
            }
            if (n < 0 || n >= all.size())
                throw new JitScopeException("no OpenCL device " + n + ": there " + (all.size() == 1 ? "is 1 device" : "are " + all.size() + " devices")
                        + " (opencl:0.." + (all.size() - 1) + ")");
            return all.get(n);
        }
        throw new JitScopeException("bad OpenCL device '" + spec + "': expected opencl or opencl:N");
    }

    private static List<OpenClDevice> enumerate() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            try {
                clGetPlatformIDs(0, null, count);
            } catch (CLException e) {
                // NB: the ICD loader answers CL_PLATFORM_NOT_FOUND_KHR (-1001) when no vendor is registered
                throw new JitScopeException("no OpenCL platform (" + e.getMessage() + "): " + INSTALL_HINT);
            }
            if (count[0] == 0) throw new JitScopeException("no OpenCL platform: " + INSTALL_HINT);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<OpenClDevice> out = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                String platformName = platformString(p, CL_PLATFORM_NAME);
                int[] n = new int[1];
                try {
                    clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n);
                } catch (CLException e) {
                    continue;   // a platform without devices answers CL_DEVICE_NOT_FOUND
                }
                cl_device_id[] ids = new cl_device_id[n[0]];
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
                for (cl_device_id id : ids) {
                    out.add(new OpenClDevice(out.size(), platformName, deviceString(id, CL_DEVICE_NAME).trim(),
                            deviceString(id, CL_DEVICE_VENDOR).trim(), typeName(deviceLong(id, CL_DEVICE_TYPE)),
                            deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), (int) deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS),
                            deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE), p, id));
                }
            }
            return out;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new JitScopeException("no OpenCL platform (" + e.getMessage() + "): " + INSTALL_HINT);
        }
    }

    private static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) return "GPU";
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) return "ACCELERATOR";
        if ((type & CL_DEVICE_TYPE_CPU) != 0) return "CPU";
        return "OTHER";
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(d, param, Sizeof.cl_int, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceSize(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
