/** tracer: eager interpreter and tracing. May import scripter, kernels, ir-core. */
package dev.jitscope.trace;
