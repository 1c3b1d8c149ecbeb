/** Checking that a pipeline kept a graph's results: comparing outputs of runs before and after it. */
package dev.jitscope.passes.verify;
