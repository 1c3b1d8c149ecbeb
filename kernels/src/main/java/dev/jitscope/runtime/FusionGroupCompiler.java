package dev.jitscope.runtime;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;

/**
 * A backend's own way of running prim::FusionGroup nodes (the OpenCL backend generates one device
 * kernel per group). An {@link OperatorRegistry} may carry one; the {@link Interpreter} asks it once
 * per group node, and whatever it declines runs as {@link FusedElementwise}'s CPU loop.
 */
@FunctionalInterface
public interface FusionGroupCompiler {
    /** The kernel for this group (its "Subgraph" attribute given), or null to leave the group to the CPU. */
    FusedKernel compile(Node group, Graph subgraph);

    /** A compiled group. */
    @FunctionalInterface
    interface FusedKernel {
        /** The group's outputs for these inputs, or null when these arguments need the CPU path. */
        Object[] run(Object[] args);
    }
}
