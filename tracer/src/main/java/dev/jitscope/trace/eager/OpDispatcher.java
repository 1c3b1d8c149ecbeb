package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.OpSchema;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls a registry operator by name on Python values, as PyTorch's Python bindings do: the first
 * overload whose schema accepts the positional and keyword arguments exactly wins; failing that,
 * the first that accepts them with Python's implicit conversions (int for float, a lone int or
 * trailing ints for an int[] argument, tuples for lists). Every call is reported to the observer.
 */
final class OpDispatcher {
    private final OperatorRegistry registry;
    private final Evaluator ev;

    OpDispatcher(OperatorRegistry registry, Evaluator ev) {
        this.registry = registry;
        this.ev = ev;
    }

    boolean has(String name) { return registry.has(name); }

    Object call(String name, List<Object> pos, Map<String, Object> kw, SourceRange range) {
        List<OperatorRegistry.Entry> overloads = registry.overloads(name);
        if (overloads.isEmpty()) {
            if (name.endsWith("_") && !name.endsWith("__") && registry.has(name.substring(0, name.length() - 1)) && !pos.isEmpty()
                    && pos.get(0) instanceof Tensor self)
                return inPlaceFallback(name, self, pos, kw, range);
            throw new JitScopeException(name + " has no kernel in JitScope (the eager interpreter cannot run it)", range);
        }
        for (int lenient = 0; lenient < 2; lenient++) {
            for (OperatorRegistry.Entry e : overloads) {
                Object[] a = bind(e.schema(), pos, kw, lenient == 1);
                if (a != null) return run(e, a, range);
            }
        }
        throw new JitScopeException("no overload of " + name + " accepts arguments " + describe(pos, kw)
                + "; candidates: " + overloads.stream().map(e -> e.schema().text()).toList(), range);
    }

    /** x.add_(y) without an in-place kernel: the out-of-place result copied into x. */
    private Object inPlaceFallback(String name, Tensor self, List<Object> pos, Map<String, Object> kw, SourceRange range) {
        Object r = call(name.substring(0, name.length() - 1), pos, kw, range);
        if (!(r instanceof Tensor t)) throw new JitScopeException(name + " has no in-place form", range);
        call("aten::copy_", List.of(self, t), Map.of(), range);
        return self;
    }

    private Object run(OperatorRegistry.Entry e, Object[] a, SourceRange range) {
        ev.checkInterrupted(range);
        Object r;
        try {
            r = trainingDropout(e.schema().name(), a);
            if (r == null) r = e.kernel().run(a);
        } catch (JitScopeException ex) {
            if (ex.range() != null) throw ex;
            throw new JitScopeException(ex.getMessage(), range, null, ex);
        } catch (RuntimeException ex) {
            throw new JitScopeException(e.schema().qualifiedName() + " failed: " + ex, range, null, ex);
        }
        if (a.length > 0 && a[0] instanceof Tensor && TENSOR_TO_PYTHON.contains(e.schema().name())) r = markDerived(r);
        if (r instanceof Tuple t) rememberReturnNames(e.schema(), t);
        if (ev.observer != null) ev.observer.onOp(e.schema(), a, r, range);
        return r;
    }

    /**
     * aten::dropout / feature_dropout with train=True: the kernels run inference only, the eager
     * interpreter draws the mask from the session's generator. Null when not such a call.
     */
    private static Object trainingDropout(String name, Object[] a) {
        boolean feature = name.equals("aten::feature_dropout") || name.equals("aten::feature_dropout_");
        if (!(feature || name.equals("aten::dropout") || name.equals("aten::dropout_"))) return null;
        if (a.length < 3 || !(a[2] instanceof Boolean train) || !train || !(a[0] instanceof Tensor x)) return null;
        Tensor out = dev.jitscope.kernels.cpu.RandomOps.dropoutTraining(x, ((Number) a[1]).doubleValue(), feature);
        if (name.endsWith("_")) {
            dev.jitscope.kernels.cpu.CreationKernels.copy_(x, out);
            return x;
        }
        return out;
    }

    /**
     * Operators that read a tensor's shape or data into Python numbers (marked, so their uses can be
     * found). Not aten::dim: a trace is specialised to its inputs' rank anyway, and PyTorch's tracer
     * treats dim() as a plain int too (nn.functional's rank checks are no divergence).
     */
    private static final java.util.Set<String> TENSOR_TO_PYTHON = java.util.Set.of("aten::size", "aten::len", "aten::numel",
            "aten::item", "aten::Int", "aten::Float", "aten::Bool", "aten::ScalarImplicit");

    private Object markDerived(Object r) {
        if (r instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(ev.taint.mark(o));
            return out;
        }
        return ev.taint.mark(r);
    }

    /** Schema-ordered arguments with defaults, or null when the schema does not accept the call. */
    private static Object[] bind(OpSchema s, List<Object> pos, Map<String, Object> kw, boolean lenient) {
        List<OpSchema.Arg> params = s.args();
        int positional = 0;
        while (positional < params.size() && !params.get(positional).kwargOnly()) positional++;
        List<Object> p = pos;
        if (p.size() > positional) {
            // torch.zeros(2, 3), x.view(2, 3): trailing ints packed into the last positional int[] argument
            if (!lenient || positional == 0 || !isIntList(params.get(positional - 1).type())) return null;
            List<Object> packed = new ArrayList<>(p.subList(positional - 1, p.size()));
            for (Object o : packed) if (!(o instanceof Long)) return null;
            p = new ArrayList<>(p.subList(0, positional - 1));
            p.add(packed);
        }
        Object[] a = new Object[params.size()];
        boolean[] set = new boolean[params.size()];
        for (int i = 0; i < p.size(); i++) {
            Object v = coerce(params.get(i).type(), p.get(i), lenient);
            if (v == FAIL) return null;
            a[i] = v;
            set[i] = true;
        }
        for (Map.Entry<String, Object> k : kw.entrySet()) {
            int i = indexOf(params, k.getKey());
            if (i < 0 || set[i]) return null;
            Object v = coerce(params.get(i).type(), k.getValue(), lenient);
            if (v == FAIL) return null;
            a[i] = v;
            set[i] = true;
        }
        for (int i = 0; i < a.length; i++) {
            if (set[i]) continue;
            if (!params.get(i).hasDefault()) return null;
            a[i] = params.get(i).defaultValue();
        }
        return a;
    }

    private static int indexOf(List<OpSchema.Arg> params, String name) {
        for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(name)) return i;
        return -1;
    }

    private static boolean isIntList(String type) {
        return type.startsWith("int[") || type.startsWith("SymInt[");
    }

    /** x.max(dim=1).values: the return names of tuple results (PyTorch returns named tuples), by identity. */
    private final Map<Tuple, List<String>> returnNames = new java.util.WeakHashMap<>();

    private void rememberReturnNames(OpSchema s, Tuple t) {
        List<String> names = new ArrayList<>();
        for (dev.jitscope.ir.schema.Argument ret : s.schema().returns()) {
            if (ret.name() == null) return;
            names.add(ret.name());
        }
        returnNames.put(t, names);
    }

    /** The field of a named tuple result, or {@link PyClass#MISSING}. */
    Object namedField(Tuple t, String field) {
        List<String> names = returnNames.get(t);
        int i = names == null ? -1 : names.indexOf(field);
        return i < 0 || i >= t.size() ? PyClass.MISSING : t.get(i);
    }

    static final Object FAIL = new Object();

    /** The value as the argument type takes it, or FAIL. */
    static Object coerce(String type, Object v, boolean lenient) {
        if (type.endsWith("?")) return v == null ? null : coerce(type.substring(0, type.length() - 1), v, lenient);
        if (type.endsWith("]")) {
            String elem = type.substring(0, type.indexOf('['));
            List<?> items;
            if (v instanceof List<?> l) items = l;
            else if (v instanceof Tuple t && lenient) items = t.items();
            else if (v instanceof Long && (elem.equals("int") || elem.equals("SymInt")) && (lenient || !type.endsWith("[]"))) return v;
            else return FAIL;
            List<Object> out = new ArrayList<>(items.size());
            for (Object o : items) {
                Object c = coerce(elem, o, lenient);
                if (c == FAIL) return FAIL;
                out.add(c);
            }
            return out;
        }
        return switch (type) {
            case "Tensor" -> v instanceof Tensor ? v : FAIL;
            case "int", "SymInt" -> v instanceof Long ? v : lenient && v instanceof Boolean b ? (Object) (b ? 1L : 0L) : FAIL;
            case "float" -> v instanceof Double ? v : lenient && v instanceof Long l ? (Object) l.doubleValue() : FAIL;
            case "bool" -> v instanceof Boolean ? v : FAIL;
            case "str" -> v instanceof String ? v : FAIL;
            case "Scalar" -> v instanceof Long || v instanceof Double || v instanceof Boolean ? v : FAIL;
            case "ScalarType", "Layout", "MemoryFormat" -> v instanceof Long || v == null ? v : FAIL;
            case "Device" -> v instanceof Device ? v : v instanceof String s ? parseDevice(s) : FAIL;
            case "Generator" -> v == null ? null : FAIL;
            case "t", "t1", "t2", "Any" -> v;
            default -> {
                if (type.startsWith("Dict(")) yield v instanceof Map<?, ?> ? v : FAIL;
                if (type.startsWith("(")) yield v instanceof Tuple ? v : FAIL;
                yield v;
            }
        };
    }

    static Device parseDevice(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? new Device(s, -1) : new Device(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }

    private static String describe(List<Object> pos, Map<String, Object> kw) {
        StringBuilder sb = new StringBuilder("(");
        for (Object o : pos) sb.append(sb.length() > 1 ? ", " : "").append(PyRepr.typeName(o));
        for (Map.Entry<String, Object> k : kw.entrySet())
            sb.append(sb.length() > 1 ? ", " : "").append(k.getKey()).append('=').append(PyRepr.typeName(k.getValue()));
        return sb.append(')').toString();
    }
}
