package dev.jitscope.frontend.lexer;

import dev.jitscope.ir.SourceRange;

/** A comment kept by the lexer; {@code # type: (...) -> ...} signatures are read from these. */
public record Comment(String text, SourceRange range) {
    public boolean isTypeComment() { return text.startsWith("# type:"); }
    /** The text after {@code # type:}, trimmed. */
    public String typeText() { return text.substring("# type:".length()).trim(); }
}
