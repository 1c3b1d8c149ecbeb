/** kernels: operator implementations (CPU, OpenCL) and the graph executor. May import ir-core only. */
package dev.jitscope.kernels;
