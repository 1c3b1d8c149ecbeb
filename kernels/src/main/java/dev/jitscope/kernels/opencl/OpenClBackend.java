package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.cpu.ElementwiseKernels.Binary;
import dev.jitscope.kernels.cpu.UnaryKernels.Op;
import dev.jitscope.runtime.Kernel;
import dev.jitscope.runtime.OpSchema;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import org.jocl.CLException;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs graphs on an OpenCL device through the ordinary {@link dev.jitscope.runtime.Interpreter}: it
 * derives an {@link OperatorRegistry} from a base registry in which the operators that have an
 * OpenCL kernel run on the device when their tensors are float32, and every other operator (or
 * argument combination) runs on the host, reported once per operator name.
 * <pre>
 * try (OpenClBackend cl = OpenClBackend.open("opencl")) {
 *     List&lt;Object&gt; out = new Interpreter(cl.registry()).run(graph, inputs);
 * }
 * </pre>
 * Values between nodes stay host Tensors (read back after every device node), but their device
 * copies are kept (see {@link DeviceResidency}), so a chain of device nodes uploads only its
 * graph inputs and weights, and weights only on the first run.
 * <p>A prim::FusionGroup (the fuse-elementwise pass's) runs as one generated kernel
 * ({@link FusedGroupKernels}, through the registry's {@link dev.jitscope.runtime.FusionGroupCompiler}):
 * its intermediates never leave the work item.
 */
public final class OpenClBackend implements AutoCloseable {
    /** Device memory kept for resident copies of host tensors, unless told otherwise. */
    public static final long DEFAULT_RESIDENCY_BYTES = 512L << 20;

    /** A device implementation of one overload; returns null when the arguments need the host kernel. */
    @FunctionalInterface
    interface DeviceKernel {
        DeviceTensor run(OpenClBackend b, Object[] args);
    }

    private static final Map<String, DeviceKernel> DEVICE_KERNELS = new HashMap<>();
    /** In-place overload → the functional overload with the same arguments whose device kernel computes it. */
    private static final Map<String, String> IN_PLACE = new HashMap<>();

    private final OpenClContext ctx;
    private final boolean ownsContext;
    private final DeviceResidency residency;
    private final OperatorRegistry registry;
    private final Set<String> hostOps = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> deviceOps = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Consumer<String> fallbackReporter;

    public OpenClBackend(OpenClContext ctx, OperatorRegistry base, long residencyBytes, Consumer<String> fallbackReporter) {
        this(ctx, false, base, residencyBytes, fallbackReporter);
    }

    private OpenClBackend(OpenClContext ctx, boolean ownsContext, OperatorRegistry base, long residencyBytes, Consumer<String> fallbackReporter) {
        this.ctx = ctx;
        this.ownsContext = ownsContext;
        this.residency = new DeviceResidency(ctx, residencyBytes);
        this.fallbackReporter = fallbackReporter;
        this.registry = derive(base);
        registry.setFusionGroupCompiler(new FusedGroupKernels(this, new FusedKernelSource()));
    }

    /** A backend on "opencl" / "opencl:N" over the built-in operators; host fallbacks go to System.Logger "dev.jitscope.opencl". */
    public static OpenClBackend open(String deviceSpec) {
        System.Logger log = System.getLogger("dev.jitscope.opencl");
        return new OpenClBackend(OpenClContext.open(deviceSpec), true, OperatorRegistry.global(), DEFAULT_RESIDENCY_BYTES,
                op -> log.log(System.Logger.Level.INFO, "OpenCL: " + op + " has no OpenCL kernel, running it on the host"));
    }

    public OpenClContext context() { return ctx; }

    /** The registry to give an Interpreter. */
    public OperatorRegistry registry() { return registry; }

    /** Operator names (aten::...) that ran on the host so far, in first-seen order. */
    public Set<String> hostFallbacks() { synchronized (hostOps) { return new LinkedHashSet<>(hostOps); } }

    /** Operator names that ran on the device so far. */
    public Set<String> deviceOps() { synchronized (deviceOps) { return new LinkedHashSet<>(deviceOps); } }

    /** Whether an overload ("aten::add.Tensor", "aten::relu") has an OpenCL kernel (for float32 tensors). */
    public static boolean hasDeviceKernel(String qualifiedName) { return DEVICE_KERNELS.containsKey(qualifiedName); }

    private OperatorRegistry derive(OperatorRegistry base) {
        OperatorRegistry r = new OperatorRegistry();
        for (String name : base.names()) {
            for (OperatorRegistry.Entry e : base.overloads(name)) {
                OpSchema s = e.schema();
                DeviceKernel dk = DEVICE_KERNELS.get(s.qualifiedName());
                String functional = IN_PLACE.get(s.qualifiedName());
                Kernel k;
                if (dk != null) k = deviceKernel(s, dk, e.kernel());
                else if (functional != null) k = inPlaceKernel(s, DEVICE_KERNELS.get(functional), e.kernel());
                else k = hostKernel(s, e.kernel());
                r.register(s.toString(), k);
            }
        }
        return r;
    }

    private Kernel hostKernel(OpSchema s, Kernel host) {
        // only aten operators with tensor results are worth reporting; prim, scalar and size queries are the host's anyway
        if (!s.name().startsWith("aten::") || s.returns().stream().noneMatch(t -> t.contains("Tensor"))) return host;
        boolean writes = s.schema().isMutable();
        return args -> {
            reportHost(s.name());
            if (writes) for (Object a : args) if (a instanceof Tensor t) residency.forget(t);
            return host.run(args);
        };
    }

    private Kernel deviceKernel(OpSchema s, DeviceKernel dk, Kernel host) {
        return args -> {
            if (!allFloat32(args)) {
                reportHost(s.name() + " (non-float32 tensors)");
                return host.run(args);
            }
            DeviceTensor out;
            try {
                out = dk.run(this, args);
            } catch (CLException e) {
                throw new JitScopeException("OpenCL " + s.name() + " failed on " + ctx.device().describe() + ": " + e.getMessage());
            }
            if (out == null) {
                reportHost(s.name() + " (these arguments)");
                return host.run(args);
            }
            deviceOps.add(s.name());
            Tensor result = ctx.download(out);
            residency.put(result, out);
            residency.trim();
            return result;
        };
    }

    /**
     * self.op_(...) on the device: the functional kernel computes the result, which is read back into
     * self's own storage and becomes self's device copy. Only for a float32 self that is contiguous
     * and owns its whole storage, and whose shape the operation keeps; otherwise the host kernel.
     */
    private Kernel inPlaceKernel(OpSchema s, DeviceKernel functional, Kernel host) {
        return args -> {
            Tensor self = (Tensor) args[0];
            boolean eligible = allFloat32(args) && self.isContiguous() && self.offset() == 0 && self.storage().length() == self.numel();
            DeviceTensor out = null;
            if (eligible) {
                try {
                    out = functional.run(this, args);
                } catch (CLException e) {
                    throw new JitScopeException("OpenCL " + s.name() + " failed on " + ctx.device().describe() + ": " + e.getMessage());
                }
                if (out != null && !java.util.Arrays.equals(out.shape(), self.shape())) {
                    out.close();
                    out = null;
                }
            }
            if (out == null) {
                reportHost(s.name() + (eligible ? " (these arguments)" : " (a view or non-float32 self)"));
                residency.forget(self);
                return host.run(args);
            }
            deviceOps.add(s.name());
            ctx.downloadInto(out, self.storage().floats());
            residency.forget(self);
            residency.put(self, out);
            residency.trim();
            return self;
        };
    }

    /** Each distinct label goes to the reporter once. */
    void reportHost(String label) {
        if (hostOps.add(label)) fallbackReporter.accept(label);
    }

    void ranOnDevice(String op) { deviceOps.add(op); }

    /** Reads a device result back as a host tensor whose device copy stays resident for the next device node. */
    Tensor keepResident(DeviceTensor out) {
        Tensor result = ctx.download(out);
        residency.put(result, out);
        residency.trim();
        return result;
    }

    private static boolean allFloat32(Object[] args) {
        for (Object a : args) if (a instanceof Tensor t && t.dtype() != DType.FLOAT32) return false;
        return true;
    }

    DeviceTensor dev(Object o) { return o == null ? null : residency.get((Tensor) o); }

    @Override public void close() {
        residency.close();
        if (ownsContext) ctx.close();
    }

    // ---------------------------------------------------------------- argument helpers

    private static double num(Object o) { return o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue(); }
    private static int[] ints(Object o) {
        if (o instanceof Long l) return new int[]{(int) (long) l};
        List<?> l = (List<?>) o;
        int[] a = new int[l.size()];
        for (int k = 0; k < a.length; k++) a[k] = (int) (long) (Long) l.get(k);
        return a;
    }

    // ---------------------------------------------------------------- the device overloads

    private static void put(String qualifiedName, DeviceKernel k) { DEVICE_KERNELS.put(qualifiedName, k); }

    static {
        for (Object[] c : new Object[][]{{"add", Binary.ADD}, {"sub", Binary.SUB}, {"mul", Binary.MUL}, {"div", Binary.DIV}}) {
            String name = (String) c[0];
            Binary op = (Binary) c[1];
            boolean alpha = op == Binary.ADD || op == Binary.SUB;
            put("aten::" + name + ".Tensor", (b, a) -> BinaryOps.apply(b.ctx, op, b.dev(a[0]), b.dev(a[1]), alpha ? num(a[2]) : 1));
            put("aten::" + name + ".Scalar", (b, a) -> BinaryOps.apply(b.ctx, op, b.dev(a[0]), num(a[1]), alpha ? num(a[2]) : 1));
        }
        put("aten::maximum", (b, a) -> BinaryOps.apply(b.ctx, Binary.MAXIMUM, b.dev(a[0]), b.dev(a[1]), 1));
        put("aten::minimum", (b, a) -> BinaryOps.apply(b.ctx, Binary.MINIMUM, b.dev(a[0]), b.dev(a[1]), 1));
        put("aten::pow.Tensor_Tensor", (b, a) -> BinaryOps.apply(b.ctx, Binary.POW, b.dev(a[0]), b.dev(a[1]), 1));
        put("aten::pow.Tensor_Scalar", (b, a) -> BinaryOps.apply(b.ctx, Binary.POW, b.dev(a[0]), num(a[1]), 1));

        for (Op op : new Op[]{Op.NEG, Op.ABS, Op.EXP, Op.LOG, Op.SQRT, Op.RSQRT, Op.RECIPROCAL, Op.SIN, Op.COS, Op.TANH, Op.SIGMOID,
                Op.ERF, Op.FLOOR, Op.CEIL, Op.RELU, Op.SILU, Op.MISH, Op.HARDSWISH, Op.HARDSIGMOID, Op.RELU6}) {
            put("aten::" + op.name().toLowerCase(), (b, a) -> UnaryOps.apply(b.ctx, op, b.dev(a[0])));
        }
        put("aten::gelu", (b, a) -> UnaryOps.apply(b.ctx, "tanh".equals(a[1]) ? Op.GELU_TANH : Op.GELU, b.dev(a[0])));
        put("aten::leaky_relu", (b, a) -> UnaryOps.apply(b.ctx, Op.LEAKY_RELU, b.dev(a[0]), num(a[1]), 0));
        put("aten::hardtanh", (b, a) -> UnaryOps.apply(b.ctx, Op.HARDTANH, b.dev(a[0]), num(a[1]), num(a[2])));
        put("aten::elu", (b, a) -> num(a[2]) != 1 || num(a[3]) != 1 ? null : UnaryOps.apply(b.ctx, Op.ELU, b.dev(a[0]), num(a[1]), 0));
        put("aten::clamp", (b, a) -> UnaryOps.apply(b.ctx, Op.CLAMP, b.dev(a[0]),
                a[1] == null ? Double.NEGATIVE_INFINITY : num(a[1]), a[2] == null ? Double.POSITIVE_INFINITY : num(a[2])));

        for (String name : new String[]{"add", "sub", "mul", "div"}) {
            IN_PLACE.put("aten::" + name + "_.Tensor", "aten::" + name + ".Tensor");
            IN_PLACE.put("aten::" + name + "_.Scalar", "aten::" + name + ".Scalar");
        }
        for (String name : new String[]{"relu", "sigmoid", "tanh", "hardswish", "silu", "hardtanh", "leaky_relu", "clamp"})
            IN_PLACE.put("aten::" + name + "_", "aten::" + name);

        put("aten::softmax.int", (b, a) -> a[2] != null ? null : SoftmaxOps.softmax(b.ctx, b.dev(a[0]), (int) num(a[1])));
        put("aten::log_softmax.int", (b, a) -> a[2] != null ? null : SoftmaxOps.logSoftmax(b.ctx, b.dev(a[0]), (int) num(a[1])));
        put("aten::sum", (b, a) -> a[1] != null ? null : ReductionOps.sum(b.ctx, b.dev(a[0]), null, false));
        put("aten::mean", (b, a) -> a[1] != null ? null : ReductionOps.mean(b.ctx, b.dev(a[0]), null, false));
        put("aten::sum.dim_IntList", (b, a) -> a[3] != null ? null : ReductionOps.sum(b.ctx, b.dev(a[0]), a[1] == null ? null : ints(a[1]), (Boolean) a[2]));
        put("aten::mean.dim", (b, a) -> a[3] != null ? null : ReductionOps.mean(b.ctx, b.dev(a[0]), a[1] == null ? null : ints(a[1]), (Boolean) a[2]));

        put("aten::mm", (b, a) -> MatmulOps.mm(b.ctx, b.dev(a[0]), b.dev(a[1])));
        put("aten::bmm", (b, a) -> MatmulOps.matmul(b.ctx, b.dev(a[0]), b.dev(a[1])));
        put("aten::matmul", (b, a) -> {
            Tensor x = (Tensor) a[0], y = (Tensor) a[1];
            if (x.dim() < 2 || y.dim() < 2) return null;
            int bx = x.dim() - 2, by = y.dim() - 2;
            boolean sameBatch = bx == by && java.util.Arrays.equals(java.util.Arrays.copyOf(x.shape(), bx), java.util.Arrays.copyOf(y.shape(), by));
            if (!(by == 0 || bx == 0 || sameBatch)) return null;
            return MatmulOps.matmul(b.ctx, b.dev(x), b.dev(y));
        });
        put("aten::addmm", (b, a) -> num(a[3]) != 1 || num(a[4]) != 1 || ((Tensor) a[0]).dim() != 1 || ((Tensor) a[1]).dim() != 2
                || ((Tensor) a[2]).dim() != 2 ? null : MatmulOps.addmm(b.ctx, b.dev(a[0]), b.dev(a[1]), b.dev(a[2])));
        put("aten::linear", (b, a) -> ((Tensor) a[0]).dim() == 0 ? null : MatmulOps.linear(b.ctx, b.dev(a[0]), b.dev(a[1]), b.dev(a[2])));
        put("aten::conv2d", (b, a) -> ((Tensor) a[0]).dim() != 4 ? null
                : ConvolutionOps.conv2d(b.ctx, b.dev(a[0]), b.dev(a[1]), b.dev(a[2]), ints(a[3]), ints(a[4]), ints(a[5]), (int) num(a[6])));
        put("aten::max_pool2d", (b, a) -> PoolingOps.maxPool2d(b.ctx, b.dev(a[0]), ints(a[1]), ints(a[2]), ints(a[3]), ints(a[4]), (Boolean) a[5]));
        put("aten::avg_pool2d", (b, a) -> PoolingOps.avgPool2d(b.ctx, b.dev(a[0]), ints(a[1]), ints(a[2]), ints(a[3]), (Boolean) a[4], (Boolean) a[5],
                a[6] == null ? null : (int) num(a[6])));
        put("aten::adaptive_avg_pool2d", (b, a) -> PoolingOps.adaptiveAvgPool2d(b.ctx, b.dev(a[0]), ints(a[1])));
        put("aten::batch_norm", (b, a) -> (Boolean) a[5] || a[3] == null || a[4] == null ? null
                : NormalizationOps.batchNorm(b.ctx, b.dev(a[0]), b.dev(a[1]), b.dev(a[2]), b.dev(a[3]), b.dev(a[4]), num(a[7])));
        put("aten::layer_norm", (b, a) -> NormalizationOps.layerNorm(b.ctx, b.dev(a[0]), ints(a[1]), b.dev(a[2]), b.dev(a[3]), num(a[4])));
    }
}
