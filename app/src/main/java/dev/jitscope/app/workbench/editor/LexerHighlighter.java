package dev.jitscope.app.workbench.editor;

import dev.jitscope.frontend.lexer.Comment;
import dev.jitscope.frontend.lexer.Lexer;
import dev.jitscope.frontend.lexer.Token;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Highlighting from the frontend's own lexer, so the editor colours exactly what the compiler
 * will read. Text the lexer rejects (an unterminated string while typing) keeps the spans found
 * before the error.
 */
public final class LexerHighlighter implements SyntaxHighlighter {
    private static final Set<String> BUILTINS = Set.of("self", "torch", "nn", "super", "len", "range", "int",
            "float", "bool", "str", "List", "Dict", "Tuple", "Optional", "Tensor");

    @Override
    public List<Span> highlight(String text) {
        Source source = new Source("editor", text);
        Lexer lexer = new Lexer(source);
        List<Span> spans = new ArrayList<>();
        List<Token> tokens;
        try {
            tokens = lexer.tokenize();
        } catch (JitScopeException e) {
            tokens = List.of();
        }
        for (Token t : tokens) {
            String style = styleOf(t);
            if (style != null && t.range().end() > t.range().start()) spans.add(new Span(t.range().start(), t.range().end(), style));
        }
        for (Comment c : lexer.comments()) spans.add(new Span(c.range().start(), c.range().end(), "comment"));
        spans.sort(Comparator.comparingInt(Span::start));
        return spans;
    }

    private static String styleOf(Token t) {
        TokenKind k = t.kind();
        if (k.isKeyword()) return "keyword";
        return switch (k) {
            case STRING, FSTRING -> "string";
            case INT, FLOAT -> "number";
            case NAME -> BUILTINS.contains(t.text()) ? "builtin" : null;
            default -> null;
        };
    }
}
