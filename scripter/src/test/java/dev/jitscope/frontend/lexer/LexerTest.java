package dev.jitscope.frontend.lexer;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Source;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static dev.jitscope.frontend.lexer.TokenKind.*;
import static org.junit.jupiter.api.Assertions.*;

class LexerTest {

    private static List<Token> lex(String text) { return new Lexer(new Source("t.py", text)).tokenize(); }

    private static List<TokenKind> kinds(String text) { return lex(text).stream().map(Token::kind).collect(Collectors.toList()); }

    @Test
    void indentationBecomesIndentAndDedent() {
        assertEquals(List.of(DEF, NAME, LPAREN, RPAREN, COLON, NEWLINE, INDENT, RETURN, INT, NEWLINE, DEDENT, NAME, NEWLINE, EOF),
                kinds("def f():\n    return 1\n\n  # comment\nx\n"));
    }

    @Test
    void newlinesInsideBracketsAndAfterBackslashAreJoined() {
        assertEquals(List.of(NAME, ASSIGN, LPAREN, INT, COMMA, INT, RPAREN, NEWLINE, NAME, ASSIGN, INT, PLUS, INT, NEWLINE, EOF),
                kinds("x = (1,\n     2)\ny = 1 + \\\n  2\n"));
    }

    @Test
    void numberLiteralsInAllBases() {
        List<Token> t = lex("0x1F 0o17 0b101 1_000 1e-05 2.5 .5 3. 9223372036854775807");
        assertEquals(31L, t.get(0).value());
        assertEquals(15L, t.get(1).value());
        assertEquals(5L, t.get(2).value());
        assertEquals(1000L, t.get(3).value());
        assertEquals(1e-05, t.get(4).value());
        assertEquals(FLOAT, t.get(4).kind());
        assertEquals(2.5, t.get(5).value());
        assertEquals(0.5, t.get(6).value());
        assertEquals(3.0, t.get(7).value());
        assertEquals(Long.MAX_VALUE, t.get(8).value());
    }

    @Test
    void stringsWithEveryQuoteStyleRawAndEscapes() {
        List<Token> t = lex("'a\\n' \"b\" '''c\nd''' r'\\d' \"\"\"e\"\"\"");
        assertEquals("a\n", t.get(0).value());
        assertEquals("b", t.get(1).value());
        assertEquals("c\nd", t.get(2).value());
        assertEquals("\\d", t.get(3).value());
        assertEquals("e", t.get(4).value());
    }

    @Test
    void fStringKeepsItsBodyForTheParser() {
        Token t = lex("f'n={n}'").get(0);
        assertEquals(FSTRING, t.kind());
        assertEquals("n={n}", t.value());
    }

    @Test
    void longestOperatorWins() {
        assertEquals(List.of(NAME, FLOORDIV_EQ, NAME, POW, NAME, ARROW, ELLIPSIS, NE, RSHIFT_EQ, NEWLINE, EOF),
                kinds("a //= b ** c -> ... != >>="));
    }

    @Test
    void typeCommentsAreKept() {
        Lexer l = new Lexer(new Source("t.py", "def f(x):\n    # type: (int) -> int\n    return x\n"));
        l.tokenize();
        assertTrue(l.comments().get(0).isTypeComment());
        assertEquals("(int) -> int", l.comments().get(0).typeText());
    }

    @Test
    void badIndentationIsADiagnosticWithACaret() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> lex("if x:\n    a\n  b\n"));
        assertTrue(e.render().startsWith("t.py:3:1: error: unindent does not match"), e.render());
    }

    @Test
    void unterminatedStringPointsAtItsStart() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> lex("x = 'abc\n"));
        assertEquals("t.py:1:5", e.range().location());
    }
}
