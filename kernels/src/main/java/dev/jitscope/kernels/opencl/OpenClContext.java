package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jocl.CL.*;

/**
 * An OpenCL context on one device with one in-order command queue (profiling enabled), a caching
 * buffer allocator and the compiled programs. Kernels are enqueued without waiting; reading a
 * tensor back ({@link #download}) is the synchronisation point. Not for concurrent use: launches
 * are serialised on this object because a cl_kernel's arguments are shared state.
 */
public final class OpenClContext implements AutoCloseable {
    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final BufferPool pool;
    private final Map<String, cl_program> programs = new HashMap<>();
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final Map<String, long[]> timings = new LinkedHashMap<>();
    private boolean profiling;
    private long uploads;
    private long built;
    private boolean closed;

    private OpenClContext(OpenClDevice device) {
        this.device = device;
        try {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
            context = clCreateContext(props, 1, new org.jocl.cl_device_id[]{device.id()}, null, null, null);
            queue = clCreateCommandQueue(context, device.id(), CL_QUEUE_PROFILING_ENABLE, null);
        } catch (CLException e) {
            throw new JitScopeException("cannot open OpenCL device " + device.describe() + ": " + e.getMessage());
        }
        pool = new BufferPool(context);
    }

    /** Opens "opencl" or "opencl:N" (see {@link OpenClDevices#select}). */
    public static OpenClContext open(String spec) { return new OpenClContext(OpenClDevices.select(spec)); }

    public static OpenClContext open(OpenClDevice device) { return new OpenClContext(device); }

    public OpenClDevice device() { return device; }
    BufferPool pool() { return pool; }

    // ---------------------------------------------------------------- memory

    /** An uninitialised device tensor (its buffer may come from the pool with old contents). */
    public DeviceTensor allocate(int... shape) {
        return new DeviceTensor(this, pool.acquire(4L * Tensor.numel(shape)), shape);
    }

    /** Copies a host tensor to the device as contiguous float32 (other dtypes and layouts are converted first). */
    public synchronized DeviceTensor upload(Tensor t) {
        float[] data = denseFloats(t);
        DeviceTensor d = allocate(t.shape());
        uploads++;
        if (data.length > 0)
            clEnqueueWriteBuffer(queue, d.mem(), CL_TRUE, 0, 4L * data.length, Pointer.to(data), 0, null, null);
        return d;
    }

    /** Waits for the queue and copies the device tensor into a new host float32 tensor. */
    public Tensor download(DeviceTensor d) {
        float[] out = new float[d.numel()];
        if (out.length > 0)
            clEnqueueReadBuffer(queue, d.mem(), CL_TRUE, 0, 4L * out.length, Pointer.to(out), 0, null, null);
        else
            clFinish(queue);
        return Tensor.contiguous(Storage.wrap(out), d.shape());
    }

    /** Waits for the queue and copies the device tensor into {@code dst} (at least numel long). */
    public void downloadInto(DeviceTensor d, float[] dst) {
        if (d.numel() > 0)
            clEnqueueReadBuffer(queue, d.mem(), CL_TRUE, 0, 4L * d.numel(), Pointer.to(dst), 0, null, null);
    }

    private static float[] denseFloats(Tensor t) {
        if (t.dtype() == DType.FLOAT32 && t.isContiguous()) {
            float[] all = t.storage().floats();
            int n = t.numel();
            if (t.offset() == 0 && all.length == n) return all;
            return Arrays.copyOfRange(all, t.offset(), t.offset() + n);
        }
        // NB: getDouble walks the strides, so any layout and dtype lands in row-major float order
        int n = t.numel();
        float[] r = new float[n];
        Tensor c = dev.jitscope.kernels.cpu.CreationKernels.to(t, DType.FLOAT32, true);
        Tensor dense = c.isContiguous() ? c : dev.jitscope.kernels.cpu.CreationKernels.clone(c);
        System.arraycopy(dense.storage().floats(), dense.offset(), r, 0, n);
        return r;
    }

    /** Blocks until every enqueued command has finished. */
    public void finish() { clFinish(queue); }

    /** Cached free buffers are released; statistics for tests and the workbench. */
    public void trimPool() { pool.trim(); }
    public long buffersCreated() { return pool.created(); }
    public long buffersReused() { return pool.reused(); }
    /** Host-to-device tensor copies so far. */
    public synchronized long uploads() { return uploads; }

    // ---------------------------------------------------------------- programs and launches

    /**
     * The kernel {@code kernelName} of resource {@code resource} compiled with {@code header} (usually
     * #defines) in front; programs are cached by resource and header.
     */
    synchronized cl_kernel kernel(String resource, String header, String kernelName) {
        return kernel(resource, header, "", kernelName);
    }

    /** As {@link #kernel(String, String, String)} with generated {@code footer} text (macro instantiations) after the resource. */
    synchronized cl_kernel kernel(String resource, String header, String footer, String kernelName) {
        String key = resource + "\u0000" + header + "\u0000" + footer;
        cl_program p = programs.get(key);
        if (p == null) {
            String source = header + ProgramCompiler.resource(resource) + footer;
            p = ProgramCompiler.build(context, device.id(), resource, source);
            programs.put(key, p);
        }
        String kKey = key + "\u0000" + kernelName;
        cl_kernel k = kernels.get(kKey);
        if (k == null) {
            k = clCreateKernel(p, kernelName, null);
            kernels.put(kKey, k);
        }
        return k;
    }

    /**
     * The kernel {@code kernelName} of a generated program; programs are cached by their source text,
     * which for generated kernels spells out everything they were generated from. {@code name} names
     * the program in a compile error.
     */
    synchronized cl_kernel generatedKernel(String name, String source, String kernelName) {
        String key = "generated\u0000" + source;
        cl_program p = programs.get(key);
        if (p == null) {
            p = ProgramCompiler.build(context, device.id(), name, source);
            programs.put(key, p);
            built++;
        }
        String kKey = key + "\u0000" + kernelName;
        cl_kernel k = kernels.get(kKey);
        if (k == null) {
            k = clCreateKernel(p, kernelName, null);
            kernels.put(kKey, k);
        }
        return k;
    }

    /** Generated programs compiled so far (each source once). */
    public synchronized long generatedProgramsBuilt() { return built; }

    /** Local (work-group shared) memory of the given size, as a kernel argument. */
    public record Local(long bytes) { }

    /**
     * Enqueues k over {@code global} work items (rounded up to multiples of {@code local}; kernels check
     * bounds) with the arguments DeviceTensor, Integer, Float/Double (as float), int[] (copied to a
     * read-only buffer) or {@link Local}.
     */
    synchronized void launch(String name, cl_kernel k, long[] global, long[] local, Object... args) {
        List<cl_mem> temporaries = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof DeviceTensor t) clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(t.mem()));
            else if (a instanceof Integer v) clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[]{v}));
            else if (a instanceof Float v) clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[]{v}));
            else if (a instanceof Double v) clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[]{v.floatValue()}));
            else if (a instanceof int[] v) {
                int[] data = v.length == 0 ? new int[1] : v;
                cl_mem m = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, 4L * data.length, Pointer.to(data), null);
                temporaries.add(m);
                clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
            } else if (a instanceof Local l) clSetKernelArg(k, i, l.bytes(), null);
            else throw new IllegalArgumentException("unsupported kernel argument " + a);
        }
        long[] g = global.clone();
        for (int d = 0; d < g.length; d++) {
            if (g[d] == 0) { releaseAll(temporaries); return; }
            if (local != null) g[d] = (g[d] + local[d] - 1) / local[d] * local[d];
        }
        cl_event event = profiling ? new cl_event() : null;
        clEnqueueNDRangeKernel(queue, k, g.length, null, g, local, 0, null, event);
        if (event != null) {
            clWaitForEvents(1, new cl_event[]{event});
            long[] start = new long[1], end = new long[1];
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
            long[] acc = timings.computeIfAbsent(name, x -> new long[2]);
            acc[0]++;
            acc[1] += end[0] - start[0];
            clReleaseEvent(event);
        }
        // NB: the driver keeps a released buffer alive until the commands using it have completed
        releaseAll(temporaries);
    }

    private static void releaseAll(List<cl_mem> mems) { for (cl_mem m : mems) clReleaseMemObject(m); }

    /** When on, every launch waits for its kernel and adds its device time to {@link #kernelTimes()}. */
    public synchronized void setProfiling(boolean on) { profiling = on; }

    /** Kernel name → {launches, total device nanoseconds}, in first-launch order. */
    public synchronized Map<String, long[]> kernelTimes() {
        Map<String, long[]> copy = new LinkedHashMap<>();
        timings.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            clFinish(queue);
        } finally {
            pool.trim();
            kernels.values().forEach(org.jocl.CL::clReleaseKernel);
            programs.values().forEach(org.jocl.CL::clReleaseProgram);
            clReleaseCommandQueue(queue);
            clReleaseContext(context);
        }
    }
}
