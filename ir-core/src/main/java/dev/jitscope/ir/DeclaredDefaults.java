package dev.jitscope.ir;

/**
 * Implemented by a {@link Function#schema()} that knows how its parameters' defaults were written,
 * so printed code keeps them ({@code mask: Optional[Tensor]=None}): callers that omit the argument,
 * such as a user calling {@code forward} of a loaded archive, still work.
 */
public interface DeclaredDefaults {
    /** The default of parameter {@code index} (0 = self for methods) as source text, or null when it has none. */
    String defaultText(int index);
}
