package dev.jitscope.ir.parse;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Source;

/**
 * A character cursor over one text with the small lexical helpers that schema, type and graph
 * parsers share; errors are {@link JitScopeException}s pointing at the offending column.
 */
public final class Cursor {
    private final Source source;
    private final String text;
    private int pos;

    public Cursor(Source source) { this.source = source; this.text = source.text(); }
    public Cursor(String name, String text) { this(new Source(name, text)); }

    public Source source() { return source; }
    public int pos() { return pos; }
    public void seek(int p) { pos = p; }
    public boolean atEnd() { return pos >= text.length(); }
    public char peek() { return pos < text.length() ? text.charAt(pos) : '\0'; }
    public char peek(int ahead) { return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0'; }
    public String text() { return text; }

    /** Skips spaces and tabs (not newlines). */
    public void skipBlanks() { while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) pos++; }

    /** Skips all whitespace including newlines. */
    public void skipWhitespace() { while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++; }

    public boolean startsWith(String s) { return text.startsWith(s, pos); }

    /** Consumes {@code s} (after blanks) when present. */
    public boolean accept(String s) {
        skipBlanks();
        if (!text.startsWith(s, pos)) return false;
        pos += s.length();
        return true;
    }

    public void expect(String s) {
        if (!accept(s)) throw error("expected '" + s + "' but found " + describeHere());
    }

    /** An identifier: letters, digits, underscore. */
    public String identifier() {
        skipBlanks();
        int s = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        if (s == pos) throw error("expected a name but found " + describeHere());
        return text.substring(s, pos);
    }

    public boolean atIdentifier() {
        skipBlanks();
        char c = peek();
        return Character.isLetter(c) || c == '_';
    }

    /** A double- or single-quoted string literal with C/Python escapes, returning its value. */
    public String stringLiteral() {
        skipBlanks();
        char q = peek();
        if (q != '"' && q != '\'') throw error("expected a string but found " + describeHere());
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) { pos = start; throw error("unterminated string"); }
            char c = text.charAt(pos++);
            if (c == q) break;
            if (c != '\\') { sb.append(c); continue; }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'f' -> sb.append('\f');
                case 'b' -> sb.append('\b');
                case 'a' -> sb.append((char) 7);
                case 'v' -> sb.append((char) 11);
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; k++) v = v * 8 + (text.charAt(pos++) - '0');
                    sb.append((char) v);
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    /** A number literal as written ({@code -1}, {@code 1.}, {@code 1e-05}, {@code inf}); returns Long or Double. */
    public Object number() {
        skipBlanks();
        int s = pos;
        if (peek() == '-' || peek() == '+') pos++;
        if (startsWith("inf")) { pos += 3; return text.charAt(s) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; }
        if (startsWith("nan")) { pos += 3; return Double.NaN; }
        boolean isFloat = false;
        while (Character.isDigit(peek())) pos++;
        if (peek() == '.') { isFloat = true; pos++; while (Character.isDigit(peek())) pos++; }
        if ((peek() == 'e' || peek() == 'E') && (Character.isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && Character.isDigit(peek(2))))) {
            isFloat = true;
            pos += 2;
            while (Character.isDigit(peek())) pos++;
        }
        String lit = text.substring(s, pos);
        if (lit.isEmpty() || lit.equals("-") || lit.equals("+")) { pos = s; throw error("expected a number but found " + describeHere()); }
        try {
            return isFloat ? (Object) Double.parseDouble(lit) : (Object) Long.parseLong(lit);
        } catch (NumberFormatException ex) {
            pos = s;
            throw error("bad number '" + lit + "'");
        }
    }

    public boolean atNumber() {
        skipBlanks();
        char c = peek();
        return Character.isDigit(c) || ((c == '-' || c == '+') && (Character.isDigit(peek(1)) || peek(1) == 'i' || peek(1) == '.'))
                || (c == '.' && Character.isDigit(peek(1)));
    }

    public String describeHere() {
        if (atEnd()) return "end of input";
        int e = pos;
        while (e < text.length() && e < pos + 12 && text.charAt(e) != '\n') e++;
        return "'" + text.substring(pos, Math.max(e, pos + 1)) + "'";
    }

    public JitScopeException error(String message) {
        int at = Math.min(pos, text.length());
        return new JitScopeException(message, source.range(at, Math.min(at + 1, text.length())));
    }
}
