package dev.jitscope.trace.script;

import dev.jitscope.tensor.Tensor;
import dev.jitscope.trace.eager.ModuleInstance;
import dev.jitscope.trace.eager.PyClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The eager interpreter's module instances seen as {@link ScriptableModule}s. */
final class EagerModules {
    private EagerModules() { }

    static ScriptableModule view(ModuleInstance m) {
        return new ScriptableModule() {
            @Override public List<ScriptableClass> hierarchy() {
                List<ScriptableClass> out = new ArrayList<>();
                for (PyClass c = m.type(); c != null; c = c.base())
                    out.add(new ScriptableClass(c.qualifiedName(), c.source(), c.definition()));
                return out;
            }
            @Override public boolean training() { return m.training(); }
            @Override public Map<String, Tensor> parameters() { return m.parameters(); }
            @Override public Map<String, Tensor> buffers() { return m.buffers(); }
            @Override public Map<String, ScriptableModule> modules() {
                Map<String, ScriptableModule> out = new LinkedHashMap<>();
                m.modules().forEach((name, sub) -> out.put(name, sub == null ? null : view(sub)));
                return out;
            }
            @Override public Map<String, Object> attributes() { return m.attributes(); }
            @Override public Set<String> constants() { return m.type().constants(); }
            @Override public Set<String> ignoredMethods() { return m.type().ignoredMethods(); }
            @Override public Set<String> exportedMethods() { return m.type().exportedMethods(); }
            @Override public Object identity() { return m; }
        };
    }
}
