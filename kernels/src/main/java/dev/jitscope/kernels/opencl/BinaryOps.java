package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.cpu.ElementwiseKernels.Binary;
import dev.jitscope.kernels.cpu.Strided;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** Broadcasting binary arithmetic on float32 device tensors (binary.cl). */
public final class BinaryOps {
    private BinaryOps() { }

    private static final String RESOURCE = "binary.cl";
    private static final Map<Binary, String> EXPRESSIONS = new EnumMap<>(Binary.class);
    static {
        EXPRESSIONS.put(Binary.ADD, "a + alpha * b");
        EXPRESSIONS.put(Binary.SUB, "a - alpha * b");
        EXPRESSIONS.put(Binary.MUL, "a * b");
        EXPRESSIONS.put(Binary.DIV, "a / b");
        EXPRESSIONS.put(Binary.MAXIMUM, "(isnan(a) || isnan(b) ? NAN : fmax(a, b))");
        EXPRESSIONS.put(Binary.MINIMUM, "(isnan(a) || isnan(b) ? NAN : fmin(a, b))");
        EXPRESSIONS.put(Binary.POW, "pow(a, b)");
        EXPRESSIONS.put(Binary.ATAN2, "atan2(a, b)");
    }

    public static boolean supports(Binary op) { return EXPRESSIONS.containsKey(op); }

    /** Every op instantiated in one program: "BINARY(add, ...)" lines after binary.cl's macro. */
    static final String FOOTER = generateFooter();

    private static String generateFooter() {
        StringBuilder sb = new StringBuilder("\n");
        EXPRESSIONS.forEach((op, e) -> sb.append("BINARY(").append(op.name().toLowerCase()).append(", ").append(e).append(")\n"));
        return sb.toString();
    }

    private static String kernelName(Binary op, String variant) {
        if (!EXPRESSIONS.containsKey(op)) throw new JitScopeException("no OpenCL kernel for binary " + op.name().toLowerCase());
        return op.name().toLowerCase() + "_" + variant;
    }

    public static DeviceTensor add(OpenClContext ctx, DeviceTensor a, DeviceTensor b, double alpha) { return apply(ctx, Binary.ADD, a, b, alpha); }
    public static DeviceTensor sub(OpenClContext ctx, DeviceTensor a, DeviceTensor b, double alpha) { return apply(ctx, Binary.SUB, a, b, alpha); }
    public static DeviceTensor mul(OpenClContext ctx, DeviceTensor a, DeviceTensor b) { return apply(ctx, Binary.MUL, a, b, 1); }
    public static DeviceTensor div(OpenClContext ctx, DeviceTensor a, DeviceTensor b) { return apply(ctx, Binary.DIV, a, b, 1); }

    /** a op b with NumPy broadcasting; alpha scales b for ADD and SUB. */
    public static DeviceTensor apply(OpenClContext ctx, Binary op, DeviceTensor a, DeviceTensor b, double alpha) {
        Launch.sameDevice(ctx, a, b);
        int[] shape = Strided.broadcastShapes(a.shape(), b.shape());
        DeviceTensor out = ctx.allocate(shape);
        int n = out.numel();
        if (Arrays.equals(a.shape(), b.shape())) {
            String k = kernelName(op, "same");
            ctx.launch(k, ctx.kernel(RESOURCE, "", FOOTER, k), Launch.global(n), Launch.group(),
                    a, b, out, n, (float) alpha);
        } else {
            String k = kernelName(op, "broadcast");
            ctx.launch(k, ctx.kernel(RESOURCE, "", FOOTER, k), Launch.global(n), Launch.group(),
                    a, b, out, n, (float) alpha, shape.length, shape, broadcastStrides(a.shape(), shape), broadcastStrides(b.shape(), shape));
        }
        return out;
    }

    /** a op scalar (the scalar on the right). */
    public static DeviceTensor apply(OpenClContext ctx, Binary op, DeviceTensor a, double scalar, double alpha) {
        Launch.sameDevice(ctx, a);
        DeviceTensor out = ctx.allocate(a.shape());
        int n = out.numel();
        String k = kernelName(op, "scalar");
        ctx.launch(k, ctx.kernel(RESOURCE, "", FOOTER, k), Launch.global(n), Launch.group(),
                a, (float) scalar, out, n, (float) alpha);
        return out;
    }

    /** Contiguous strides of {@code shape} right-aligned to {@code target}, 0 where broadcast. */
    static int[] broadcastStrides(int[] shape, int[] target) {
        int[] s = new int[target.length];
        int stride = 1;
        for (int d = target.length - 1, k = shape.length - 1; d >= 0; d--, k--) {
            if (k < 0) { s[d] = 0; continue; }
            s[d] = shape[k] == 1 && target[d] != 1 ? 0 : stride;
            stride *= shape[k];
        }
        return s;
    }
}
