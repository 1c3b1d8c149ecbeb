package dev.jitscope.trace.eager;

import dev.jitscope.ir.SourceRange;

/**
 * A point where eager execution turned tensor data (or a tensor's shape) into a Python value:
 * exactly what a trace bakes in.
 */
public record DivergenceEvent(Kind kind, SourceRange range, Object value, String detail) {
    public enum Kind { IF, WHILE, LOOP, SCALAR }
    // IF: bool(tensor) in an if condition (value: Boolean branch taken)
    // WHILE: bool(tensor) in a while condition (value: Boolean), one event per evaluation
    // LOOP: range()/iteration whose trip count came from a tensor (len(), .size(), .shape, iterating a tensor); value: Long trip count
    // SCALAR: int()/float()/.item()/bool() elsewhere, or a size-derived int feeding arithmetic; value: the Python value
}
