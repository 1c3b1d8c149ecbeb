package dev.jitscope.kernels.opencl;

import org.jocl.cl_mem;

import java.util.Arrays;

/**
 * A contiguous float32 tensor living in a device buffer of an {@link OpenClContext}. Closing it gives
 * the buffer back to the context's pool; using it afterwards is a bug and fails fast.
 */
public final class DeviceTensor implements AutoCloseable {
    private final OpenClContext context;
    private final int[] shape;
    private final int numel;
    private cl_mem mem;

    DeviceTensor(OpenClContext context, cl_mem mem, int[] shape) {
        this.context = context;
        this.mem = mem;
        this.shape = shape.clone();
        this.numel = dev.jitscope.tensor.Tensor.numel(shape);
    }

    public int[] shape() { return shape.clone(); }
    public int dim() { return shape.length; }
    public int size(int d) { return shape[d < 0 ? d + shape.length : d]; }
    public int numel() { return numel; }
    public long bytes() { return 4L * numel; }
    public OpenClContext context() { return context; }

    cl_mem mem() {
        if (mem == null) throw new IllegalStateException("device tensor used after close()");
        return mem;
    }

    /** The same buffer seen with another shape of equal element count; no copy, and the view does not own the buffer. */
    public DeviceTensor view(int... newShape) {
        if (dev.jitscope.tensor.Tensor.numel(newShape) != numel)
            throw new IllegalArgumentException("view " + Arrays.toString(newShape) + " of " + Arrays.toString(shape));
        DeviceTensor v = new DeviceTensor(context, mem(), newShape);
        v.isView = true;
        return v;
    }

    private boolean isView;

    /** Moves the buffer into a tensor of another shape (same element count); this one becomes unusable. */
    DeviceTensor reshapedMove(int... newShape) {
        if (isView) return view(newShape);
        DeviceTensor v = new DeviceTensor(context, mem(), newShape);
        if (v.numel != numel) throw new IllegalArgumentException("reshape " + Arrays.toString(newShape) + " of " + Arrays.toString(shape));
        mem = null;
        return v;
    }

    @Override public void close() {
        if (mem != null && !isView) context.pool().release(mem, bytes());
        mem = null;
    }

    @Override public String toString() { return "DeviceTensor" + Arrays.toString(shape); }
}
