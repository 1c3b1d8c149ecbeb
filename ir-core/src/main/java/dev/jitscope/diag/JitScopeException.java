package dev.jitscope.diag;

import dev.jitscope.ir.SourceRange;

/**
 * A user-facing failure: what went wrong, where, and what was expected. The command line prints
 * {@link #render()} and exits 1; the workbench shows it at the place. A stack trace is never shown
 * for one of these.
 */
public class JitScopeException extends RuntimeException {
    private final SourceRange range;   // may be null
    private final String where;        // archive entry or file when there is no range; may be null

    public JitScopeException(String message) { this(message, null, null, null); }
    public JitScopeException(String message, SourceRange range) { this(message, range, null, null); }
    public JitScopeException(String message, String where) { this(message, null, where, null); }
    public JitScopeException(String message, SourceRange range, String where, Throwable cause) {
        super(message, cause);
        this.range = range;
        this.where = where;
    }

    public SourceRange range() { return range; }
    public String where() { return where; }

    /** Full diagnostic text: "file:line:col: error: message" plus the source line with a caret. */
    public String render() {
        if (range != null) return range.location() + ": error: " + getMessage() + "\n" + range.highlight();
        if (where != null) return where + ": error: " + getMessage();
        return "error: " + getMessage();
    }
}
