/**
 * The built-in passes, one per file, each a stateless singleton ({@code INSTANCE}) listed in
 * {@link dev.jitscope.passes.builtin.BuiltinPasses}; named pipelines are in
 * {@link dev.jitscope.passes.PassRegistry}.
 */
package dev.jitscope.passes.builtin;
