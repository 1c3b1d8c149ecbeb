package dev.jitscope.runtime;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.kernels.cpu.CreationKernels;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.jitscope.runtime.Args.*;

/** Python-level operators on ints, floats, bools, strings, lists and dicts (TorchScript's register_prim_ops). */
final class ScalarAndListOps {
    private ScalarAndListOps() { }

    static void registerAll(OperatorRegistry r) {
        r.register("aten::add.int(int a, int b) -> int", a -> l(a[0]) + l(a[1]));
        r.register("aten::sub.int(int a, int b) -> int", a -> l(a[0]) - l(a[1]));
        r.register("aten::mul.int(int a, int b) -> int", a -> l(a[0]) * l(a[1]));
        r.register("aten::floordiv.int(int a, int b) -> int", a -> {
            if (l(a[1]) == 0) throw new JitScopeException("ZeroDivisionError: integer division or modulo by zero");
            return Math.floorDiv(l(a[0]), l(a[1]));
        });
        r.register("aten::remainder.int(int a, int b) -> int", a -> {
            if (l(a[1]) == 0) throw new JitScopeException("ZeroDivisionError: integer division or modulo by zero");
            return Math.floorMod(l(a[0]), l(a[1]));
        });
        r.register("aten::div.int(int a, int b) -> float", a -> {
            if (l(a[1]) == 0) throw new JitScopeException("ZeroDivisionError: division by zero");
            return (double) l(a[0]) / l(a[1]);
        });
        r.register("aten::neg.int(int a) -> int", a -> -l(a[0]));
        r.register("aten::pow.int(int a, int b) -> float", a -> Math.pow(l(a[0]), l(a[1])));
        r.register("aten::add.float(float a, float b) -> float", a -> d(a[0]) + d(a[1]));
        r.register("aten::sub.float(float a, float b) -> float", a -> d(a[0]) - d(a[1]));
        r.register("aten::mul.float(float a, float b) -> float", a -> d(a[0]) * d(a[1]));
        r.register("aten::div.float(float a, float b) -> float", a -> {
            if (d(a[1]) == 0) throw new JitScopeException("ZeroDivisionError: float division by zero");
            return d(a[0]) / d(a[1]);
        });
        r.register("aten::neg.float(float a) -> float", a -> -d(a[0]));
        r.register("aten::add(Scalar a, Scalar b) -> Scalar", a -> num(a[0], a[1], d(a[0]) + d(a[1]), () -> l(a[0]) + l(a[1])));
        r.register("aten::sub(Scalar a, Scalar b) -> Scalar", a -> num(a[0], a[1], d(a[0]) - d(a[1]), () -> l(a[0]) - l(a[1])));
        r.register("aten::mul(Scalar a, Scalar b) -> Scalar", a -> num(a[0], a[1], d(a[0]) * d(a[1]), () -> l(a[0]) * l(a[1])));
        r.register("aten::div(Scalar a, Scalar b) -> float", a -> d(a[0]) / d(a[1]));
        for (String[] c : new String[][]{{"eq", "=="}, {"ne", "!="}, {"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="}}) {
            String op = c[1];
            r.register("aten::" + c[0] + ".int(int a, int b) -> bool", a -> cmp(op, Long.compare(l(a[0]), l(a[1]))));
            r.register("aten::" + c[0] + ".float(float a, float b) -> bool", a -> cmpD(op, d(a[0]), d(a[1])));
            r.register("aten::" + c[0] + ".int_float(int a, float b) -> bool", a -> cmpD(op, d(a[0]), d(a[1])));
            r.register("aten::" + c[0] + ".float_int(float a, int b) -> bool", a -> cmpD(op, d(a[0]), d(a[1])));
            r.register("aten::" + c[0] + "(Scalar a, Scalar b) -> bool", a -> cmpD(op, d(a[0]), d(a[1])));
        }
        for (String elem : new String[]{"int", "float", "bool", "str"}) {
            // Java's List.equals compares element-wise with equals(), which is Python's == for these element types
            r.register("aten::eq." + elem + "_list(" + elem + "[] a, " + elem + "[] b) -> bool", a -> a[0].equals(a[1]));
            r.register("aten::ne." + elem + "_list(" + elem + "[] a, " + elem + "[] b) -> bool", a -> !a[0].equals(a[1]));
        }
        r.register("aten::copy.t(t[](a) self) -> t[]", a -> new ArrayList<>((List<?>) a[0]));
        for (String k : new String[]{"str", "int", "bool", "float", "Tensor"})
            r.register("aten::copy.Dict_" + k + "(Dict(" + k + ", t)(a) self) -> Dict(" + k + ", t)", a -> new java.util.LinkedHashMap<>((Map<?, ?>) a[0]));
        r.register("aten::is_autocast_enabled() -> bool", a -> false);   // JitScope has no autocast
        r.register("aten::is_grad_enabled() -> bool", a -> false);   // inference only: PyTorch under torch.no_grad()
        // Tensor kind queries: every JitScope tensor is a dense strided CPU tensor
        for (String kind : new String[]{"sparse", "sparse_csr", "nested", "ort", "ipu", "vulkan", "mps", "mkldnn", "meta", "quantized", "xpu", "cuda"})
            r.register("prim::is_" + kind + "(Tensor a) -> bool", a -> false);
        r.register("prim::is_cpu(Tensor a) -> bool", a -> true);
        for (String elem : new String[]{"int", "float", "bool", "str"}) {
            if (!elem.equals("str")) r.register("aten::all." + elem + "(" + elem + "[] self) -> bool", a -> ((List<?>) a[0]).stream().allMatch(ScalarAndListOps::truthy));
            r.register("aten::any." + elem + "(" + elem + "[] self) -> bool", a -> ((List<?>) a[0]).stream().anyMatch(ScalarAndListOps::truthy));
        }
        r.register("aten::sum.int(int[] self) -> int", a -> { long s = 0; for (Object o : (List<?>) a[0]) s += (Long) o; return s; });
        r.register("aten::sum.float(float[] self) -> float", a -> { double s = 0; for (Object o : (List<?>) a[0]) s += (Double) o; return s; });
        r.register("aten::sum.bool(bool[] self) -> int", a -> { long s = 0; for (Object o : (List<?>) a[0]) s += (Boolean) o ? 1 : 0; return s; });
        r.register("aten::device(str a) -> Device", a -> parseDevice((String) a[0]));
        r.register("aten::eq.bool(bool a, bool b) -> bool", a -> a[0].equals(a[1]));
        r.register("aten::ne.bool(bool a, bool b) -> bool", a -> !a[0].equals(a[1]));
        r.register("aten::eq.str(str a, str b) -> bool", a -> a[0].equals(a[1]));
        r.register("aten::ne.str(str a, str b) -> bool", a -> !a[0].equals(a[1]));
        r.register("aten::__not__(bool self) -> bool", a -> !b(a[0]));
        r.register("aten::__xor__.bool(bool a, bool b) -> bool", a -> b(a[0]) ^ b(a[1]));
        r.register("aten::__and__.int(int a, int b) -> int", a -> l(a[0]) & l(a[1]));
        r.register("aten::__or__.int(int a, int b) -> int", a -> l(a[0]) | l(a[1]));
        r.register("aten::__xor__.int(int a, int b) -> int", a -> l(a[0]) ^ l(a[1]));
        r.register("aten::floordiv.float(float a, float b) -> float", a -> Math.floor(d(a[0]) / d(a[1])));
        r.register("aten::Bool.float(float a) -> bool", a -> d(a[0]) != 0);
        r.register("aten::is_floating_point(Tensor self) -> bool", a -> t(a[0]).dtype().isFloatingPoint());
        r.register("aten::__getitem__.str(str s, int index) -> str", a -> {
            String str = (String) a[0];
            long k = l(a[1]);
            if (k < -str.length() || k >= str.length()) throw new JitScopeException("string index out of range");
            int q = (int) (k < 0 ? k + str.length() : k);
            return str.substring(q, q + 1);
        });
        r.register("aten::__and__.bool(bool a, bool b) -> bool", a -> b(a[0]) && b(a[1]));
        r.register("aten::__or__.bool(bool a, bool b) -> bool", a -> b(a[0]) || b(a[1]));
        r.register("prim::max.int(int a, int b) -> int", a -> Math.max(l(a[0]), l(a[1])));
        r.register("prim::min.int(int a, int b) -> int", a -> Math.min(l(a[0]), l(a[1])));
        r.register("prim::max.float(float a, float b) -> float", a -> Math.max(d(a[0]), d(a[1])));
        r.register("prim::min.float(float a, float b) -> float", a -> Math.min(d(a[0]), d(a[1])));
        r.register("prim::abs.int(int a) -> int", a -> Math.abs(l(a[0])));

        // conversions between tensors and numbers
        r.register("aten::Int.Tensor(Tensor a) -> int", a -> (long) item(t(a[0])));
        r.register("aten::Float.Tensor(Tensor a) -> float", a -> item(t(a[0])));
        r.register("aten::Bool.Tensor(Tensor a) -> bool", a -> item(t(a[0])) != 0);
        r.register("aten::Int.float(float a) -> int", a -> (long) d(a[0]));
        r.register("aten::Int.bool(bool a) -> int", a -> b(a[0]) ? 1L : 0L);
        r.register("aten::Float.int(int a) -> float", a -> (double) l(a[0]));
        r.register("aten::Bool.int(int a) -> bool", a -> l(a[0]) != 0);
        r.register("aten::item(Tensor self) -> Scalar", a -> {
            Tensor x = t(a[0]);
            double v = item(x);
            return x.dtype().isFloatingPoint() ? (Object) v : x.dtype() == DType.BOOL ? (Object) (v != 0) : (Object) (long) v;
        });
        r.register("prim::NumToTensor.Scalar(Scalar a) -> Tensor", a -> CreationKernels.scalarTensor(a[0], null));
        r.register("aten::ScalarImplicit(Tensor a) -> Scalar", a -> {
            Tensor x = t(a[0]);
            return x.dtype().isFloatingPoint() ? (Object) item(x) : (Object) (long) item(x);
        });
        r.register("prim::dtype(Tensor a) -> int", a -> (long) t(a[0]).dtype().code);
        r.register("prim::device(Tensor a) -> Device", a -> dev.jitscope.ir.value.Device.CPU);
        r.register("prim::requires_grad(Tensor a) -> bool", a -> t(a[0]).requiresGrad());
        r.register("aten::str(t elem) -> str", a -> str(a[0]));

        // for i in range(start, stop, step) lowers to these two
        r.register("aten::__range_length(int lo, int hi, int step) -> int", a -> {
            long lo = l(a[0]), hi = l(a[1]), step = l(a[2]);
            if (step == 0) throw new JitScopeException("range() arg 3 must not be zero");
            if (step > 0 && lo < hi) return 1 + (hi - 1 - lo) / step;
            if (step < 0 && lo > hi) return 1 + (lo - 1 - hi) / (-step);
            return 0L;
        });
        r.register("aten::__derive_index(int index, int start, int step) -> int", a -> l(a[1]) + l(a[0]) * l(a[2]));
        r.register("aten::add.str(str a, str b) -> str", a -> (String) a[0] + a[1]);
        r.register("aten::len.str(str s) -> int", a -> (long) ((String) a[0]).length());
        r.register("aten::Int.Scalar(Scalar a) -> int", a -> a[0] instanceof Boolean bo ? (bo ? 1L : 0L) : (Object) ((Number) a[0]).longValue());
        r.register("aten::Float.Scalar(Scalar a) -> float", a -> d(a[0]));
        r.register("aten::tensor.int(int t, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor",
                a -> CreationKernels.scalarTensor(a[0], dtype(a[1])));
        r.register("aten::tensor.float(float t, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor",
                a -> CreationKernels.scalarTensor(a[0], dtype(a[1]) == null ? DType.FLOAT32 : dtype(a[1])));
        r.register("aten::tensor.bool(bool t, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor",
                a -> CreationKernels.scalarTensor(a[0], dtype(a[1])));
        r.register("aten::tensor(t[] data, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor",
                a -> fromNested((List<?>) a[0], dtype(a[1])));

        // lists
        r.register("aten::len.t(t[] a) -> int", a -> (long) ((List<?>) a[0]).size());
        r.register("aten::__getitem__.t(t[](a) list, int idx) -> t(*)", a -> {
            List<?> l = (List<?>) a[0];
            long k = l(a[1]);
            if (k < -l.size() || k >= l.size()) throw new JitScopeException("list index out of range");
            return l.get((int) (k < 0 ? k + l.size() : k));
        });
        r.register("aten::_set_item.t(t[](a!) l, int idx, t(b -> *) el) -> t[](a!)", a -> {
            @SuppressWarnings("unchecked") List<Object> l = (List<Object>) a[0];
            long k = l(a[1]);
            if (k < -l.size() || k >= l.size()) throw new JitScopeException("list index out of range");
            l.set((int) (k < 0 ? k + l.size() : k), a[2]);
            return l;
        });
        r.register("aten::append.t(t[](a!) self, t(c -> *) el) -> t[](a!)", a -> {
            @SuppressWarnings("unchecked") List<Object> l = (List<Object>) a[0];
            l.add(a[1]);
            return l;
        });
        r.register("aten::add.t(t[] a, t[] b) -> t[]", a -> {
            List<Object> l = new ArrayList<>((List<?>) a[0]);
            l.addAll((List<?>) a[1]);
            return l;
        });
        r.register("aten::slice.t(t[] l, int? start=None, int? end=None, int step=1) -> t[]", a -> {
            List<?> l = (List<?>) a[0];
            long n = l.size(), step = l(a[3]);
            if (step == 0) throw new JitScopeException("slice step cannot be zero");
            long lo = a[1] == null ? (step > 0 ? 0 : n - 1) : l(a[1]), hi = a[2] == null ? (step > 0 ? n : -n - 1) : l(a[2]);
            if (lo < 0) lo += n;
            if (hi < 0) hi += n;
            List<Object> out = new ArrayList<>();
            if (step > 0) { lo = Math.max(0, Math.min(lo, n)); hi = Math.max(0, Math.min(hi, n)); for (long k = lo; k < hi; k += step) out.add(l.get((int) k)); }
            else { lo = Math.max(-1, Math.min(lo, n - 1)); hi = Math.max(-1, Math.min(hi, n - 1)); for (long k = lo; k > hi; k += step) out.add(l.get((int) k)); }
            return out;
        });
        r.register("aten::list.t(t[] l) -> t[]", a -> new ArrayList<>((List<?>) a[0]));
        r.register("aten::__contains__.int_list(int[] l, int item) -> bool", a -> ((List<?>) a[0]).contains(a[1]));
        r.register("aten::__contains__.str_list(str[] l, str item) -> bool", a -> ((List<?>) a[0]).contains(a[1]));

        // dicts
        r.register("aten::__getitem__.Dict_str(Dict(str, t)(a) self, str key) -> t(*)", a -> dictGet(a[0], a[1]));
        r.register("aten::__getitem__.Dict_int(Dict(int, t)(a) self, int key) -> t(*)", a -> dictGet(a[0], a[1]));
        r.register("aten::len.Dict_str(Dict(str, t) self) -> int", a -> (long) ((Map<?, ?>) a[0]).size());
        r.register("aten::__contains__.str(Dict(str, t) dict, str key) -> bool", a -> ((Map<?, ?>) a[0]).containsKey(a[1]));
        r.register("aten::keys.str(Dict(str, t) self) -> str[](*)", a -> new ArrayList<>(((Map<?, ?>) a[0]).keySet()));
        r.register("aten::values.str(Dict(str, t) self) -> t[](*)", a -> new ArrayList<>(((Map<?, ?>) a[0]).values()));
        r.register("aten::_set_item.str(Dict(str, t)(a!) l, str(b -> *) idx, t(c -> *) v) -> ()", a -> {
            @SuppressWarnings("unchecked") Map<Object, Object> m = (Map<Object, Object>) a[0];
            m.put(a[1], a[2]);
            return null;
        });
    }

    /** torch.tensor of (nested) lists of numbers: int lists give int64, float lists float32, bool lists bool. */
    static Tensor fromNested(List<?> data, DType dtype) {
        List<Integer> shape = new ArrayList<>();
        Object cur = data;
        while (cur instanceof List<?> l) { shape.add(l.size()); cur = l.isEmpty() ? null : l.get(0); }
        List<Object> flat = new ArrayList<>();
        flatten(data, flat, shape, 0);
        DType inferred = cur instanceof Double ? DType.FLOAT32 : cur instanceof Boolean ? DType.BOOL : cur == null ? DType.FLOAT32 : DType.INT64;
        for (Object o : flat) if (o instanceof Double && inferred == DType.INT64) inferred = DType.FLOAT32;
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        double[] v = new double[flat.size()];
        for (int i = 0; i < v.length; i++) v[i] = d(flat.get(i));
        Tensor t = Tensor.contiguous(dev.jitscope.tensor.Storage.wrap(v), dims);
        return CreationKernels.to(t, dtype != null ? dtype : inferred, false);
    }

    private static void flatten(Object o, List<Object> out, List<Integer> shape, int depth) {
        if (o instanceof List<?> l) {
            if (depth >= shape.size() || l.size() != shape.get(depth))
                throw new JitScopeException("expected sequence of length " + (depth < shape.size() ? shape.get(depth) : 0) + " at dim " + depth + " (got " + l.size() + ")");
            for (Object e : l) flatten(e, out, shape, depth + 1);
        } else {
            if (depth != shape.size()) throw new JitScopeException("expected a sequence at dim " + depth);
            out.add(o);
        }
    }

    private static Object dictGet(Object d, Object k) {
        Map<?, ?> m = (Map<?, ?>) d;
        if (!m.containsKey(k)) throw new JitScopeException("KeyError: " + str(k));
        return m.get(k);
    }

    private static double item(Tensor x) {
        if (x.numel() != 1) throw new JitScopeException("a Tensor with " + x.numel() + " elements cannot be converted to Scalar");
        return x.getDouble(0);
    }

    private static Object num(Object x, Object y, double asDouble, java.util.function.LongSupplier asLong) {
        return x instanceof Double || y instanceof Double ? (Object) asDouble : (Object) asLong.getAsLong();
    }

    private static boolean cmp(String op, int c) {
        return switch (op) { case "==" -> c == 0; case "!=" -> c != 0; case "<" -> c < 0; case "<=" -> c <= 0; case ">" -> c > 0; default -> c >= 0; };
    }

    private static boolean cmpD(String op, double x, double y) {
        return switch (op) { case "==" -> x == y; case "!=" -> x != y; case "<" -> x < y; case "<=" -> x <= y; case ">" -> x > y; default -> x >= y; };
    }

    /** Python's str() of an interpreter value. */
    static String str(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16) return String.valueOf(d.longValue()) + ".0";
            return Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : String.valueOf(d);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) sb.append(i == 0 ? "" : ", ").append(l.get(i) instanceof String s ? "'" + s + "'" : str(l.get(i)));
            return sb.append(']').toString();
        }
        if (v instanceof Tuple t) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < t.size(); i++) sb.append(i == 0 ? "" : ", ").append(str(t.get(i)));
            return sb.append(t.size() == 1 ? ",)" : ")").toString();
        }
        return v.toString();
    }

    /** str.format with positional {} fields, as aten::format. */
    static String format(String fmt, Object[] args) {
        StringBuilder sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '{' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
                sb.append(next < args.length ? str(args[next++]) : "{}");
                i++;
            } else sb.append(c);
        }
        return sb.toString();
    }

    private static dev.jitscope.ir.value.Device parseDevice(String spec) {
        int colon = spec.indexOf(':');
        String type = colon < 0 ? spec : spec.substring(0, colon);
        if (!type.equals("cpu") && !type.equals("cuda") && !type.equals("opencl"))
            throw new JitScopeException("Expected one of cpu, cuda, opencl device type at start of device string: " + spec);
        try {
            return new dev.jitscope.ir.value.Device(type, colon < 0 ? -1 : Integer.parseInt(spec.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new JitScopeException("Invalid device string: '" + spec + "'");
        }
    }

    /** Python truthiness of a list element. */
    private static boolean truthy(Object o) {
        if (o instanceof Boolean b) return b;
        if (o instanceof Long v) return v != 0;
        if (o instanceof Double v) return v != 0;
        return o instanceof String str && !str.isEmpty();
    }
}
