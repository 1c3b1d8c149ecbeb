/**
 * The executor: {@link dev.jitscope.runtime.OperatorRegistry} maps schema strings to kernels,
 * {@link dev.jitscope.runtime.Interpreter} compiles a Graph once into an instruction array and runs it on
 * Java-object values. May import ir-core and dev.jitscope.kernels.
 */
package dev.jitscope.runtime;
