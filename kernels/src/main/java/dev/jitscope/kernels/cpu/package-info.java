/**
 * CPU kernels, one operator family per class (ElementwiseKernels, ReductionKernels, ConvolutionKernels, ...),
 * static methods on {@link dev.jitscope.tensor.Tensor}s and Python scalars. User mistakes (shape mismatch,
 * bad dtype) throw {@link dev.jitscope.diag.JitScopeException} with PyTorch's wording; the interpreter adds
 * the node's source range. May import ir-core and dev.ludovic.netlib only.
 */
package dev.jitscope.kernels.cpu;
