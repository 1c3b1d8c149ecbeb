/**
 * OpenCL backend (JOCL): {@link dev.jitscope.kernels.opencl.OpenClDevices} enumerates devices and
 * resolves "opencl" / "opencl:N"; {@link dev.jitscope.kernels.opencl.OpenClContext} owns a context,
 * an in-order profiling queue, a caching buffer pool and compiled programs; float32
 * {@link dev.jitscope.kernels.opencl.DeviceTensor}s are moved with upload/download. One launcher per
 * kernel family (BinaryOps, UnaryOps, ReductionOps, SoftmaxOps, MatmulOps, ConvolutionOps,
 * PoolingOps, NormalizationOps), each with its .cl resource in this package's resource folder.
 * {@link dev.jitscope.kernels.opencl.OpenClBackend} plugs all of it into the runtime Interpreter
 * through a derived OperatorRegistry, with host fallback for everything else. Fusion groups are not
 * a kernel family but generated code: {@link dev.jitscope.kernels.opencl.FusedKernelSource} writes
 * one kernel per group and argument signature, {@link dev.jitscope.kernels.opencl.FusedGroupKernels}
 * compiles, caches and launches it.
 */
package dev.jitscope.kernels.opencl;
