package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.kernels.cpu.Parallel;
import dev.jitscope.kernels.cpu.UnaryKernels;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a prim::FusionGroup (what the optimizer's fuse-elementwise pass makes) as one loop over the
 * output elements: per element, every operator of the group's "Subgraph" is evaluated on doubles held
 * in a small register file, so intermediates never become tensors. Each result is rounded to float
 * after each operator, as the unfused float32 kernels round.
 * <p>The loop applies when every tensor input is float32 and broadcasts to one shape that is also the
 * shape of every output; anything else (other dtypes, an operator form the loop does not know,
 * outputs of a smaller shape) runs the subgraph operator by operator with the interpreter, which gives
 * the same results, only slower.
 */
final class FusedElementwise {
    private FusedElementwise() { }

    static final String SUBGRAPH = "Subgraph";
    private static final int GRAIN = 1 << 12;

    /** Whether {@code sub} runs as one loop (for float32 tensors); otherwise it runs op by op. */
    static boolean compilesToOneLoop(Graph sub) { return Loop.compile(sub) != null; }

    /** The instruction body of a prim::FusionGroup node. */
    static Interpreter.Body body(Node group) { return body(group, null); }

    /** As {@link #body(Node)}, trying a backend's compiled kernel first (where it has one and takes the arguments). */
    static Interpreter.Body body(Node group, FusionGroupCompiler backend) {
        if (!(group.attr(SUBGRAPH) instanceof Graph sub))
            return (it, r, i, o) -> { throw new dev.jitscope.diag.JitScopeException("prim::FusionGroup without a Subgraph attribute", group.range()); };
        Loop loop = Loop.compile(sub);
        FusionGroupCompiler.FusedKernel device = backend == null ? null : backend.compile(group, sub);
        return (it, r, i, o) -> {
            Object[] args = new Object[i.length];
            for (int k = 0; k < i.length; k++) args[k] = r[i[k]];
            Object[] res = device == null ? null : device.run(args);
            if (res == null && loop != null) res = loop.run(args);
            if (res == null) res = it.code(sub).invoke(it, args).toArray();
            for (int k = 0; k < o.length; k++) r[o[k]] = res[k];
        };
    }

    /** One operator of the loop body: reads registers {@code a}, {@code b}, {@code c}, writes {@code dst}. */
    private record Step(String kind, UnaryKernels.Op unary, int dst, int a, int b, int c) { }

    /** The compiled subgraph: register numbering, constants, steps, and which registers are inputs and outputs. */
    private static final class Loop {
        final int nRegs;
        final int[] inputRegs, outputRegs;
        final Map<Integer, Double> constants;
        final Step[] steps;

        private Loop(int nRegs, int[] inputRegs, int[] outputRegs, Map<Integer, Double> constants, Step[] steps) {
            this.nRegs = nRegs;
            this.inputRegs = inputRegs;
            this.outputRegs = outputRegs;
            this.constants = constants;
            this.steps = steps;
        }

        /** Null when some operator (or operator form) is not one the loop evaluates. */
        static Loop compile(Graph sub) {
            Map<Value, Integer> reg = new IdentityHashMap<>();
            for (Value v : sub.inputs()) reg.put(v, reg.size());
            Map<Integer, Double> constants = new java.util.HashMap<>();
            Map<Value, Object> constantValues = new IdentityHashMap<>();
            List<Step> steps = new ArrayList<>();
            for (Node n : sub.block().nodes()) {
                if (n.kind().equals(Node.CONSTANT)) {
                    Object v = n.attr("value");
                    constantValues.put(n.output(), v);
                    if (v instanceof Number num) { reg.put(n.output(), reg.size()); constants.put(reg.get(n.output()), num.doubleValue()); }
                    else if (v instanceof Boolean bo) { reg.put(n.output(), reg.size()); constants.put(reg.get(n.output()), bo ? 1.0 : 0.0); }
                    continue;
                }
                if (n.outputs().size() != 1 || !n.blocks().isEmpty()) return null;
                Step s = step(n, reg, constantValues);
                if (s == null) return null;
                steps.add(s);
            }
            int[] outs = new int[sub.outputs().size()];
            for (int k = 0; k < outs.length; k++) {
                Integer r = reg.get(sub.outputs().get(k));
                if (r == null) return null;
                outs[k] = r;
            }
            int[] ins = new int[sub.inputs().size()];
            for (int k = 0; k < ins.length; k++) ins[k] = k;
            return new Loop(reg.size(), ins, outs, constants, steps.toArray(new Step[0]));
        }

        private static Step step(Node n, Map<Value, Integer> reg, Map<Value, Object> constants) {
            String k = n.kind();
            int argc = n.inputs().size();
            int[] a = new int[3];
            Arrays.fill(a, -1);
            UnaryKernels.Op unary = null;
            switch (k) {
                case "aten::add", "aten::sub" -> { if (argc != 2 && argc != 3) return null; }   // alpha defaults to 1
                case "aten::mul", "aten::maximum", "aten::minimum" -> { if (argc != 2) return null; }
                case "aten::div" -> { if (argc != 2) return null; }
                case "aten::pow" -> { if (argc != 2) return null; }
                case "aten::leaky_relu" -> { if (argc != 2) return null; unary = UnaryKernels.Op.LEAKY_RELU; }
                case "aten::hardtanh" -> { if (argc != 3) return null; unary = UnaryKernels.Op.HARDTANH; }
                case "aten::clamp" -> {
                    // None bounds are open; tensor bounds are another overload
                    if (argc != 3) return null;
                    unary = UnaryKernels.Op.CLAMP;
                }
                case "aten::gelu" -> {
                    Object mode = argc == 1 ? "none" : constants.get(n.input(1));
                    if ("none".equals(mode)) unary = UnaryKernels.Op.GELU;
                    else if ("tanh".equals(mode)) unary = UnaryKernels.Op.GELU_TANH;
                    else return null;
                    argc = 1;
                }
                default -> {
                    unary = UNARY.get(k);
                    if (unary == null || argc != 1) return null;
                }
            }
            for (int i = 0; i < argc; i++) {
                Value in = n.input(i);
                Integer r = reg.get(in);
                if (r == null) {
                    // a None clamp bound
                    if (k.equals("aten::clamp") && constants.containsKey(in) && constants.get(in) == null) { a[i] = i == 1 ? -2 : -3; continue; }
                    return null;
                }
                a[i] = r;
            }
            reg.put(n.output(), reg.size());
            return new Step(k, unary, reg.get(n.output()), a[0], a[1], a[2]);
        }

        private static final Map<String, UnaryKernels.Op> UNARY = Map.ofEntries(
                Map.entry("aten::neg", UnaryKernels.Op.NEG), Map.entry("aten::relu", UnaryKernels.Op.RELU),
                Map.entry("aten::sigmoid", UnaryKernels.Op.SIGMOID), Map.entry("aten::tanh", UnaryKernels.Op.TANH),
                Map.entry("aten::exp", UnaryKernels.Op.EXP), Map.entry("aten::log", UnaryKernels.Op.LOG),
                Map.entry("aten::sqrt", UnaryKernels.Op.SQRT), Map.entry("aten::rsqrt", UnaryKernels.Op.RSQRT),
                Map.entry("aten::abs", UnaryKernels.Op.ABS), Map.entry("aten::reciprocal", UnaryKernels.Op.RECIPROCAL),
                Map.entry("aten::sin", UnaryKernels.Op.SIN), Map.entry("aten::cos", UnaryKernels.Op.COS),
                Map.entry("aten::erf", UnaryKernels.Op.ERF), Map.entry("aten::silu", UnaryKernels.Op.SILU),
                Map.entry("aten::hardswish", UnaryKernels.Op.HARDSWISH), Map.entry("aten::hardsigmoid", UnaryKernels.Op.HARDSIGMOID));

        /** The outputs, or null when the loop does not apply to these arguments (then the caller falls back). */
        Object[] run(Object[] args) {
            List<int[]> shapes = new ArrayList<>();
            for (Object x : args) {
                if (x instanceof Tensor t) {
                    if (t.dtype() != DType.FLOAT32) return null;
                    shapes.add(t.shape());
                } else if (!(x instanceof Long || x instanceof Double || x instanceof Boolean)) return null;
            }
            if (shapes.isEmpty()) return null;
            int[] shape = broadcast(shapes);
            if (shape == null) return null;
            if (!outputsHaveFullShape(args, shape)) return null;
            int n = Tensor.numel(shape);

            double[] scalars = new double[nRegs];
            Tensor[] tensors = new Tensor[nRegs];
            for (var e : constants.entrySet()) scalars[e.getKey()] = e.getValue();
            for (int k = 0; k < args.length; k++) {
                Object x = args[k];
                if (x instanceof Tensor t) tensors[inputRegs[k]] = t;
                else scalars[inputRegs[k]] = x instanceof Boolean b ? (b ? 1 : 0) : ((Number) x).doubleValue();
            }
            int[][] strides = new int[nRegs][];
            for (int r = 0; r < nRegs; r++) if (tensors[r] != null) strides[r] = broadcastStrides(tensors[r], shape);

            float[][] results = new float[outputRegs.length][n];
            Parallel.forRange(n, GRAIN, (lo, hi) -> {
                double[] regs = new double[nRegs];
                int[] index = new int[shape.length];
                unravel(lo, shape, index);
                for (int e = lo; e < hi; e++) {
                    System.arraycopy(scalars, 0, regs, 0, nRegs);
                    for (int r = 0; r < nRegs; r++) {
                        Tensor t = tensors[r];
                        if (t == null) continue;
                        int pos = t.offset();
                        int[] st = strides[r];
                        for (int d = 0; d < index.length; d++) pos += index[d] * st[d];
                        regs[r] = t.storage().floats()[pos];
                    }
                    for (Step s : steps) regs[s.dst] = (float) apply(s, regs);
                    for (int k = 0; k < outputRegs.length; k++) results[k][e] = (float) regs[outputRegs[k]];
                    increment(index, shape);
                }
            });
            Object[] out = new Object[outputRegs.length];
            for (int k = 0; k < out.length; k++) out[k] = Tensor.contiguous(Storage.wrap(results[k]), shape.clone());
            return out;
        }

        private static double apply(Step s, double[] r) {
            double x = r[s.a];
            return switch (s.kind) {
                case "aten::add" -> x + (s.c < 0 ? 1 : r[s.c]) * r[s.b];
                case "aten::sub" -> x - (s.c < 0 ? 1 : r[s.c]) * r[s.b];
                case "aten::mul" -> x * r[s.b];
                case "aten::div" -> x / r[s.b];
                case "aten::pow" -> Math.pow(x, r[s.b]);
                case "aten::maximum" -> Double.isNaN(x) || Double.isNaN(r[s.b]) ? Double.NaN : Math.max(x, r[s.b]);
                case "aten::minimum" -> Double.isNaN(x) || Double.isNaN(r[s.b]) ? Double.NaN : Math.min(x, r[s.b]);
                case "aten::leaky_relu" -> x > 0 ? x : x * r[s.b];
                case "aten::hardtanh" -> Double.isNaN(x) ? x : Math.min(Math.max(x, r[s.b]), r[s.c]);
                case "aten::clamp" -> {
                    double lo = s.b == -2 ? Double.NEGATIVE_INFINITY : r[s.b], hi = s.c == -3 ? Double.POSITIVE_INFINITY : r[s.c];
                    yield Double.isNaN(x) ? x : Math.min(Math.max(x, lo), hi);
                }
                default -> UnaryKernels.applyD(s.unary, x, 0, 0);
            };
        }

        /** Every output's own broadcast shape must be the full one, or it would come out too big. */
        private boolean outputsHaveFullShape(Object[] args, int[] full) {
            int[][] shapes = new int[nRegs][];
            for (int k = 0; k < args.length; k++) shapes[inputRegs[k]] = args[k] instanceof Tensor t ? t.shape() : null;
            for (Step s : steps) {
                List<int[]> ins = new ArrayList<>();
                for (int r : new int[] {s.a, s.b, s.c}) if (r >= 0 && shapes[r] != null) ins.add(shapes[r]);
                shapes[s.dst] = ins.isEmpty() ? null : broadcast(ins);
            }
            for (int r : outputRegs) if (shapes[r] == null || !Arrays.equals(shapes[r], full)) return false;
            return true;
        }
    }

    static int[] broadcast(List<int[]> shapes) {
        int rank = 0;
        for (int[] s : shapes) rank = Math.max(rank, s.length);
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes)
            for (int i = 0; i < s.length; i++) {
                int d = rank - s.length + i;
                if (s[i] == out[d] || s[i] == 1) continue;
                if (out[d] != 1) return null;
                out[d] = s[i];
            }
        return out;
    }

    /** Strides that read {@code t} at an index of the broadcast shape (0 along broadcast dims). */
    private static int[] broadcastStrides(Tensor t, int[] shape) {
        int[] st = new int[shape.length];
        int lead = shape.length - t.dim();
        for (int i = 0; i < t.dim(); i++) st[lead + i] = t.shape()[i] == 1 ? 0 : t.strides()[i];
        return st;
    }

    private static void unravel(int flat, int[] shape, int[] index) {
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    private static void increment(int[] index, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) return;
            index[d] = 0;
        }
    }
}
