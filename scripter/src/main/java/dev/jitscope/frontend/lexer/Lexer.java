package dev.jitscope.frontend.lexer;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceRange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Python-style tokenizer for the TorchScript subset. Produces the whole token list at once:
 * NEWLINE ends each logical line, an indent stack emits INDENT / DEDENT, newlines inside
 * brackets and after a backslash are joined, blank and comment-only lines produce nothing.
 * Comments are kept aside ({@link #comments()}) so {@code # type:} signatures stay available.
 */
public final class Lexer {
    private final Source source;
    private final String text;
    private final int end;
    private final boolean fragment;
    private int pos;
    private int depth;                       // open brackets: newlines inside are joined
    private final Deque<Integer> indents = new ArrayDeque<>();
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();

    public Lexer(Source source) { this(source, 0, source.text().length(), false); }

    /**
     * Lexes {@code [start, end)} of a source as a single expression (no indentation, newlines
     * joined), used for the expression parts of f-strings so that their ranges point into the file.
     */
    public static Lexer fragment(Source source, int start, int end) { return new Lexer(source, start, end, true); }

    private Lexer(Source source, int start, int end, boolean fragment) {
        this.source = source;
        this.text = source.text();
        this.pos = start;
        this.end = end;
        this.fragment = fragment;
        indents.push(0);
        if (fragment) depth = 1;
    }

    public List<Comment> comments() { return comments; }

    public List<Token> tokenize() {
        if (!fragment) readIndentation();
        while (true) {
            skipSpacesAndComments();
            if (pos >= end) break;
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                int s = pos;
                pos += (c == '\r' && pos + 1 < end && text.charAt(pos + 1) == '\n') ? 2 : 1;
                if (depth == 0) {
                    add(TokenKind.NEWLINE, s, s + 1, null);
                    readIndentation();
                }
                continue;
            }
            if (c == '\\' && pos + 1 < end && (text.charAt(pos + 1) == '\n' || text.charAt(pos + 1) == '\r')) {
                pos += 2;
                if (pos < end && text.charAt(pos - 1) == '\r' && text.charAt(pos) == '\n') pos++;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && pos + 1 < end && Character.isDigit(text.charAt(pos + 1)))) {
                readNumber();
            } else if (isIdentStart(c)) {
                readNameOrString();
            } else if (c == '"' || c == '\'') {
                readString(pos, false, false);
            } else {
                readOperator();
            }
        }
        if (!fragment) {
            if (!tokens.isEmpty() && last().kind() != TokenKind.NEWLINE) add(TokenKind.NEWLINE, end, end, null);
            while (indents.peek() > 0) {
                indents.pop();
                add(TokenKind.DEDENT, end, end, null);
            }
        }
        add(TokenKind.EOF, end, end, null);
        return tokens;
    }

    private Token last() { return tokens.get(tokens.size() - 1); }

    private void add(TokenKind kind, int s, int e, Object value) {
        tokens.add(new Token(kind, source.range(s, e), value));
    }

    private JitScopeException error(String message, int s, int e) {
        return new JitScopeException(message, source.range(s, Math.max(e, s + 1)));
    }

    /** At the start of a physical line: measure indentation, skip blank lines, emit INDENT/DEDENT. */
    private void readIndentation() {
        while (pos < end) {
            int lineStart = pos;
            int col = 0;
            while (pos < end && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                col = text.charAt(pos) == '\t' ? (col / 8 + 1) * 8 : col + 1;
                pos++;
            }
            if (pos >= end) return;
            char c = text.charAt(pos);
            if (c == '#') {
                readComment();
                continue;
            }
            if (c == '\n' || c == '\r') {
                pos++;
                if (c == '\r' && pos < end && text.charAt(pos) == '\n') pos++;
                continue;
            }
            if (col > indents.peek()) {
                indents.push(col);
                add(TokenKind.INDENT, lineStart, pos, null);
            } else {
                while (col < indents.peek()) {
                    indents.pop();
                    add(TokenKind.DEDENT, pos, pos, null);
                }
                if (col != indents.peek()) throw error("unindent does not match any outer indentation level", lineStart, pos);
            }
            return;
        }
    }

    private void readComment() {
        int s = pos;
        while (pos < end && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') pos++;
        comments.add(new Comment(text.substring(s, pos), source.range(s, pos)));
    }

    private void skipSpacesAndComments() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') pos++;
            else if (c == '#') readComment();
            else if (depth > 0 && (c == '\n' || c == '\r')) pos++;
            else return;
        }
    }

    private static boolean isIdentStart(char c) { return Character.isLetter(c) || c == '_'; }
    private static boolean isIdentPart(char c) { return Character.isLetterOrDigit(c) || c == '_'; }

    private void readNameOrString() {
        int s = pos;
        while (pos < end && isIdentPart(text.charAt(pos))) pos++;
        String word = text.substring(s, pos);
        if (pos < end && (text.charAt(pos) == '"' || text.charAt(pos) == '\'') && word.length() <= 2) {
            String p = word.toLowerCase();
            boolean raw = p.contains("r");
            boolean f = p.contains("f");
            if (p.equals("r") || p.equals("f") || p.equals("rf") || p.equals("fr") || p.equals("u")) {
                readString(s, raw, f);
                return;
            }
            if (p.contains("b")) throw error("bytes literals are not supported", s, pos);
        }
        TokenKind kw = TokenKind.keyword(word);
        add(kw != null ? kw : TokenKind.NAME, s, pos, kw != null ? null : word);
    }

    private void readNumber() {
        int s = pos;
        char c = text.charAt(pos);
        if (c == '0' && pos + 1 < end && "xXoObB".indexOf(text.charAt(pos + 1)) >= 0) {
            char base = Character.toLowerCase(text.charAt(pos + 1));
            int radix = base == 'x' ? 16 : base == 'o' ? 8 : 2;
            pos += 2;
            int ds = pos;
            while (pos < end && (Character.digit(text.charAt(pos), radix) >= 0 || text.charAt(pos) == '_')) pos++;
            String digits = text.substring(ds, pos).replace("_", "");
            if (digits.isEmpty() || (pos < end && isIdentPart(text.charAt(pos))))
                throw error("invalid number literal", s, pos + 1);
            add(TokenKind.INT, s, pos, parseLong(digits, radix, s));
            return;
        }
        boolean isFloat = false;
        while (pos < end && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        if (pos < end && text.charAt(pos) == '.' && !(pos + 1 < end && text.charAt(pos + 1) == '.')) {
            isFloat = true;
            pos++;
            while (pos < end && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        }
        if (pos < end && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < end && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            if (pos < end && Character.isDigit(text.charAt(pos))) {
                isFloat = true;
                while (pos < end && Character.isDigit(text.charAt(pos))) pos++;
            } else {
                pos = save;
            }
        }
        if (pos < end && (text.charAt(pos) == 'j' || text.charAt(pos) == 'J')) throw error("complex literals are not supported", s, pos + 1);
        if (pos < end && isIdentStart(text.charAt(pos))) throw error("invalid number literal", s, pos + 1);
        String lit = text.substring(s, pos).replace("_", "");
        if (isFloat) add(TokenKind.FLOAT, s, pos, Double.parseDouble(lit));
        else {
            if (lit.length() > 1 && lit.startsWith("0") && !lit.matches("0+"))
                throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", s, pos);
            add(TokenKind.INT, s, pos, parseLong(lit, 10, s));
        }
    }

    private long parseLong(String digits, int radix, int s) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            try {
                // two's complement wrap like PyTorch's int64 for values up to 2^64-1
                return Long.parseUnsignedLong(digits, radix);
            } catch (NumberFormatException e2) {
                throw error("integer literal out of range for int64", s, pos);
            }
        }
    }

    /** Reads a string literal whose prefix starts at {@code s} and whose quote is at {@code pos}. */
    private void readString(int s, boolean raw, boolean fstring) {
        char q = text.charAt(pos);
        boolean triple = pos + 2 < end && text.charAt(pos + 1) == q && text.charAt(pos + 2) == q;
        pos += triple ? 3 : 1;
        int bodyStart = pos;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= end) throw error("unterminated string literal", s, pos);
            char c = text.charAt(pos);
            if (c == q && (!triple || (pos + 2 < end && text.charAt(pos + 1) == q && text.charAt(pos + 2) == q))) break;
            if (!triple && (c == '\n' || c == '\r')) throw error("unterminated string literal", s, pos);
            if (c == '\\' && pos + 1 < end) {
                char n = text.charAt(pos + 1);
                if (raw || fstring) {
                    sb.append(c).append(n);
                    pos += 2;
                    continue;
                }
                pos += 2;
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    case 'a' -> sb.append('\u0007');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'v' -> sb.append('\u000b');
                    case '\\' -> sb.append('\\');
                    case '\'' -> sb.append('\'');
                    case '"' -> sb.append('"');
                    case '\n' -> { }
                    case 'x' -> sb.append((char) hex(pos, 2, s));
                    case 'u' -> sb.append((char) hex(pos, 4, s));
                    default -> sb.append('\\').append(n);
                }
                continue;
            }
            sb.append(c);
            pos++;
        }
        int bodyEnd = pos;
        pos += triple ? 3 : 1;
        if (fstring) {
            tokens.add(new Token(TokenKind.FSTRING, source.range(s, pos), text.substring(bodyStart, bodyEnd), bodyStart));
        } else {
            add(TokenKind.STRING, s, pos, sb.toString());
        }
    }

    private int hex(int at, int n, int s) {
        if (at + n > end) throw error("truncated escape sequence", s, at);
        try {
            int v = Integer.parseInt(text.substring(at, at + n), 16);
            pos = at + n;
            return v;
        } catch (NumberFormatException e) {
            throw error("invalid escape sequence", at - 2, at + n);
        }
    }

    private void readOperator() {
        for (TokenKind k : TokenKind.operators()) {
            String lit = k.literal();
            if (text.startsWith(lit, pos) && pos + lit.length() <= end) {
                int s = pos;
                pos += lit.length();
                switch (k) {
                    case LPAREN, LBRACKET, LBRACE -> depth++;
                    case RPAREN, RBRACKET, RBRACE -> depth = Math.max(fragment ? 1 : 0, depth - 1);
                    default -> { }
                }
                add(k, s, pos, null);
                return;
            }
        }
        throw error("unexpected character '" + text.charAt(pos) + "'", pos, pos + 1);
    }

    public SourceRange rangeAt(int offset) { return source.range(offset, offset + 1); }
}
