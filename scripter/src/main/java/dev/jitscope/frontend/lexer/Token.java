package dev.jitscope.frontend.lexer;

import dev.jitscope.ir.SourceRange;

/**
 * One token. {@code value} is the decoded payload: the identifier, a Long or Double for numbers,
 * the decoded String for string literals; for f-strings it is the raw body between the quotes
 * (the parser splits it into literal and expression parts), with {@code bodyStart} its offset.
 */
public record Token(TokenKind kind, SourceRange range, Object value, int bodyStart) {

    public Token(TokenKind kind, SourceRange range, Object value) { this(kind, range, value, -1); }

    public String text() { return range.text(); }

    /** What a diagnostic shows for this token: "identifier 'foo'", "'('", "newline". */
    public String describe() {
        return switch (kind) {
            case NAME, INT, FLOAT, STRING, FSTRING -> kind.display() + " '" + text() + "'";
            default -> kind.display();
        };
    }

    @Override public String toString() { return kind + (value != null ? "(" + value + ")" : ""); }
}
