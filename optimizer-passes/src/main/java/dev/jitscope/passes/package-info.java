/** optimizer-passes: graph-to-graph passes and the pass manager. May import kernels and ir-core. */
package dev.jitscope.passes;
