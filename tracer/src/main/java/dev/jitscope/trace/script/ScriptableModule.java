package dev.jitscope.trace.script;

import dev.jitscope.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What scripting needs to know of one built module instance: the state {@code __init__} left and
 * the classes whose methods get compiled. The eager interpreter's {@code ModuleInstance} is adapted
 * to it ({@link EagerModules}); tests may build one by hand.
 */
public interface ScriptableModule {
    /** The instance's class first, then its bases, up to but not including {@code nn.Module}. */
    List<ScriptableClass> hierarchy();

    boolean training();

    /** Own parameters in registration order; a parameter registered as None has a null value. */
    Map<String, Tensor> parameters();

    /** Own buffers in registration order; null values for None buffers. */
    Map<String, Tensor> buffers();

    /** Own submodules in registration order. */
    Map<String, ScriptableModule> modules();

    /** The plain attributes (neither parameter, buffer nor submodule) in assignment order. */
    Map<String, Object> attributes();

    /** Names listed in {@code __constants__} or annotated {@code Final[...]}. */
    Set<String> constants();

    /** Methods marked {@code @torch.jit.ignore} or {@code @torch.jit.unused}. */
    Set<String> ignoredMethods();

    /** Methods marked {@code @torch.jit.export}. */
    Set<String> exportedMethods();

    /** The underlying instance: one instance reached twice in the tree becomes one scripted object. */
    Object identity();
}
