package dev.jitscope.trace.eager;

import dev.jitscope.ir.SourceRange;

/**
 * A point where eager execution turned a tensor (or a value derived from a tensor's data or shape)
 * into a Python value: what a trace bakes in.
 *
 * @param range  the condition, call or expression that did it
 * @param value  IF/WHILE: Boolean taken; LOOP: Long trip count; SCALAR: the Python value
 * @param detail a short human description ("bool(tensor) in if condition", "x.size(0) feeds range()")
 */
public record DivergenceEvent(Kind kind, SourceRange range, Object value, String detail) {
    public enum Kind {
        /** bool(tensor) or a tensor-derived bool in an if condition. */
        IF,
        /** bool(tensor) or a tensor-derived bool in a while condition, one event per evaluation. */
        WHILE,
        /** range()/iteration whose trip count came from a tensor (len, size, shape, iterating a tensor). */
        LOOP,
        /** int()/float()/.item()/bool() elsewhere, or a size-derived number feeding arithmetic. */
        SCALAR
    }
}
