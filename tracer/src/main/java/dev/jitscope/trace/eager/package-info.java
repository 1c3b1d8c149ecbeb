/**
 * The eager interpreter: runs a model source file (and the nn library's sources) the way CPython
 * would, over the scripter's AST, with tensors going through the kernels' operator registry.
 *
 * <p>Entry point {@link dev.jitscope.trace.eager.EagerSession}: {@code load(source)} runs the top
 * level, {@code instantiate} builds a module ({@link dev.jitscope.trace.eager.ModuleInstance}),
 * {@code call} runs forward through nn.Module's __call__. An {@link dev.jitscope.trace.eager.EagerObserver}
 * sees every operator (schema, schema-ordered arguments, result, source range), every module call,
 * and every {@link dev.jitscope.trace.eager.DivergenceEvent}: the points where a tensor decided
 * Python control flow or became a Python number, which is what a trace bakes in.
 *
 * <p>Values are the interpreter's plain runtime values (Tensor, Long, Double, Boolean, String,
 * null, List, Tuple, LinkedHashMap, Device) plus PyObject/ModuleInstance. Numbers read from a
 * tensor's shape or data are distinct boxed objects remembered by identity ({@code Taint}), so they
 * stay recognisable as they flow through lists, arithmetic and operator arguments; dtype values are
 * Long ScalarType codes, remembered the same way so print() names them.
 *
 * <p>Structure: {@code Evaluator} (statements, expressions, calls, attributes, iteration),
 * {@code PyOps} (operators), {@code Builtins} (built-in functions, list/dict/str methods),
 * {@code TensorAccess} (tensor attributes, methods, indexing), {@code ModuleSemantics}
 * (nn.Module in Java), {@code Namespaces} (torch, nn, F, init, jit, math, typing, copy, imports),
 * {@code OpDispatcher} (overload choice by schema, as PyTorch's Python bindings do).
 */
package dev.jitscope.trace.eager;
