package dev.jitscope.runtime;

/**
 * An operator implementation: receives the arguments in schema order (defaults already filled in)
 * and returns the single result, or a {@link dev.jitscope.ir.value.Tuple} spread over several outputs.
 */
@FunctionalInterface
public interface Kernel {
    Object run(Object[] args);
}
