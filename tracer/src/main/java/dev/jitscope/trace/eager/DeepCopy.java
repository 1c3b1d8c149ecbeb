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
 * Python's copy.deepcopy over interpreter values (what torch.nn's _get_clones uses): modules,
 * objects, containers and tensors are copied once each, shared references stay shared, parameters
 * stay parameters.
 */
final class DeepCopy {
    private final Evaluator ev;
    private final Map<Object, Object> memo = new IdentityHashMap<>();

    DeepCopy(Evaluator ev) { this.ev = ev; }

    @SuppressWarnings("unchecked")
    Object copy(Object v) {
        if (v == null || v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String) return v;
        Object done = memo.get(v);
        if (done != null) return done;
        if (v instanceof Tensor t) {
            Tensor c = CreationKernels.clone(t);
            c.setRequiresGrad(t.requiresGrad());
            if (ev.parameterTensors.contains(t)) ev.parameterTensors.add(c);
            memo.put(v, c);
            return c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            memo.put(v, c);
            for (Object o : l) c.add(copy(o));
            return c;
        }
        if (v instanceof Tuple t) {
            List<Object> items = new ArrayList<>(t.size());
            for (Object o : t.items()) items.add(copy(o));
            Tuple c = new Tuple(items);
            memo.put(v, c);
            return c;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            memo.put(v, c);
            for (Map.Entry<?, ?> e : m.entrySet()) c.put(copy(e.getKey()), copy(e.getValue()));
            return c;
        }
        if (v instanceof ModuleInstance m) {
            ModuleInstance c = new ModuleInstance(m.type());
            memo.put(v, c);
            c.markInitialized();
            c.setTrainingFlag(m.training());
            m.attributes().forEach((k, x) -> c.attributes().put(k, copy(x)));
            m.parameters().forEach((k, x) -> c.parameters().put(k, (Tensor) copy(x)));
            m.buffers().forEach((k, x) -> c.buffers().put(k, (Tensor) copy(x)));
            c.nonPersistentBuffers().addAll(m.nonPersistentBuffers());
            m.modules().forEach((k, x) -> c.modules().put(k, (ModuleInstance) copy(x)));
            return c;
        }
        if (v instanceof PyObject o) {
            PyObject c = new PyObject(o.type());
            memo.put(v, c);
            o.attributes().forEach((k, x) -> c.attributes().put(k, copy(x)));
            return c;
        }
        return v;   // functions, classes, namespaces, devices: shared, as deepcopy does for atomic objects
    }
}
