/**
 * The built-in passes, one per file, each a stateless singleton ({@code INSTANCE}) listed in
 * {@link dev.jitscope.passes.builtin.BuiltinPasses}; named pipelines are in
 * {@link dev.jitscope.passes.PassRegistry}. Where ir-core's {@code dev.jitscope.ir.transform} already
 * implements an idea (inlining, dead code, scalar constant propagation, type-independent peepholes,
 * constant pooling, If splicing) the pass wraps it and adds only what needs kernels or alias facts.
 * prim::FusionGroup nodes made here are run by the kernels' interpreter ({@code FusedElementwise}).
 */
package dev.jitscope.passes.builtin;
