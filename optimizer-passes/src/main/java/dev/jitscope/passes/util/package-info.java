/** Helpers shared by passes: constants, side-effect/mutation facts, graph copying, folding, printing. */
package dev.jitscope.passes.util;
