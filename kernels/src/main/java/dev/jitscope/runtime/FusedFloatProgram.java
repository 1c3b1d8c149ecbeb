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
 * A prim::FusionGroup's subgraph compiled once into a flat program of float32 array operations, run
 * block by block over the output: each operator's inner loop is a tight loop over primitive arrays
 * (which the JIT vectorises), intermediates live in a few cache-sized scratch blocks, and memory is
 * read and written once. Results round as the unfused float32 kernels round: every operator computes
 * in float (transcendental ones in double, rounded to float), scalar operands are cast to float first.
 * <p>Registers: graph inputs first, then constants, then one per operator result. Which registers
 * are scalars (Python numbers, constants, one-element tensors) and which are blocks is decided per
 * call from the arguments; operators on scalars alone are evaluated once per call.
 */
final class FusedFloatProgram {
    /** Elements per block: small enough that a group's scratch blocks stay in L1/L2. */
    static final int BLOCK = 2048;
    /** Elements below which a chunk is not worth waking the other core. */
    private static final int GRAIN = 1 << 14;

    enum Code { ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, RELU, NEG, ABS, CLAMP, LEAKY_RELU, SQRT, HARDSWISH, HARDSIGMOID, UNARY }

    /** One operator: reads {@code a} (and {@code b}), parameters {@code p1}/{@code p2} (-1: absent), writes {@code dst}. */
    record Instr(Code code, UnaryKernels.Op unary, int dst, int a, int b, int p1, int p2) {
        boolean binary() { return code.ordinal() <= Code.MINIMUM.ordinal(); }
    }

    private final int nRegs, nInputs;
    private final double[] constants;   // by register; NaN-free slots for non-constants are unused
    private final boolean[] isConstant;
    private final Instr[] program;
    private final int[] outputRegs;

    private FusedFloatProgram(int nRegs, int nInputs, double[] constants, boolean[] isConstant, Instr[] program, int[] outputRegs) {
        this.nRegs = nRegs;
        this.nInputs = nInputs;
        this.constants = constants;
        this.isConstant = isConstant;
        this.program = program;
        this.outputRegs = outputRegs;
    }

    // ---------------------------------------------------------------- compile

    private static final Map<String, UnaryKernels.Op> TRANSCENDENTAL = Map.ofEntries(
            Map.entry("aten::sigmoid", UnaryKernels.Op.SIGMOID), Map.entry("aten::tanh", UnaryKernels.Op.TANH),
            Map.entry("aten::exp", UnaryKernels.Op.EXP), Map.entry("aten::log", UnaryKernels.Op.LOG),
            Map.entry("aten::rsqrt", UnaryKernels.Op.RSQRT), Map.entry("aten::reciprocal", UnaryKernels.Op.RECIPROCAL),
            Map.entry("aten::sin", UnaryKernels.Op.SIN), Map.entry("aten::cos", UnaryKernels.Op.COS),
            Map.entry("aten::erf", UnaryKernels.Op.ERF), Map.entry("aten::silu", UnaryKernels.Op.SILU));

    private static final Map<String, Code> SIMPLE_UNARY = Map.of(
            "aten::relu", Code.RELU, "aten::neg", Code.NEG, "aten::abs", Code.ABS, "aten::sqrt", Code.SQRT,
            "aten::hardswish", Code.HARDSWISH, "aten::hardsigmoid", Code.HARDSIGMOID);

    private static final Map<String, Code> BINARY = Map.of(
            "aten::add", Code.ADD, "aten::sub", Code.SUB, "aten::mul", Code.MUL, "aten::div", Code.DIV,
            "aten::pow", Code.POW, "aten::maximum", Code.MAXIMUM, "aten::minimum", Code.MINIMUM);

    /** Null when some operator (or operator form) is not one the program knows; the group then runs op by op. */
    static FusedFloatProgram compile(Graph sub) {
        Map<Value, Integer> reg = new IdentityHashMap<>();
        for (Value v : sub.inputs()) reg.put(v, reg.size());
        List<Double> constantValues = new ArrayList<>();
        List<Integer> constantRegs = new ArrayList<>();
        Map<Value, Object> literal = new IdentityHashMap<>();
        List<Node> ops = new ArrayList<>();
        for (Node n : sub.block().nodes()) {
            if (n.kind().equals(Node.CONSTANT)) {
                Object v = n.attr("value");
                literal.put(n.output(), v);
                Double d = v instanceof Number num ? Double.valueOf(num.doubleValue()) : v instanceof Boolean bo ? (bo ? 1.0 : 0.0) : null;
                if (d != null) { constantRegs.add(reg.size()); constantValues.add(d); reg.put(n.output(), reg.size()); }
                continue;
            }
            if (n.outputs().size() != 1 || !n.blocks().isEmpty()) return null;
            ops.add(n);
        }
        List<Instr> program = new ArrayList<>();
        int[] next = {reg.size()};
        for (Node n : ops) if (!emit(n, reg, literal, program, next)) return null;
        int nRegs = next[0];
        double[] constants = new double[nRegs];
        boolean[] isConstant = new boolean[nRegs];
        for (int k = 0; k < constantRegs.size(); k++) { constants[constantRegs.get(k)] = constantValues.get(k); isConstant[constantRegs.get(k)] = true; }
        int[] outs = new int[sub.outputs().size()];
        for (int k = 0; k < outs.length; k++) {
            Integer r = reg.get(sub.outputs().get(k));
            if (r == null) return null;
            outs[k] = r;
        }
        return new FusedFloatProgram(nRegs, sub.inputs().size(), constants, isConstant, program.toArray(new Instr[0]), outs);
    }

    private static boolean emit(Node n, Map<Value, Integer> reg, Map<Value, Object> literal, List<Instr> program, int[] next) {
        // an in-place op in a group writes a temporary nothing else reads (the fusion pass checks): its functional form
        String k = n.kind().endsWith("_") && !n.kind().endsWith("__") ? n.kind().substring(0, n.kind().length() - 1) : n.kind();
        int argc = n.inputs().size();
        int[] r = new int[argc];
        for (int i = 0; i < argc; i++) {
            Integer x = reg.get(n.input(i));
            r[i] = x == null ? -1 : x;
        }
        Code code;
        UnaryKernels.Op unary = null;
        int a = -1, b = -1, p1 = -1, p2 = -1;
        if (BINARY.containsKey(k)) {
            code = BINARY.get(k);
            boolean alpha = (code == Code.ADD || code == Code.SUB) && argc == 3;
            if (argc != 2 && !alpha) return false;
            if (r[0] < 0 || r[1] < 0) return false;
            a = r[0];
            b = r[1];
            if (alpha && !(literal.get(n.input(2)) instanceof Long one && one == 1)) {
                // the unfused kernel scales the other operand first (a float multiply), then adds
                if (r[2] < 0) return false;
                int scaled = next[0]++;
                program.add(new Instr(Code.MUL, null, scaled, b, r[2], -1, -1));
                b = scaled;
            }
        } else if (SIMPLE_UNARY.containsKey(k) || TRANSCENDENTAL.containsKey(k)) {
            if (argc != 1 || r[0] < 0) return false;
            code = SIMPLE_UNARY.getOrDefault(k, Code.UNARY);
            unary = TRANSCENDENTAL.get(k);
            a = r[0];
        } else {
            switch (k) {
                case "aten::leaky_relu" -> { if (argc != 2 || r[1] < 0) return false; code = Code.LEAKY_RELU; p1 = r[1]; }
                case "aten::hardtanh", "aten::clamp" -> {
                    if (argc != 3) return false;
                    code = Code.CLAMP;
                    // a None bound is open; any other non-register bound is a form we do not know
                    for (int i = 1; i <= 2; i++)
                        if (r[i] < 0 && !(literal.containsKey(n.input(i)) && literal.get(n.input(i)) == null && k.equals("aten::clamp"))) return false;
                    p1 = r[1];
                    p2 = r[2];
                }
                case "aten::gelu" -> {
                    Object mode = argc == 1 ? "none" : literal.get(n.input(1));
                    if ("none".equals(mode)) unary = UnaryKernels.Op.GELU;
                    else if ("tanh".equals(mode)) unary = UnaryKernels.Op.GELU_TANH;
                    else return false;
                    code = Code.UNARY;
                }
                default -> { return false; }
            }
            if (r[0] < 0) return false;
            a = r[0];
        }
        int dst = next[0]++;
        reg.put(n.output(), dst);
        program.add(new Instr(code, unary, dst, a, b, p1, p2));
        return true;
    }

    // ---------------------------------------------------------------- run

    /** The outputs, or null when the program does not apply to these arguments (then the caller falls back). */
    Object[] run(Object[] args) {
        if (args.length != nInputs) return null;
        int[][] shapes = new int[nRegs][];
        List<int[]> inputShapes = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            Object x = args[k];
            if (x instanceof Tensor t) {
                if (t.dtype() != DType.FLOAT32) return null;
                shapes[k] = t.shape();
                inputShapes.add(t.shape());
            } else if (!(x instanceof Long || x instanceof Double || x instanceof Boolean)) return null;
        }
        if (inputShapes.isEmpty()) return null;
        int[] shape = FusedElementwise.broadcast(inputShapes);
        if (shape == null || !outputsHaveFullShape(shapes, shape)) return null;
        int n = Tensor.numel(shape);

        // per register: a scalar (value, and whether it is a Python number, kept exact in double) or a block
        boolean[] scalar = new boolean[nRegs], exact = new boolean[nRegs];
        double[] value = constants.clone();
        for (int r = 0; r < nRegs; r++) if (isConstant[r]) { scalar[r] = true; exact[r] = true; }
        Source[] sources = new Source[nInputs];
        for (int k = 0; k < nInputs; k++) {
            Object x = args[k];
            if (x instanceof Tensor t) {
                if (t.numel() == 1) { scalar[k] = true; value[k] = t.getDouble(0); }
                else sources[k] = Source.of(t, shape, n);
            } else {
                scalar[k] = true;
                exact[k] = true;
                value[k] = x instanceof Boolean bo ? (bo ? 1 : 0) : ((Number) x).doubleValue();
            }
        }
        List<Instr> blockProgram = new ArrayList<>();
        for (Instr s : program) {
            if (s.p1 >= 0 && !scalar[s.p1] || s.p2 >= 0 && !scalar[s.p2]) return null;   // tensor bounds: another overload
            if (scalar[s.a] && (!s.binary() || scalar[s.b])) {
                scalar[s.dst] = true;
                exact[s.dst] = s.binary() && exact[s.a] && exact[s.b];
                value[s.dst] = scalarOp(s, value, exact[s.dst]);
            } else blockProgram.add(s);
        }
        float[][] out = new float[outputRegs.length][];
        int[] writesOutput = new int[nRegs];   // 1 + output index written straight by the register's operator
        List<int[]> copies = new ArrayList<>();   // {register, output} copied after each block
        for (int k = 0; k < outputRegs.length; k++) {
            out[k] = dev.jitscope.kernels.cpu.Buffers.floats(n);   // every block writes its part of every output
            int r = outputRegs[k];
            if (r >= nInputs && writesOutput[r] == 0 && !scalar[r]) writesOutput[r] = k + 1;
            else copies.add(new int[] {r, k});
        }
        Instr[] code = blockProgram.toArray(new Instr[0]);
        float[] fvalue = new float[nRegs];
        for (int r = 0; r < nRegs; r++) fvalue[r] = (float) value[r];
        // an output of one-element tensors alone (the full shape has one element) was computed as a scalar
        copies.removeIf(c -> {
            if (scalar[c[0]]) Arrays.fill(out[c[1]], fvalue[c[0]]);
            return scalar[c[0]];
        });

        // NB: chunks of whole blocks keep every block's offsets aligned alike (misaligned, the loops ran ~3x slower)
        Parallel.forRange((n + BLOCK - 1) / BLOCK, GRAIN / BLOCK, (loBlock, hiBlock) -> {
            float[][] scratch = new float[nRegs][];
            float[][] arr = new float[nRegs][];
            int[] off = new int[nRegs];
            int hi = Math.min(n, hiBlock * BLOCK);
            for (int start = loBlock * BLOCK; start < hi; start += BLOCK) {
                int len = Math.min(BLOCK, hi - start);
                for (int k = 0; k < nInputs; k++) {
                    Source src = sources[k];
                    if (src == null) continue;
                    if (src.dense) { arr[k] = src.data; off[k] = src.base + start; continue; }
                    if (scratch[k] == null) scratch[k] = new float[BLOCK];
                    src.gather(start, len, scratch[k]);
                    arr[k] = scratch[k];
                    off[k] = 0;
                }
                for (Instr s : code) {
                    int d = s.dst;
                    if (writesOutput[d] > 0) { arr[d] = out[writesOutput[d] - 1]; off[d] = start; }
                    else { if (scratch[d] == null) scratch[d] = new float[BLOCK]; arr[d] = scratch[d]; off[d] = 0; }
                    if (s.binary()) {
                        if (scalar[s.a]) FloatBlockOps.binaryScalarLeft(s.code, fvalue[s.a], arr[s.b], off[s.b], arr[d], off[d], len);
                        else if (scalar[s.b]) FloatBlockOps.binaryScalarRight(s.code, arr[s.a], off[s.a], fvalue[s.b], arr[d], off[d], len);
                        else FloatBlockOps.binary(s.code, arr[s.a], off[s.a], arr[s.b], off[s.b], arr[d], off[d], len);
                    } else {
                        float p1 = s.p1 >= 0 ? fvalue[s.p1] : Float.NEGATIVE_INFINITY, p2 = s.p2 >= 0 ? fvalue[s.p2] : Float.POSITIVE_INFINITY;
                        FloatBlockOps.unary(s.code, s.unary, arr[s.a], off[s.a], arr[d], off[d], len, p1, p2);
                    }
                }
                for (int[] c : copies) System.arraycopy(arr[c[0]], off[c[0]], out[c[1]], start, len);
            }
        });
        Object[] result = new Object[outputRegs.length];
        for (int k = 0; k < result.length; k++) result[k] = Tensor.contiguous(Storage.wrap(out[k]), shape.clone());
        return result;
    }

    /** An operator on scalars alone: in double between Python numbers (as the unfused alpha product), else in float. */
    private static double scalarOp(Instr s, double[] v, boolean inDouble) {
        if (inDouble) {
            double x = v[s.a], y = v[s.b];
            return switch (s.code) {
                case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case POW -> Math.pow(x, y);
                case MAXIMUM -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
                default -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
            };
        }
        float[] in = {(float) v[s.a]}, other = {s.b >= 0 ? (float) v[s.b] : 0f}, r = new float[1];
        if (s.binary()) FloatBlockOps.binary(s.code, in, 0, other, 0, r, 0, 1);
        else FloatBlockOps.unary(s.code, s.unary, in, 0, r, 0, 1, s.p1 >= 0 ? (float) v[s.p1] : Float.NEGATIVE_INFINITY,
                s.p2 >= 0 ? (float) v[s.p2] : Float.POSITIVE_INFINITY);
        return r[0];
    }

    /** Every output's own broadcast shape must be the full one, or it would come out too big. */
    private boolean outputsHaveFullShape(int[][] inputShapes, int[] full) {
        int[][] shapes = inputShapes.clone();
        for (Instr s : program) {
            List<int[]> ins = new ArrayList<>();
            for (int r : new int[] {s.a, s.b, s.p1, s.p2}) if (r >= 0 && shapes[r] != null) ins.add(shapes[r]);
            shapes[s.dst] = ins.isEmpty() ? null : FusedElementwise.broadcast(ins);
        }
        for (int r : outputRegs) if (shapes[r] == null || !Arrays.equals(shapes[r], full)) return false;
        return true;
    }

    /** Where a block of one tensor input comes from: its own storage (dense in the output's order) or a gather. */
    private static final class Source {
        final boolean dense;
        final float[] data;
        final int base;
        final int[] shape, strides;

        private Source(boolean dense, float[] data, int base, int[] shape, int[] strides) {
            this.dense = dense;
            this.data = data;
            this.base = base;
            this.shape = shape;
            this.strides = strides;
        }

        static Source of(Tensor t, int[] shape, int n) {
            float[] data = t.storage().floats();
            // a contiguous tensor with every element of the output lies in the output's order (only 1s differ)
            if (t.isContiguous() && t.numel() == n) return new Source(true, data, t.offset(), shape, null);
            int[] st = new int[shape.length];
            int lead = shape.length - t.dim();
            for (int i = 0; i < t.dim(); i++) st[lead + i] = t.shape()[i] == 1 ? 0 : t.strides()[i];
            return new Source(false, data, t.offset(), shape, st);
        }

        /** Copies elements [start, start+len) of the broadcast view, in row-major order, into dst[0..len). */
        void gather(int start, int len, float[] dst) {
            int rank = shape.length;
            if (rank == 0) { Arrays.fill(dst, 0, len, data[base]); return; }
            int[] index = new int[rank];
            int flat = start, pos = base;
            for (int d = rank - 1; d >= 0; d--) {
                index[d] = flat % shape[d];
                flat /= shape[d];
                pos += index[d] * strides[d];
            }
            int inner = shape[rank - 1], innerStride = strides[rank - 1];
            int done = 0;
            while (done < len) {
                int run = Math.min(inner - index[rank - 1], len - done);
                if (innerStride == 1) System.arraycopy(data, pos, dst, done, run);
                else if (innerStride == 0) Arrays.fill(dst, done, done + run, data[pos]);
                else for (int i = 0; i < run; i++) dst[done + i] = data[pos + i * innerStride];
                done += run;
                pos += run * innerStride;
                index[rank - 1] += run;
                // carry into the outer dimensions, rewinding each finished one
                for (int d = rank - 1; d > 0 && index[d] == shape[d]; d--) {
                    pos -= shape[d] * strides[d];
                    index[d] = 0;
                    index[d - 1]++;
                    pos += strides[d - 1];
                }
            }
        }
    }
}
