package dev.jitscope.frontend.lexer;

import java.util.HashMap;
import java.util.Map;

/**
 * The one table of token kinds: each kind has the name diagnostics show and, for keywords and
 * operators, the literal spelling the lexer matches (longest spelling first, see {@link #operators()}).
 */
public enum TokenKind {
    NAME("identifier", null),
    INT("integer literal", null),
    FLOAT("float literal", null),
    STRING("string literal", null),
    FSTRING("f-string", null),
    NEWLINE("newline", null),
    INDENT("indent", null),
    DEDENT("dedent", null),
    EOF("end of file", null),

    // keywords
    DEF("'def'", "def"), CLASS("'class'", "class"), RETURN("'return'", "return"), IF("'if'", "if"),
    ELIF("'elif'", "elif"), ELSE("'else'", "else"), FOR("'for'", "for"), WHILE("'while'", "while"),
    IN("'in'", "in"), NOT("'not'", "not"), AND("'and'", "and"), OR("'or'", "or"), IS("'is'", "is"),
    BREAK("'break'", "break"), CONTINUE("'continue'", "continue"), PASS("'pass'", "pass"),
    ASSERT("'assert'", "assert"), RAISE("'raise'", "raise"), WITH("'with'", "with"), AS("'as'", "as"),
    DEL("'del'", "del"), GLOBAL("'global'", "global"), NONLOCAL("'nonlocal'", "nonlocal"),
    IMPORT("'import'", "import"), FROM("'from'", "from"), LAMBDA("'lambda'", "lambda"),
    TRUE("'True'", "True"), FALSE("'False'", "False"), NONE("'None'", "None"),
    TRY("'try'", "try"), EXCEPT("'except'", "except"), FINALLY("'finally'", "finally"), YIELD("'yield'", "yield"),

    // operators and delimiters
    LPAREN("'('", "("), RPAREN("')'", ")"), LBRACKET("'['", "["), RBRACKET("']'", "]"),
    LBRACE("'{'", "{"), RBRACE("'}'", "}"), COMMA("','", ","), COLON("':'", ":"), SEMI("';'", ";"),
    DOT("'.'", "."), ELLIPSIS("'...'", "..."), ARROW("'->'", "->"), AT("'@'", "@"),
    ASSIGN("'='", "="), WALRUS("':='", ":="),
    PLUS("'+'", "+"), MINUS("'-'", "-"), STAR("'*'", "*"), POW("'**'", "**"), SLASH("'/'", "/"),
    FLOORDIV("'//'", "//"), PERCENT("'%'", "%"), TILDE("'~'", "~"), AMP("'&'", "&"), PIPE("'|'", "|"),
    CARET("'^'", "^"), LSHIFT("'<<'", "<<"), RSHIFT("'>>'", ">>"),
    EQ("'=='", "=="), NE("'!='", "!="), LT("'<'", "<"), GT("'>'", ">"), LE("'<='", "<="), GE("'>='", ">="),
    PLUS_EQ("'+='", "+="), MINUS_EQ("'-='", "-="), STAR_EQ("'*='", "*="), SLASH_EQ("'/='", "/="),
    FLOORDIV_EQ("'//='", "//="), PERCENT_EQ("'%='", "%="), POW_EQ("'**='", "**="), AT_EQ("'@='", "@="),
    AMP_EQ("'&='", "&="), PIPE_EQ("'|='", "|="), CARET_EQ("'^='", "^="), LSHIFT_EQ("'<<='", "<<="),
    RSHIFT_EQ("'>>='", ">>=");

    private final String display;
    private final String literal;

    TokenKind(String display, String literal) {
        this.display = display;
        this.literal = literal;
    }

    public String display() { return display; }
    public String literal() { return literal; }

    public boolean isKeyword() { return literal != null && Character.isLetter(literal.charAt(0)); }

    /** The augmented-assignment kinds, mapped to the binary operator they apply. */
    public TokenKind augmentedBase() {
        return switch (this) {
            case PLUS_EQ -> PLUS; case MINUS_EQ -> MINUS; case STAR_EQ -> STAR; case SLASH_EQ -> SLASH;
            case FLOORDIV_EQ -> FLOORDIV; case PERCENT_EQ -> PERCENT; case POW_EQ -> POW; case AT_EQ -> AT;
            case AMP_EQ -> AMP; case PIPE_EQ -> PIPE; case CARET_EQ -> CARET; case LSHIFT_EQ -> LSHIFT;
            case RSHIFT_EQ -> RSHIFT;
            default -> null;
        };
    }

    private static final Map<String, TokenKind> KEYWORDS = new HashMap<>();
    private static final TokenKind[] OPERATORS;
    static {
        java.util.List<TokenKind> ops = new java.util.ArrayList<>();
        for (TokenKind k : values()) {
            if (k.literal == null) continue;
            if (k.isKeyword()) KEYWORDS.put(k.literal, k); else ops.add(k);
        }
        ops.sort((a, b) -> b.literal.length() - a.literal.length());
        OPERATORS = ops.toArray(new TokenKind[0]);
    }

    public static TokenKind keyword(String word) { return KEYWORDS.get(word); }

    /** Operator kinds, longest literal first, so that maximal munch is a linear scan. */
    static TokenKind[] operators() { return OPERATORS; }
}
