/**
 * Helpers shared by passes: reading and making constants, mutation and nondeterminism facts (side
 * effects themselves are ir-core's {@code SideEffects}), tensor folding with the kernels, batch-norm
 * folding arithmetic, the snapshot text form. Graph copying is ir-core's {@code GraphCopier}.
 */
package dev.jitscope.passes.util;
