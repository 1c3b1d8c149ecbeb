package dev.jitscope.runtime;

import dev.jitscope.ir.Node;

/**
 * Called after every executed operator node with its wall time and outputs (shapes for the run panel).
 * An intermediate tensor's memory is reused once the run no longer needs it: copy the values you keep.
 */
@FunctionalInterface
public interface NodeProfiler {
    void onNode(Node node, long nanos, Object[] outputs);
}
