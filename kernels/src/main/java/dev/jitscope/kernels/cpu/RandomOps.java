package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random number operators (randn, rand, randint, randperm, uniform_, normal_, bernoulli_) over one
 * process-wide default generator that {@link #manualSeed(long)} resets, as torch.manual_seed does.
 * The streams are deterministic per seed but not PyTorch's mt19937 numbers: models that need
 * PyTorch's exact weights load them instead.
 */
public final class RandomOps {
    private RandomOps() { }

    private static final Object LOCK = new Object();
    private static SplittableRandom generator = new SplittableRandom(67280421310721L);

    /** torch.manual_seed(seed). */
    public static void manualSeed(long seed) {
        synchronized (LOCK) { generator = new SplittableRandom(seed); }
    }

    private static double[] uniform(int n, double from, double to) {
        double[] v = new double[n];
        synchronized (LOCK) { for (int i = 0; i < n; i++) v[i] = from + (to - from) * generator.nextDouble(); }
        return v;
    }

    /** Box-Muller pairs; one draw per element keeps the stream independent of element parity. */
    private static double[] normal(int n, double mean, double std) {
        double[] v = new double[n];
        synchronized (LOCK) {
            for (int i = 0; i < n; i++) {
                double u1 = 1.0 - generator.nextDouble();
                double u2 = generator.nextDouble();
                v[i] = mean + std * Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
            }
        }
        return v;
    }

    private static long[] integers(int n, long low, long high) {
        if (high <= low) throw new JitScopeException("random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        long[] v = new long[n];
        synchronized (LOCK) { for (int i = 0; i < n; i++) v[i] = generator.nextLong(low, high); }
        return v;
    }

    private static Tensor filled(Tensor self, double[] values) {
        Strided.copyInto(self, Strided.fromDoubles(values, DType.FLOAT64, self.shape().clone()));
        return self;
    }

    private static DType floating(Object code) {
        DType dt = code == null ? DType.FLOAT32 : DType.fromCode((int) (long) (Long) code);
        if (!dt.isFloatingPoint()) throw new JitScopeException("random normal/uniform values need a floating point dtype, got " + dt.torchName);
        return dt;
    }

    private static int[] shape(Object o) {
        if (o instanceof Long l) return new int[]{(int) (long) l};
        List<?> l = (List<?>) o;
        int[] s = new int[l.size()];
        for (int i = 0; i < s.length; i++) s[i] = (int) (long) (Long) l.get(i);
        return s;
    }

    public static Tensor uniform_(Tensor self, double from, double to) {
        return filled(self, uniform(self.numel(), from, to));
    }

    public static Tensor normal_(Tensor self, double mean, double std) {
        if (std < 0) throw new JitScopeException("normal_ expects std >= 0.0, but found std " + std);
        return filled(self, normal(self.numel(), mean, std));
    }

    public static Tensor bernoulli_(Tensor self, double p) {
        double[] u = uniform(self.numel(), 0, 1);
        for (int i = 0; i < u.length; i++) u[i] = u[i] < p ? 1 : 0;
        return filled(self, u);
    }

    /**
     * Dropout in training mode: each element (or, feature-wise, each channel of an N, C, ... input)
     * kept with probability 1 - p and scaled by 1 / (1 - p), as PyTorch does.
     */
    public static Tensor dropoutTraining(Tensor x, double p, boolean featureWise) {
        if (p < 0 || p > 1) throw new JitScopeException("dropout probability has to be between 0 and 1, but got " + p);
        if (p == 0) return x;
        int[] maskShape = x.shape().clone();
        if (featureWise) for (int d = 2; d < maskShape.length; d++) maskShape[d] = 1;
        double[] keep = uniform(Tensor.numel(maskShape), 0, 1);
        for (int i = 0; i < keep.length; i++) keep[i] = p == 1 ? 0 : keep[i] < 1 - p ? 1 / (1 - p) : 0;
        Tensor mask = Strided.fromDoubles(keep, x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32, maskShape);
        return ElementwiseKernels.mul(x, mask);
    }

    public static Tensor randn(int[] shape, DType dtype) {
        return Strided.fromDoubles(normal(Tensor.numel(shape), 0, 1), dtype, shape.clone());
    }

    public static Tensor rand(int[] shape, DType dtype) {
        return Strided.fromDoubles(uniform(Tensor.numel(shape), 0, 1), dtype, shape.clone());
    }

    public static Tensor randint(long low, long high, int[] shape, DType dtype) {
        long[] v = integers(Tensor.numel(shape), low, high);
        return Strided.materialize(Strided.fromLongs(v, DType.INT64, shape.clone()), dtype, shape.clone());
    }

    public static Tensor randperm(int n, DType dtype) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = i;
        synchronized (LOCK) {
            for (int i = n - 1; i > 0; i--) {
                int j = generator.nextInt(i + 1);
                long t = v[i]; v[i] = v[j]; v[j] = t;
            }
        }
        return Strided.materialize(Strided.fromLongs(v, DType.INT64, new int[]{n}), dtype, new int[]{n});
    }

    private static DType dtypeOr(Object code, DType dflt) { return code == null ? dflt : DType.fromCode((int) (long) (Long) code); }

    private static double d(Object o) { return ((Number) o).doubleValue(); }

    public static void registerAll(OperatorRegistry r) {
        String opts = ", *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None";
        String longOpts = ", *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None";
        r.register("aten::uniform_(Tensor(a!) self, float from=0., float to=1., *, Generator? generator=None) -> Tensor(a!)",
                a -> uniform_((Tensor) a[0], d(a[1]), d(a[2])));
        r.register("aten::normal_(Tensor(a!) self, float mean=0., float std=1., *, Generator? generator=None) -> Tensor(a!)",
                a -> normal_((Tensor) a[0], d(a[1]), d(a[2])));
        r.register("aten::bernoulli_.float(Tensor(a!) self, float p=0.5, *, Generator? generator=None) -> Tensor(a!)",
                a -> bernoulli_((Tensor) a[0], d(a[1])));
        r.register("aten::randn(int[] size" + opts + ") -> Tensor", a -> randn(shape(a[0]), floating(a[1])));
        r.register("aten::rand(int[] size" + opts + ") -> Tensor", a -> rand(shape(a[0]), floating(a[1])));
        r.register("aten::randint(int high, int[] size" + longOpts + ") -> Tensor",
                a -> randint(0, (Long) a[0], shape(a[1]), dtypeOr(a[2], DType.INT64)));
        r.register("aten::randint.low(int low, int high, int[] size" + longOpts + ") -> Tensor",
                a -> randint((Long) a[0], (Long) a[1], shape(a[2]), dtypeOr(a[3], DType.INT64)));
        r.register("aten::randperm(int n" + longOpts + ") -> Tensor", a -> randperm((int) (long) (Long) a[0], dtypeOr(a[1], DType.INT64)));
        String likeOpts = opts + ", MemoryFormat? memory_format=None";
        r.register("aten::randn_like(Tensor self" + likeOpts + ") -> Tensor",
                a -> randn(((Tensor) a[0]).shape(), dtypeOr(a[1], ((Tensor) a[0]).dtype())));
        r.register("aten::rand_like(Tensor self" + likeOpts + ") -> Tensor",
                a -> rand(((Tensor) a[0]).shape(), dtypeOr(a[1], ((Tensor) a[0]).dtype())));
    }
}
