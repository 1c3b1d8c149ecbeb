package dev.jitscope.trace.eager;

import dev.jitscope.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance of an nn.Module subclass, with nn.Module's bookkeeping: own parameters, buffers and
 * submodules in registration order (what named_parameters()/state_dict() walk).
 */
public final class ModuleInstance extends PyObject {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, ModuleInstance> modules = new LinkedHashMap<>();
    private final java.util.Set<String> nonPersistentBuffers = new java.util.HashSet<>();
    private boolean training = true;
    private boolean initialized;

    public ModuleInstance(PyClass type) { super(type); }

    public boolean training() { return training; }

    /** Own parameters; a None parameter is a null value. */
    public Map<String, Tensor> parameters() { return parameters; }

    /** Own buffers; a None buffer is a null value. */
    public Map<String, Tensor> buffers() { return buffers; }

    /** Own submodules; a None submodule is a null value. */
    public Map<String, ModuleInstance> modules() { return modules; }

    /** Buffers registered with persistent=False (left out of state_dict()). */
    public java.util.Set<String> nonPersistentBuffers() { return nonPersistentBuffers; }

    /** Sets this module's and every submodule's training flag (nn.Module.train(mode)). */
    public void train(boolean mode) {
        training = mode;
        for (ModuleInstance m : modules.values()) if (m != null) m.train(mode);
    }

    void setTrainingFlag(boolean mode) { training = mode; }

    /** Whether nn.Module.__init__ has run (assigning parameters/modules before it is an error). */
    boolean initialized() { return initialized; }

    void markInitialized() { initialized = true; }

    /** state_dict() order: own parameters, own persistent buffers, then each submodule's, prefixed. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, v) -> { if (v != null) out.put(prefix + k, v); });
        buffers.forEach((k, v) -> { if (v != null && !nonPersistentBuffers.contains(k)) out.put(prefix + k, v); });
        modules.forEach((k, m) -> { if (m != null) m.collectState(prefix + k + ".", out); });
    }

    @Override public String toString() { return type().name() + "()"; }
}
