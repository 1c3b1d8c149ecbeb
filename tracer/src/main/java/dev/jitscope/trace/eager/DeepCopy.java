package dev.jitscope.trace.eager;

import dev.jitscope.ir.value.Tuple;
import dev.jitscope.kernels.cpu.CreationKernels;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code copy.deepcopy} for eager values: modules (parameters, buffers, submodules and
 * plain attributes), tensors (fresh storage), lists, dicts and tuples; an object reached twice is
 * copied once. torch.nn's TransformerEncoder clones its layer with it (_get_clones).
 */
final class DeepCopy {
    private final Map<Object, Object> memo = new IdentityHashMap<>();

    static Object of(Object value) { return new DeepCopy().copy(value); }

    @SuppressWarnings("unchecked")
    private Object copy(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return v;
        Object done = memo.get(v);
        if (done != null) return done;
        if (v instanceof Tensor t) {
            Tensor c = CreationKernels.clone(t);
            c.setRequiresGrad(t.requiresGrad());
            memo.put(v, c);
            return c;
        }
        if (v instanceof ModuleInstance m) {
            ModuleInstance c = new ModuleInstance(m.type());
            memo.put(v, c);
            m.parameters().forEach((k, p) -> c.parameters().put(k, (Tensor) copy(p)));
            m.buffers().forEach((k, b) -> c.buffers().put(k, (Tensor) copy(b)));
            m.modules().forEach((k, s) -> c.modules().put(k, (ModuleInstance) copy(s)));
            m.attributes().forEach((k, a) -> c.attributes().put(k, copy(a)));
            c.nonPersistentBuffers().addAll(m.nonPersistentBuffers());
            c.setTrainingFlag(m.training());
            if (m.initialized()) c.markInitialized();
            return c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            memo.put(v, c);
            for (Object o : l) c.add(copy(o));
            return c;
        }
        if (v instanceof Map<?, ?> d) {
            Map<Object, Object> c = new LinkedHashMap<>();
            memo.put(v, c);
            d.forEach((k, o) -> c.put(copy(k), copy(o)));
            return c;
        }
        if (v instanceof Tuple t) {
            List<Object> items = new ArrayList<>();
            for (Object o : t.items()) items.add(copy(o));
            Tuple c = new Tuple(items);
            memo.put(v, c);
            return c;
        }
        if (v.getClass() == PyObject.class) {
            PyObject o = (PyObject) v;
            PyObject c = new PyObject(o.type());
            memo.put(v, c);
            o.attributes().forEach((k, a) -> c.attributes().put(k, copy(a)));
            return c;
        }
        return v;   // functions, classes, namespaces, devices: shared, as deepcopy shares them
    }
}
