package dev.jitscope.trace.eager;

import dev.jitscope.ir.SourceRange;
import dev.jitscope.runtime.OpSchema;

import java.util.List;

/**
 * Watches an {@link EagerSession} run. Callbacks arrive on the running thread in execution order.
 * Every method has an empty default so observers implement only what they need.
 */
public interface EagerObserver {
    /**
     * One executed registry operator on real values: {@code args} in schema order with defaults filled
     * in (the array the kernel saw), {@code result} the kernel's result (a Tuple for several returns).
     * {@code range} is the call expression (or operator expression) in the source.
     */
    default void onOp(OpSchema schema, Object[] args, Object result, SourceRange range) { }

    /** A tensor (or a value derived from a tensor's data or shape) became a Python value. */
    default void onDivergence(DivergenceEvent event) { }

    /** A module's __call__ (method "forward") or a session-level call is about to run. */
    default void onModuleCall(ModuleInstance module, String method, List<Object> args, SourceRange range) { }

    default void onModuleReturn(ModuleInstance module, String method, Object result) { }
}
