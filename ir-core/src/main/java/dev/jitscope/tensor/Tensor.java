package dev.jitscope.tensor;

import java.util.Arrays;

/**
 * A strided view of a {@link Storage}: dtype, sizes, strides (in elements) and storage offset,
 * as in PyTorch. Views share storage; the kernels module computes on tensors.
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private boolean requiresGrad;

    public Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        if (shape.length != strides.length) throw new IllegalArgumentException("shape and strides differ in rank");
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** A contiguous tensor over the given storage. */
    public static Tensor contiguous(Storage storage, int... shape) {
        return new Tensor(storage, shape.clone(), contiguousStrides(shape), 0);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return contiguous(Storage.allocate(dtype, numel(shape)), shape);
    }

    public static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) { st[i] = s; s *= Math.max(shape[i], 1); }
        return st;
    }

    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) { if (d < 0) throw new IllegalArgumentException("negative dimension " + d); n *= d; }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor of " + n + " elements is too large");
        return (int) n;
    }

    public Storage storage() { return storage; }
    public DType dtype() { return storage.dtype(); }
    /** NB: returned arrays are the tensor's own; callers must not mutate them. */
    public int[] shape() { return shape; }
    public int[] strides() { return strides; }
    public int offset() { return offset; }
    public int dim() { return shape.length; }
    public int size(int d) { return shape[d < 0 ? d + shape.length : d]; }
    public int numel() { return numel(shape); }
    public boolean requiresGrad() { return requiresGrad; }
    public void setRequiresGrad(boolean r) { requiresGrad = r; }

    public boolean isContiguous() {
        int expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expect) return false;
            expect *= shape[i];
        }
        return true;
    }

    /** Element at a flat row-major index, widened to double (slow path: printing, tests). */
    public double getDouble(int flatIndex) {
        int pos = offset, rem = flatIndex;
        for (int d = shape.length - 1; d >= 0; d--) {
            int sz = shape[d];
            pos += (rem % sz) * strides[d];
            rem /= sz;
        }
        return switch (dtype()) {
            case FLOAT32, FLOAT16, BFLOAT16 -> storage.floats()[pos];
            case FLOAT64 -> storage.doubles()[pos];
            case INT64 -> storage.longs()[pos];
            case INT32 -> storage.ints()[pos];
            case INT16 -> storage.shorts()[pos];
            case UINT8 -> storage.bytes()[pos] & 0xff;
            case INT8, BOOL -> storage.bytes()[pos];
        };
    }

    @Override public String toString() {
        return "Tensor(" + dtype().torchName + Arrays.toString(shape) + ")";
    }
}
