package dev.jitscope.frontend.ast;

import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.SourceRange;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of the TorchScript language. Every node carries the {@link SourceRange} it was
 * parsed from; the records check their shape when built, so the emitter can rely on it.
 *
 * <pre>
 * module      := (NEWLINE | stmt)* EOF
 * stmt        := compound | simple (';' simple)* [';'] NEWLINE
 * compound    := decorator* def | decorator* class | if | for | while | with
 * decorator   := '@' expr NEWLINE
 * def         := 'def' NAME '(' [params] ')' ['->' expr] ':' suite
 * params      := param (',' param)* [',']          ('*args' and '**kwargs' are rejected)
 * param       := NAME [':' expr] ['=' expr] | '*'   (a bare '*' makes the rest keyword-only)
 * class       := 'class' NAME ['(' [exprs] ')'] ':' suite
 * if          := 'if' expr ':' suite ('elif' expr ':' suite)* ['else' ':' suite]
 * for         := 'for' targets 'in' exprlist ':' suite
 * while       := 'while' expr ':' suite
 * with        := 'with' expr ['as' target] (',' expr ['as' target])* ':' suite
 * suite       := simple_line | NEWLINE INDENT stmt+ DEDENT
 * simple      := 'pass' | 'break' | 'continue' | 'return' [exprlist] | 'raise' [expr ['from' expr]]
 *              | 'assert' expr [',' expr] | 'del' exprlist | 'import' dotted ['as' NAME] (',' ...)*
 *              | 'from' dotted 'import' (NAME ['as' NAME])+ | 'global' ... (rejected)
 *              | exprlist ('=' exprlist)* | target ':' expr ['=' expr] | target AUGOP expr
 * exprlist    := expr_or_star (',' expr_or_star)* [',']       (a tuple when there is a comma)
 * expr        := or ['if' or 'else' expr] | 'lambda' ... (rejected)
 * or          := and ('or' and)*
 * and         := not ('and' not)*
 * not         := 'not' not | comparison
 * comparison  := bitor (('<'|'>'|'=='|'>='|'<='|'!='|'in'|'not' 'in'|'is'|'is' 'not') bitor)*
 * bitor       := bitxor ('|' bitxor)*;  bitxor := bitand ('^' bitand)*;  bitand := shift ('&' shift)*
 * shift       := arith (('<<'|'>>') arith)*
 * arith       := term (('+'|'-') term)*
 * term        := factor (('*'|'/'|'//'|'%'|'@') factor)*
 * factor      := ('+'|'-'|'~') factor | power
 * power       := primary ['**' factor]
 * primary     := atom ('.' NAME | '(' [args] ')' | '[' subscripts ']')*
 * args        := (expr | '*' expr | NAME '=' expr) (',' ...)* [',']
 * subscripts  := subscript (',' subscript)* [',']
 * subscript   := expr | [expr] ':' [expr] [':' [expr]]
 * atom        := NAME | INT | FLOAT | STRING+ | FSTRING | 'True' | 'False' | 'None' | '...'
 *              | '(' [exprlist] ')' | '[' [exprlist | expr comp_for] ']'
 *              | '{' [dict_items | expr ':' expr comp_for | exprlist] '}'
 * comp_for    := 'for' targets 'in' or ['if' or]
 * </pre>
 */
public final class Ast {
    private Ast() { }

    static void require(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException("malformed AST: " + what);
    }

    // ---------------------------------------------------------------- expressions

    public sealed interface Expr permits Name, Const, EllipsisLit, FString, Attribute, Subscript, Slice, Call,
            Starred, BinOp, UnaryOp, BoolOp, Compare, IfExp, ListLit, TupleLit, DictLit, SetLit, ListComp, DictComp {
        SourceRange range();
    }

    public record Name(SourceRange range, String id) implements Expr {
        public Name { require(id != null && !id.isEmpty(), "Name needs an identifier"); }
    }

    /** A literal: Long, Double, Boolean, String, or null for None. */
    public record Const(SourceRange range, Object value) implements Expr {
        public Const {
            require(value == null || value instanceof Long || value instanceof Double || value instanceof Boolean
                    || value instanceof String, "Const literal");
        }
    }

    public record EllipsisLit(SourceRange range) implements Expr { }

    /** An f-string lowered to a format template with {@code {}} holes and the expressions that fill them. */
    public record FString(SourceRange range, String template, List<Expr> values) implements Expr {
        public FString { values = List.copyOf(values); }
    }

    public record Attribute(SourceRange range, Expr value, String name, SourceRange nameRange) implements Expr {
        public Attribute { Objects.requireNonNull(value); require(name != null, "Attribute needs a name"); }
    }

    /** {@code value[i]} or {@code value[i, j:k, None, ...]}: one entry per comma-separated index. */
    public record Subscript(SourceRange range, Expr value, List<Expr> indices) implements Expr {
        public Subscript { indices = List.copyOf(indices); require(!indices.isEmpty(), "Subscript needs an index"); }
    }

    /** Only inside a Subscript; absent bounds are null. */
    public record Slice(SourceRange range, Expr lower, Expr upper, Expr step) implements Expr { }

    public record Keyword(SourceRange range, String name, Expr value) { }

    public record Call(SourceRange range, Expr func, List<Expr> args, List<Keyword> keywords) implements Expr {
        public Call { args = List.copyOf(args); keywords = List.copyOf(keywords); }
    }

    public record Starred(SourceRange range, Expr value) implements Expr { }

    public record BinOp(SourceRange range, TokenKind op, Expr left, Expr right) implements Expr { }

    /** {@code op} is one of MINUS, PLUS, TILDE, NOT. */
    public record UnaryOp(SourceRange range, TokenKind op, Expr operand) implements Expr {
        public UnaryOp {
            require(op == TokenKind.MINUS || op == TokenKind.PLUS || op == TokenKind.TILDE || op == TokenKind.NOT, "unary " + op);
        }
    }

    /** {@code op} is AND or OR. */
    public record BoolOp(SourceRange range, TokenKind op, Expr left, Expr right) implements Expr {
        public BoolOp { require(op == TokenKind.AND || op == TokenKind.OR, "bool op " + op); }
    }

    public enum CmpOp {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IS("is"), IS_NOT("is not"), IN("in"), NOT_IN("not in");
        private final String symbol;
        CmpOp(String symbol) { this.symbol = symbol; }
        public String symbol() { return symbol; }
    }

    /** A comparison chain {@code a < b <= c}: ops.size() == comparators.size(). */
    public record Compare(SourceRange range, Expr left, List<CmpOp> ops, List<Expr> comparators) implements Expr {
        public Compare {
            ops = List.copyOf(ops);
            comparators = List.copyOf(comparators);
            require(!ops.isEmpty() && ops.size() == comparators.size(), "Compare arity");
        }
    }

    public record IfExp(SourceRange range, Expr test, Expr body, Expr orElse) implements Expr { }

    public record ListLit(SourceRange range, List<Expr> elts) implements Expr {
        public ListLit { elts = List.copyOf(elts); }
    }

    public record TupleLit(SourceRange range, List<Expr> elts) implements Expr {
        public TupleLit { elts = List.copyOf(elts); }
    }

    public record DictLit(SourceRange range, List<Expr> keys, List<Expr> values) implements Expr {
        public DictLit { keys = List.copyOf(keys); values = List.copyOf(values); require(keys.size() == values.size(), "Dict arity"); }
    }

    public record SetLit(SourceRange range, List<Expr> elts) implements Expr {
        public SetLit { elts = List.copyOf(elts); }
    }

    /** {@code [elt for target in iter if cond]}; cond may be null. */
    public record ListComp(SourceRange range, Expr elt, Expr target, Expr iter, Expr cond) implements Expr { }

    public record DictComp(SourceRange range, Expr key, Expr value, Expr target, Expr iter, Expr cond) implements Expr { }

    // ---------------------------------------------------------------- statements

    public sealed interface Stmt permits FunctionDef, ClassDef, If, For, While, With, Return, Break, Continue, Pass,
            Assert, Raise, Delete, Import, Assign, AnnAssign, AugAssign, ExprStmt {
        SourceRange range();
    }

    /**
     * A parameter; {@code annotation} and {@code defaultValue} may be null. {@code *args} and
     * {@code **kwargs} parse (eager execution runs them); the script emitter rejects them.
     */
    public record Param(SourceRange range, String name, Expr annotation, Expr defaultValue, boolean keywordOnly, ParamKind kind) {
        public Param(SourceRange range, String name, Expr annotation, Expr defaultValue, boolean keywordOnly) {
            this(range, name, annotation, defaultValue, keywordOnly, ParamKind.PLAIN);
        }
    }

    /** PLAIN: a named parameter; VAR_POSITIONAL: {@code *args}; VAR_KEYWORD: {@code **kwargs}. */
    public enum ParamKind { PLAIN, VAR_POSITIONAL, VAR_KEYWORD }

    /** {@code typeComment} is the {@code # type: (...) -> ...} text after the signature, or null. */
    public record FunctionDef(SourceRange range, SourceRange nameRange, String name, List<Expr> decorators,
                              List<Param> params, Expr returns, List<Stmt> body, String typeComment) implements Stmt {
        public FunctionDef {
            decorators = List.copyOf(decorators);
            params = List.copyOf(params);
            body = List.copyOf(body);
            require(!body.isEmpty(), "def needs a body");
        }
    }

    public record ClassDef(SourceRange range, String name, List<Expr> bases, List<Expr> decorators, List<Stmt> body) implements Stmt {
        public ClassDef { bases = List.copyOf(bases); decorators = List.copyOf(decorators); body = List.copyOf(body); }
    }

    public record If(SourceRange range, Expr test, List<Stmt> body, List<Stmt> orElse) implements Stmt {
        public If { body = List.copyOf(body); orElse = List.copyOf(orElse); }
    }

    public record For(SourceRange range, Expr target, Expr iter, List<Stmt> body) implements Stmt {
        public For { body = List.copyOf(body); }
    }

    public record While(SourceRange range, Expr test, List<Stmt> body) implements Stmt {
        public While { body = List.copyOf(body); }
    }

    public record WithItem(SourceRange range, Expr context, Expr target) { }

    public record With(SourceRange range, List<WithItem> items, List<Stmt> body) implements Stmt {
        public With { items = List.copyOf(items); body = List.copyOf(body); }
    }

    public record Return(SourceRange range, Expr value) implements Stmt { }
    public record Break(SourceRange range) implements Stmt { }
    public record Continue(SourceRange range) implements Stmt { }
    public record Pass(SourceRange range) implements Stmt { }
    public record Assert(SourceRange range, Expr test, Expr message) implements Stmt { }
    public record Raise(SourceRange range, Expr exception) implements Stmt { }

    public record Delete(SourceRange range, List<Expr> targets) implements Stmt {
        public Delete { targets = List.copyOf(targets); }
    }

    public record ImportName(String name, String asName) { }

    /** {@code import a.b as c} (module null) or {@code from module import x as y}. */
    public record Import(SourceRange range, String module, List<ImportName> names) implements Stmt {
        public Import { names = List.copyOf(names); }
    }

    /** {@code t1 = t2 = value}: all targets receive the value. */
    public record Assign(SourceRange range, List<Expr> targets, Expr value) implements Stmt {
        public Assign { targets = List.copyOf(targets); require(!targets.isEmpty(), "Assign needs a target"); }
    }

    /** {@code target : annotation [= value]}; value may be null (a class attribute declaration). */
    public record AnnAssign(SourceRange range, Expr target, Expr annotation, Expr value) implements Stmt { }

    public record AugAssign(SourceRange range, Expr target, TokenKind op, Expr value) implements Stmt { }

    public record ExprStmt(SourceRange range, Expr value) implements Stmt { }

    /** A parsed file. */
    public record SourceFile(dev.jitscope.ir.Source source, List<Stmt> body) {
        public SourceFile { body = List.copyOf(body); }
    }
}
