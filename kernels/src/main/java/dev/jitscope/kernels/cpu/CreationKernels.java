package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;

/** zeros, ones, full, arange, *_like, empty, scalar_tensor. A null dtype means PyTorch's default inference. */
public final class CreationKernels {
    private CreationKernels() { }

    public static Tensor zeros(int[] shape, DType dtype) { return Tensor.zeros(dtype == null ? DType.FLOAT32 : dtype, shape.clone()); }
    public static Tensor empty(int[] shape, DType dtype) { return zeros(shape, dtype); }
    public static Tensor ones(int[] shape, DType dtype) { return full(shape, 1L, dtype == null ? DType.FLOAT32 : dtype); }

    /** torch.full: without a dtype, an int fill gives int64, a bool fill bool, a float fill float32. */
    public static Tensor full(int[] shape, Object value, DType dtype) {
        DType dt = dtype != null ? dtype : TypePromotion.scalarType(value);
        Tensor t = Tensor.zeros(dt, shape.clone());
        fill(t, value);
        return t;
    }

    /** Writes a scalar into every element of t (aten::fill_), honouring strides. */
    public static Tensor fill(Tensor t, Object value) {
        Tensor v = ElementwiseKernels.asTensor(value);
        Strided.copyInto(t, v);
        return t;
    }

    public static Tensor zerosLike(Tensor t, DType dtype) { return zeros(t.shape(), dtype == null ? t.dtype() : dtype); }
    public static Tensor onesLike(Tensor t, DType dtype) { return full(t.shape(), 1L, dtype == null ? t.dtype() : dtype); }
    public static Tensor fullLike(Tensor t, Object value, DType dtype) { return full(t.shape(), value, dtype == null ? t.dtype() : dtype); }
    public static Tensor emptyLike(Tensor t, DType dtype) { return zerosLike(t, dtype); }

    /** torch.arange(start, end, step): int64 when all bounds are ints, else float32. */
    public static Tensor arange(Object start, Object end, Object step, DType dtype) {
        boolean integral = !(start instanceof Double || end instanceof Double || step instanceof Double);
        DType dt = dtype != null ? dtype : integral ? DType.INT64 : DType.FLOAT32;
        double s = ElementwiseKernels.toDouble(start), e = ElementwiseKernels.toDouble(end), st = ElementwiseKernels.toDouble(step);
        if (st == 0) throw new JitScopeException("step must be nonzero");
        if ((st > 0 && e < s) || (st < 0 && e > s)) throw new JitScopeException("upper bound and larger bound inconsistent with step sign");
        long n = (long) Math.ceil((e - s) / st);
        if (dt.isFloatingPoint()) {
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) v[i] = s + i * st;
            return Strided.fromDoubles(v, dt, new int[]{(int) n});
        }
        long[] v = new long[(int) n];
        long ls = (long) s, lst = (long) st;
        for (int i = 0; i < n; i++) v[i] = ls + i * lst;
        return Strided.fromLongs(v, dt, new int[]{(int) n});
    }

    /** A 0-d tensor of a Python scalar (prim::NumToTensor / aten::scalar_tensor). */
    public static Tensor scalarTensor(Object value, DType dtype) {
        if (dtype == null) {
            if (value instanceof Double d) return Tensor.contiguous(Storage.wrap(new double[]{d}));
            if (value instanceof Boolean b) return Tensor.contiguous(Storage.wrap(DType.BOOL, new byte[]{(byte) (b ? 1 : 0)}));
            return Tensor.contiguous(Storage.wrap(new long[]{((Number) value).longValue()}));
        }
        return full(new int[0], value, dtype);
    }

    /** aten::to(dtype): same tensor when already of that dtype (copy=False). */
    public static Tensor to(Tensor t, DType dtype, boolean copy) {
        if (t.dtype() == dtype && !copy) return t;
        return Strided.materialize(t, dtype, t.shape());
    }

    public static Tensor clone(Tensor t) { return Strided.materialize(t, t.dtype(), t.shape()); }

    /** aten::copy_(self, src): broadcasts src into self's elements. */
    public static Tensor copy_(Tensor self, Tensor src) {
        Strided.broadcastShapes(self.shape(), src.shape());
        if (!Arrays.equals(Strided.broadcastShapes(self.shape(), src.shape()), self.shape()))
            throw new JitScopeException("output with shape " + Arrays.toString(self.shape()) + " doesn't match the broadcast shape " + Arrays.toString(src.shape()));
        Strided.copyInto(self, src);
        return self;
    }
}
