package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nn.Module's own behaviour, written in Java: attribute routing (Parameter → parameters, Module →
 * submodules, register_buffer), lookup order, __call__ → forward with observer notifications,
 * train/eval, the parameters()/named_*()/children()/modules()/state_dict() walks, and the
 * container protocol (len, iteration, indexing) for classes that do not define it themselves.
 */
final class ModuleSemantics {
    private final Evaluator ev;

    ModuleSemantics(Evaluator ev) { this.ev = ev; }

    Object getAttr(ModuleInstance m, String name, SourceRange r) {
        Object v = m.attributes().getOrDefault(name, PyClass.MISSING);
        if (v != PyClass.MISSING) return v;
        if (name.equals("training")) return m.training();
        Object c = ev.classMember(m.type(), m, name);
        if (c != PyClass.MISSING) return c;
        if (m.parameters().containsKey(name)) return m.parameters().get(name);
        if (m.buffers().containsKey(name)) return m.buffers().get(name);
        if (m.modules().containsKey(name)) return m.modules().get(name);
        Object n = nativeMethod(m, name, r);
        if (n != PyClass.MISSING) return n;
        throw new JitScopeException("AttributeError: '" + m.type().name() + "' object has no attribute '" + name + "'", r);
    }

    void setAttr(ModuleInstance m, String name, Object v, SourceRange r) {
        if (v instanceof Tensor t && ev.parameterTensors.contains(t)) {
            requireInit(m, "parameter", r);
            m.attributes().remove(name);
            m.buffers().remove(name);
            m.modules().remove(name);
            m.parameters().put(name, t);
        } else if (m.parameters().containsKey(name)) {
            if (v != null) throw new JitScopeException("TypeError: cannot assign '" + PyRepr.typeName(v) + "' as parameter '" + name
                    + "' (torch.nn.Parameter or None expected)", r);
            m.parameters().put(name, null);
        } else if (v instanceof ModuleInstance sub) {
            requireInit(m, "module", r);
            m.attributes().remove(name);
            m.parameters().remove(name);
            m.buffers().remove(name);
            m.modules().put(name, sub);
        } else if (m.modules().containsKey(name)) {
            if (v != null) throw new JitScopeException("TypeError: cannot assign '" + PyRepr.typeName(v) + "' as child module '" + name
                    + "' (torch.nn.Module or None expected)", r);
            m.modules().put(name, null);
        } else if (m.buffers().containsKey(name)) {
            if (v != null && !(v instanceof Tensor)) throw new JitScopeException("TypeError: cannot assign '" + PyRepr.typeName(v)
                    + "' as buffer '" + name + "' (torch.Tensor or None expected)", r);
            m.buffers().put(name, (Tensor) v);
        } else if (name.equals("training")) {
            m.setTrainingFlag(ev.truthy(v, r));
        } else {
            m.attributes().put(name, v);
        }
    }

    private static void requireInit(ModuleInstance m, String what, SourceRange r) {
        if (!m.initialized())
            throw new JitScopeException("AttributeError: cannot assign " + what + " before Module.__init__() call", r);
    }

    /** module(x): forward through __call__, reported to the observer. */
    Object callModule(ModuleInstance m, List<Object> args, Map<String, Object> kw, SourceRange r) {
        PyFunction forward = m.type().findMethod("forward");
        if (forward == null)
            throw new JitScopeException("NotImplementedError: Module [" + m.type().name() + "] is missing the required \"forward\" function", r);
        if (ev.observer != null) ev.observer.onModuleCall(m, "forward", args, r);
        List<Object> a = new ArrayList<>(args.size() + 1);
        a.add(m);
        a.addAll(args);
        Object result = ev.invoke(forward, a, kw, r);
        if (ev.observer != null) ev.observer.onModuleReturn(m, "forward", result);
        return result;
    }

    /** nn.Module's methods, bound to m; MISSING for other names. */
    Object nativeMethod(ModuleInstance m, String name, SourceRange where) {
        return switch (name) {
            case "__init__" -> fn((a, k, r) -> { m.markInitialized(); return null; });
            case "__call__" -> fn((a, k, r) -> callModule(m, a, k, r));
            case "train" -> fn((a, k, r) -> { m.train(a.isEmpty() ? arg(k, "mode", true, r) : ev.truthy(a.get(0), r)); return m; });
            case "eval" -> fn((a, k, r) -> { m.train(false); return m; });
            case "register_buffer" -> fn((a, k, r) -> {
                String n = (String) positional(a, k, 0, "name", r);
                Object t = positional(a, k, 1, "tensor", r);
                boolean persistent = a.size() > 2 ? ev.truthy(a.get(2), r) : arg(k, "persistent", true, r);
                if (t != null && !(t instanceof Tensor)) throw new JitScopeException("TypeError: cannot assign '" + PyRepr.typeName(t)
                        + "' object to buffer '" + n + "' (torch Tensor or None required)", r);
                requireInit(m, "buffer", r);
                m.attributes().remove(n);
                m.buffers().put(n, (Tensor) t);
                if (!persistent) m.nonPersistentBuffers().add(n);
                return null;
            });
            case "register_parameter" -> fn((a, k, r) -> {
                String n = (String) positional(a, k, 0, "name", r);
                Object p = positional(a, k, 1, "param", r);
                requireInit(m, "parameter", r);
                if (p != null && !(p instanceof Tensor t && ev.parameterTensors.contains(t)))
                    throw new JitScopeException("TypeError: cannot assign '" + PyRepr.typeName(p) + "' object to parameter '" + n
                            + "' (torch.nn.Parameter or None required)", r);
                m.attributes().remove(n);
                m.parameters().put(n, (Tensor) p);
                return null;
            });
            case "add_module", "register_module" -> fn((a, k, r) -> {
                String n = PyRepr.str(positional(a, k, 0, "name", r));
                Object sub = positional(a, k, 1, "module", r);
                if (sub != null && !(sub instanceof ModuleInstance))
                    throw new JitScopeException("TypeError: " + PyRepr.typeName(sub) + " is not a Module subclass", r);
                requireInit(m, "module", r);
                m.attributes().remove(n);
                m.modules().put(n, (ModuleInstance) sub);
                return null;
            });
            case "parameters" -> fn((a, k, r) -> values(namedParameters(m, "", recurse(a, k, r))));
            case "named_parameters" -> fn((a, k, r) -> pairs(namedParameters(m, prefix(a, k), recurse(a.size() > 1 ? a.subList(1, a.size()) : List.of(), k, r))));
            case "buffers" -> fn((a, k, r) -> values(namedBuffers(m, "", recurse(a, k, r))));
            case "named_buffers" -> fn((a, k, r) -> pairs(namedBuffers(m, prefix(a, k), recurse(a.size() > 1 ? a.subList(1, a.size()) : List.of(), k, r))));
            case "children" -> fn((a, k, r) -> values(children(m)));
            case "named_children" -> fn((a, k, r) -> pairs(children(m)));
            case "modules" -> fn((a, k, r) -> values(namedModules(m, "")));
            case "named_modules" -> fn((a, k, r) -> pairs(namedModules(m, "")));
            case "state_dict" -> fn((a, k, r) -> new LinkedHashMap<Object, Object>(m.stateDict()));
            case "apply" -> fn((a, k, r) -> {
                for (ModuleInstance sub : namedModules(m, "").values()) if (sub != m) ev.call(a.get(0), new ArrayList<>(List.of(sub)), Map.of(), r);
                ev.call(a.get(0), new ArrayList<>(List.of(m)), Map.of(), r);
                return m;
            });
            case "to", "cpu", "float", "requires_grad_", "share_memory" -> fn((a, k, r) -> m);
            case "zero_grad" -> fn((a, k, r) -> null);
            case "extra_repr" -> fn((a, k, r) -> "");
            case "get_submodule" -> fn((a, k, r) -> {
                Object cur = m;
                String target = (String) a.get(0);
                if (!target.isEmpty()) for (String part : target.split("\\.")) cur = getAttr((ModuleInstance) cur, part, r);
                return cur;
            });
            case "_modules" -> m.modules();
            case "_parameters" -> m.parameters();
            case "_buffers" -> m.buffers();
            case "items" -> fn((a, k, r) -> pairs(new LinkedHashMap<>(m.modules())));   // ModuleDict without its own items()
            case "keys" -> fn((a, k, r) -> new ArrayList<Object>(m.modules().keySet()));
            case "values" -> fn((a, k, r) -> new ArrayList<Object>(m.modules().values()));
            default -> PyClass.MISSING;
        };
    }

    private static NativeFunction fn(NativeFunction f) { return f; }

    private Object positional(List<Object> a, Map<String, Object> k, int i, String name, SourceRange r) {
        if (a.size() > i) return a.get(i);
        if (k.containsKey(name)) return k.get(name);
        throw new JitScopeException("TypeError: missing required argument '" + name + "'", r);
    }

    private boolean arg(Map<String, Object> k, String name, boolean dflt, SourceRange r) {
        return k.containsKey(name) ? ev.truthy(k.get(name), r) : dflt;
    }

    private boolean recurse(List<Object> a, Map<String, Object> k, SourceRange r) {
        return a.isEmpty() ? arg(k, "recurse", true, r) : ev.truthy(a.get(0), r);
    }

    private static String prefix(List<Object> a, Map<String, Object> k) {
        Object p = a.isEmpty() ? k.get("prefix") : a.get(0);
        return p == null || p.toString().isEmpty() ? "" : p + ".";
    }

    private static List<Object> values(Map<String, ?> m) { return new ArrayList<>(m.values()); }

    private static List<Object> pairs(Map<String, ?> m) {
        List<Object> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Tuple.of(k, v)));
        return out;
    }

    /** named_parameters(): each tensor once (first name wins), submodules depth-first. */
    private Map<String, Tensor> namedParameters(ModuleInstance m, String prefix, boolean recurse) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        java.util.Set<Tensor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        collect(m, prefix, recurse, out, seen, true);
        return out;
    }

    private Map<String, Tensor> namedBuffers(ModuleInstance m, String prefix, boolean recurse) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        java.util.Set<Tensor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        collect(m, prefix, recurse, out, seen, false);
        return out;
    }

    private void collect(ModuleInstance m, String prefix, boolean recurse, Map<String, Tensor> out, java.util.Set<Tensor> seen, boolean params) {
        for (Map.Entry<String, Tensor> e : (params ? m.parameters() : m.buffers()).entrySet())
            if (e.getValue() != null && seen.add(e.getValue())) out.put(prefix + e.getKey(), e.getValue());
        if (!recurse) return;
        for (Map.Entry<String, ModuleInstance> e : m.modules().entrySet())
            if (e.getValue() != null) collect(e.getValue(), prefix + e.getKey() + ".", true, out, seen, params);
    }

    private static Map<String, ModuleInstance> children(ModuleInstance m) {
        Map<String, ModuleInstance> out = new LinkedHashMap<>();
        m.modules().forEach((k, v) -> { if (v != null && !out.containsValue(v)) out.put(k, v); });
        return out;
    }

    private static Map<String, ModuleInstance> namedModules(ModuleInstance m, String prefix) {
        Map<String, ModuleInstance> out = new LinkedHashMap<>();
        walk(m, prefix, out);
        return out;
    }

    private static void walk(ModuleInstance m, String prefix, Map<String, ModuleInstance> out) {
        if (out.containsValue(m)) return;
        out.put(prefix, m);
        m.modules().forEach((k, v) -> { if (v != null) walk(v, prefix.isEmpty() ? k : prefix + "." + k, out); });
    }

    /** nn.Module.__repr__: Name(extra_repr) or Name(\n  (child): repr\n ...), children indented as PyTorch does. */
    String repr(ModuleInstance m, SourceRange r) {
        List<String> extra = new ArrayList<>();
        Object er = ev.call(getAttr(m, "extra_repr", r), new ArrayList<>(), Map.of(), r);
        String extraText = er == null ? "" : PyRepr.str(er);
        if (!extraText.isEmpty()) extra.addAll(List.of(extraText.split("\n", -1)));
        List<String> children = new ArrayList<>();
        for (Map.Entry<String, ModuleInstance> e : m.modules().entrySet()) {
            String sub = e.getValue() == null ? "None" : repr(e.getValue(), r);
            children.add("(" + e.getKey() + "): " + sub.replace("\n", "\n  "));
        }
        StringBuilder sb = new StringBuilder(m.type().name()).append('(');
        if (extra.size() == 1 && children.isEmpty()) sb.append(extra.get(0));
        else if (!extra.isEmpty() || !children.isEmpty()) {
            List<String> lines = new ArrayList<>(extra);
            lines.addAll(children);
            sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return sb.append(')').toString();
    }

    // ---------------------------------------------------------------- containers (ModuleList, Sequential, ModuleDict)

    Object getItem(ModuleInstance m, Object key, SourceRange r) {
        if (key instanceof String s) {
            if (!m.modules().containsKey(s)) throw new JitScopeException("KeyError: " + PyRepr.repr(s), r);
            return m.modules().get(s);
        }
        List<ModuleInstance> subs = new ArrayList<>(m.modules().values());
        if (key instanceof PySlice sl) return new ArrayList<>(sl.apply(subs, r, ev));
        return subs.get(Evaluator.normIndex(ev.intIndex(key, r), subs.size(), r));
    }

    Iterator<Object> iterate(ModuleInstance m, SourceRange r) {
        return new ArrayList<Object>(m.modules().values()).iterator();
    }

    long len(ModuleInstance m) { return m.modules().size(); }
}
