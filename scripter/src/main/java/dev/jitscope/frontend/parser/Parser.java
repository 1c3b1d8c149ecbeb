package dev.jitscope.frontend.parser;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.ast.Ast.*;
import dev.jitscope.frontend.lexer.Comment;
import dev.jitscope.frontend.lexer.Lexer;
import dev.jitscope.frontend.lexer.Token;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceRange;

import java.util.ArrayList;
import java.util.List;

import static dev.jitscope.frontend.lexer.TokenKind.*;

/** Recursive-descent parser for the grammar documented on {@link Ast}. */
public final class Parser {
    private final Source source;
    private final List<Token> tokens;
    private final List<Comment> comments;
    private int p;

    private Parser(Source source, List<Token> tokens, List<Comment> comments) {
        this.source = source;
        this.tokens = tokens;
        this.comments = comments;
    }

    public static SourceFile parse(Source source) {
        Lexer lexer = new Lexer(source);
        List<Token> toks = lexer.tokenize();
        return new Parser(source, toks, lexer.comments()).module();
    }

    /** Parses a single expression (for example a type annotation string). */
    public static Expr parseExpression(Source source) {
        Lexer lexer = Lexer.fragment(source, 0, source.text().length());
        Parser parser = new Parser(source, lexer.tokenize(), lexer.comments());
        Expr e = parser.expr();
        parser.expect(EOF);
        return e;
    }

    // ---------------------------------------------------------------- token helpers

    private Token peek() { return tokens.get(p); }
    private Token peek(int ahead) { return tokens.get(Math.min(p + ahead, tokens.size() - 1)); }
    private boolean at(TokenKind k) { return peek().kind() == k; }
    private Token next() { Token t = tokens.get(p); if (t.kind() != EOF) p++; return t; }

    private boolean accept(TokenKind k) {
        if (at(k)) { next(); return true; }
        return false;
    }

    private Token expect(TokenKind k) {
        if (!at(k)) throw expected(k.display());
        return next();
    }

    private JitScopeException expected(String what) {
        Token t = peek();
        return new JitScopeException("expected " + what + " but found " + t.describe(), t.range());
    }

    private JitScopeException error(String message, SourceRange r) { return new JitScopeException(message, r); }

    private SourceRange from(SourceRange start) {
        Token prev = tokens.get(Math.max(0, p - 1));
        return new SourceRange(source, start.start(), Math.max(start.end(), prev.range().end()));
    }

    // ---------------------------------------------------------------- statements

    private SourceFile module() {
        List<Stmt> body = new ArrayList<>();
        while (!at(EOF)) {
            if (accept(NEWLINE)) continue;
            if (at(INDENT)) throw error("unexpected indent", peek().range());
            statement(body);
        }
        return new SourceFile(source, body);
    }

    /** Parses one statement line (or compound statement) and appends what it produced. */
    private void statement(List<Stmt> out) {
        switch (peek().kind()) {
            case DEF, CLASS, AT -> out.add(decorated());
            case IF -> out.add(ifStmt());
            case FOR -> out.add(forStmt());
            case WHILE -> out.add(whileStmt());
            case WITH -> out.add(withStmt());
            case TRY -> throw error("try/except is not supported in TorchScript", peek().range());
            default -> {
                out.add(simple());
                while (accept(SEMI)) {
                    if (at(NEWLINE) || at(EOF)) break;
                    out.add(simple());
                }
                if (!at(EOF)) expect(NEWLINE);
            }
        }
    }

    private List<Stmt> suite() {
        expect(COLON);
        List<Stmt> body = new ArrayList<>();
        if (!accept(NEWLINE)) {
            body.add(simple());
            while (accept(SEMI)) {
                if (at(NEWLINE) || at(EOF)) break;
                body.add(simple());
            }
            if (!at(EOF)) expect(NEWLINE);
            return body;
        }
        if (!at(INDENT)) throw expected("an indented block");
        next();
        while (!at(DEDENT) && !at(EOF)) {
            if (accept(NEWLINE)) continue;
            statement(body);
        }
        accept(DEDENT);
        return body;
    }

    private Stmt decorated() {
        SourceRange start = peek().range();
        List<Expr> decorators = new ArrayList<>();
        while (accept(AT)) {
            decorators.add(expr());
            expect(NEWLINE);
        }
        if (at(DEF)) return funcDef(start, decorators);
        if (at(CLASS)) return classDef(start, decorators);
        throw expected("'def' or 'class' after a decorator");
    }

    private Stmt funcDef(SourceRange start, List<Expr> decorators) {
        expect(DEF);
        Token name = expect(NAME);
        expect(LPAREN);
        List<Param> params = new ArrayList<>();
        boolean kwOnly = false;
        while (!at(RPAREN)) {
            Token t = peek();
            if (at(POW) || at(STAR) && peek(1).kind() == NAME) {
                // *args / **kwargs: kept for eager execution; FunctionEmitter refuses to compile them
                ParamKind kind = next().kind() == POW ? ParamKind.VAR_KEYWORD : ParamKind.VAR_POSITIONAL;
                Token pn = expect(NAME);
                Expr ann = accept(COLON) ? expr() : null;
                params.add(new Param(t.range().to(pn.range()), (String) pn.value(), ann, null, kwOnly, kind));
                kwOnly = true;
            } else if (accept(STAR)) {
                kwOnly = true;
            } else {
                Token pn = expect(NAME);
                Expr ann = accept(COLON) ? expr() : null;
                Expr def = accept(ASSIGN) ? expr() : null;
                params.add(new Param(from(pn.range()), (String) pn.value(), ann, def, kwOnly));
            }
            if (!accept(COMMA)) break;
        }
        expect(RPAREN);
        Expr returns = accept(ARROW) ? expr() : null;
        int colonEnd = peek().range().end();
        String typeComment = typeCommentAfter(colonEnd);
        List<Stmt> body = suite();
        return new FunctionDef(from(start), name.range(), (String) name.value(), decorators, params, returns, body, typeComment);
    }

    /** A {@code # type:} comment on the line of the def's colon or on the first body line. */
    private String typeCommentAfter(int offset) {
        int line = source.lineOf(offset);
        for (Comment c : comments) {
            int cl = c.range().line();
            if (c.isTypeComment() && c.range().start() >= offset && (cl == line || cl == line + 1)) return c.typeText();
        }
        return null;
    }

    private Stmt classDef(SourceRange start, List<Expr> decorators) {
        expect(CLASS);
        Token name = expect(NAME);
        List<Expr> bases = new ArrayList<>();
        if (accept(LPAREN)) {
            while (!at(RPAREN)) {
                bases.add(expr());
                if (!accept(COMMA)) break;
            }
            expect(RPAREN);
        }
        List<Stmt> body = suite();
        return new ClassDef(from(start), (String) name.value(), bases, decorators, body);
    }

    private Stmt ifStmt() {
        SourceRange start = next().range();   // 'if' or 'elif'
        Expr test = expr();
        List<Stmt> body = suite();
        List<Stmt> orElse = new ArrayList<>();
        if (at(ELIF)) {
            orElse.add(ifStmt());
        } else if (accept(ELSE)) {
            orElse = suite();
        }
        return new If(from(start), test, body, orElse);
    }

    private Stmt forStmt() {
        SourceRange start = expect(FOR).range();
        Expr target = targetList();
        expect(IN);
        Expr iter = exprList();
        List<Stmt> body = suite();
        if (at(ELSE)) throw error("for/else is not supported in TorchScript", peek().range());
        return new For(from(start), target, iter, body);
    }

    private Stmt whileStmt() {
        SourceRange start = expect(WHILE).range();
        Expr test = expr();
        List<Stmt> body = suite();
        if (at(ELSE)) throw error("while/else is not supported in TorchScript", peek().range());
        return new While(from(start), test, body);
    }

    private Stmt withStmt() {
        SourceRange start = expect(WITH).range();
        List<WithItem> items = new ArrayList<>();
        do {
            SourceRange is = peek().range();
            Expr ctx = expr();
            Expr target = accept(AS) ? orExpr() : null;
            items.add(new WithItem(from(is), ctx, target));
        } while (accept(COMMA));
        return new With(from(start), items, suite());
    }

    /** Targets of a for loop or comprehension: stops before 'in'. */
    private Expr targetList() {
        SourceRange start = peek().range();
        List<Expr> elts = new ArrayList<>();
        elts.add(targetAtom());
        boolean comma = false;
        while (accept(COMMA)) {
            comma = true;
            if (at(IN)) break;
            elts.add(targetAtom());
        }
        return comma ? new TupleLit(from(start), elts) : elts.get(0);
    }

    private Expr targetAtom() {
        if (at(STAR)) {
            SourceRange s = next().range();
            return new Starred(from(s), bitOr());
        }
        return bitOr();
    }

    private Stmt simple() {
        Token t = peek();
        SourceRange start = t.range();
        switch (t.kind()) {
            case PASS: next(); return new Pass(start);
            case BREAK: next(); return new Break(start);
            case CONTINUE: next(); return new Continue(start);
            case RETURN: {
                next();
                Expr v = (at(NEWLINE) || at(SEMI) || at(EOF)) ? null : exprList();
                return new Return(from(start), v);
            }
            case RAISE: {
                next();
                Expr e = (at(NEWLINE) || at(EOF)) ? null : expr();
                if (accept(FROM)) expr();   // the cause has no meaning in TorchScript
                return new Raise(from(start), e);
            }
            case ASSERT: {
                next();
                Expr test = expr();
                Expr msg = accept(COMMA) ? expr() : null;
                return new Assert(from(start), test, msg);
            }
            case DEL: {
                next();
                List<Expr> targets = new ArrayList<>();
                do { targets.add(expr()); } while (accept(COMMA) && !at(NEWLINE));
                return new Delete(from(start), targets);
            }
            case GLOBAL: case NONLOCAL:
                throw error(t.kind().literal() + " is not supported in TorchScript", t.range());
            case IMPORT: {
                next();
                List<ImportName> names = new ArrayList<>();
                do {
                    String n = dottedName();
                    String as = accept(AS) ? (String) expect(NAME).value() : null;
                    names.add(new ImportName(n, as));
                } while (accept(COMMA));
                return new Import(from(start), null, names);
            }
            case FROM: {
                next();
                StringBuilder mod = new StringBuilder();
                while (at(DOT) || at(ELLIPSIS)) mod.append(next().text());
                if (at(NAME)) mod.append(dottedName());
                expect(IMPORT);
                List<ImportName> names = new ArrayList<>();
                boolean paren = accept(LPAREN);
                if (at(STAR)) {
                    next();
                    names.add(new ImportName("*", null));
                } else {
                    do {
                        if (paren && at(RPAREN)) break;
                        String n = (String) expect(NAME).value();
                        String as = accept(AS) ? (String) expect(NAME).value() : null;
                        names.add(new ImportName(n, as));
                    } while (accept(COMMA));
                }
                if (paren) expect(RPAREN);
                return new Import(from(start), mod.toString(), names);
            }
            default:
                return expressionStatement();
        }
    }

    private String dottedName() {
        StringBuilder sb = new StringBuilder((String) expect(NAME).value());
        while (accept(DOT)) sb.append('.').append((String) expect(NAME).value());
        return sb.toString();
    }

    private Stmt expressionStatement() {
        SourceRange start = peek().range();
        Expr first = exprList();
        if (at(COLON)) {
            next();
            checkTarget(first);
            Expr ann = expr();
            Expr value = accept(ASSIGN) ? exprList() : null;
            return new AnnAssign(from(start), first, ann, value);
        }
        TokenKind k = peek().kind();
        if (k.augmentedBase() != null) {
            next();
            checkTarget(first);
            if (first instanceof TupleLit) throw error("illegal expression for augmented assignment", first.range());
            Expr value = exprList();
            return new AugAssign(from(start), first, k.augmentedBase(), value);
        }
        if (at(ASSIGN)) {
            List<Expr> targets = new ArrayList<>();
            Expr value = first;
            while (accept(ASSIGN)) {
                checkTarget(value);
                targets.add(value);
                value = exprList();
            }
            return new Assign(from(start), targets, value);
        }
        return new ExprStmt(from(start), first);
    }

    private void checkTarget(Expr e) {
        if (e instanceof Name || e instanceof Attribute || e instanceof Subscript) return;
        if (e instanceof Starred s) checkTarget(s.value());
        else if (e instanceof TupleLit t) t.elts().forEach(this::checkTarget);
        else if (e instanceof ListLit l) l.elts().forEach(this::checkTarget);
        else throw error("cannot assign to this expression", e.range());
    }

    // ---------------------------------------------------------------- expressions

    /** A comma-separated list; a tuple when a comma is present. */
    private Expr exprList() {
        SourceRange start = peek().range();
        Expr first = exprOrStar();
        if (!at(COMMA)) return first;
        List<Expr> elts = new ArrayList<>();
        elts.add(first);
        while (accept(COMMA)) {
            if (endsExprList()) break;
            elts.add(exprOrStar());
        }
        return new TupleLit(from(start), elts);
    }

    private boolean endsExprList() {
        return switch (peek().kind()) {
            case NEWLINE, EOF, ASSIGN, RPAREN, RBRACKET, RBRACE, COLON, SEMI -> true;
            default -> peek().kind().augmentedBase() != null;
        };
    }

    private Expr exprOrStar() {
        if (at(STAR)) {
            SourceRange s = next().range();
            return new Starred(from(s), bitOr());
        }
        return expr();
    }

    public Expr expr() {
        if (at(LAMBDA)) throw error("lambda expressions are not supported in TorchScript", peek().range());
        SourceRange start = peek().range();
        Expr body = orExpr();
        if (at(IF)) {
            next();
            Expr test = orExpr();
            expect(ELSE);
            Expr orElse = expr();
            return new IfExp(from(start), test, body, orElse);
        }
        return body;
    }

    private Expr orExpr() {
        SourceRange start = peek().range();
        Expr left = andExpr();
        while (accept(OR)) left = new BoolOp(from(start), OR, left, andExpr());
        return left;
    }

    private Expr andExpr() {
        SourceRange start = peek().range();
        Expr left = notExpr();
        while (accept(AND)) left = new BoolOp(from(start), AND, left, notExpr());
        return left;
    }

    private Expr notExpr() {
        if (at(NOT)) {
            SourceRange s = next().range();
            Expr operand = notExpr();
            return new UnaryOp(from(s), NOT, operand);
        }
        return comparison();
    }

    private Expr comparison() {
        SourceRange start = peek().range();
        Expr left = bitOr();
        List<CmpOp> ops = new ArrayList<>();
        List<Expr> rights = new ArrayList<>();
        while (true) {
            CmpOp op = switch (peek().kind()) {
                case EQ -> CmpOp.EQ; case NE -> CmpOp.NE; case LT -> CmpOp.LT; case LE -> CmpOp.LE;
                case GT -> CmpOp.GT; case GE -> CmpOp.GE; case IN -> CmpOp.IN;
                case IS -> peek(1).kind() == NOT ? CmpOp.IS_NOT : CmpOp.IS;
                case NOT -> peek(1).kind() == IN ? CmpOp.NOT_IN : null;
                default -> null;
            };
            if (op == null) break;
            next();
            if (op == CmpOp.IS_NOT || op == CmpOp.NOT_IN) next();
            ops.add(op);
            rights.add(bitOr());
        }
        return ops.isEmpty() ? left : new Compare(from(start), left, ops, rights);
    }

    private Expr bitOr() { return binaryLeft(0); }

    private static final TokenKind[][] LEVELS = {
        {PIPE}, {CARET}, {AMP}, {LSHIFT, RSHIFT}, {PLUS, MINUS}, {STAR, SLASH, FLOORDIV, PERCENT, AT},
    };

    private Expr binaryLeft(int level) {
        if (level == LEVELS.length) return factor();
        SourceRange start = peek().range();
        Expr left = binaryLeft(level + 1);
        outer:
        while (true) {
            for (TokenKind k : LEVELS[level]) {
                if (at(k)) {
                    next();
                    Expr right = binaryLeft(level + 1);
                    left = new BinOp(from(start), k, left, right);
                    continue outer;
                }
            }
            return left;
        }
    }

    private Expr factor() {
        if (at(MINUS) || at(PLUS) || at(TILDE)) {
            Token op = next();
            Expr operand = factor();
            return new UnaryOp(from(op.range()), op.kind(), operand);
        }
        return power();
    }

    private Expr power() {
        SourceRange start = peek().range();
        Expr base = primary();
        if (accept(POW)) return new BinOp(from(start), POW, base, factor());
        return base;
    }

    private Expr primary() {
        SourceRange start = peek().range();
        Expr e = atom();
        while (true) {
            if (accept(DOT)) {
                Token n = expect(NAME);
                e = new Attribute(from(start), e, (String) n.value(), n.range());
            } else if (accept(LPAREN)) {
                e = callRest(start, e);
            } else if (accept(LBRACKET)) {
                List<Expr> idx = new ArrayList<>();
                while (!at(RBRACKET)) {
                    idx.add(subscript());
                    if (!accept(COMMA)) break;
                }
                if (idx.isEmpty()) throw expected("an index");
                expect(RBRACKET);
                e = new Subscript(from(start), e, idx);
            } else {
                return e;
            }
        }
    }

    private Expr callRest(SourceRange start, Expr func) {
        List<Expr> args = new ArrayList<>();
        List<Keyword> kws = new ArrayList<>();
        while (!at(RPAREN)) {
            SourceRange as = peek().range();
            if (at(POW)) throw error("**kwargs are not supported in TorchScript", as);
            if (at(NAME) && peek(1).kind() == ASSIGN) {
                String name = (String) next().value();
                next();
                kws.add(new Keyword(from(as), name, expr()));
            } else {
                if (!kws.isEmpty()) throw error("positional argument follows keyword argument", peek().range());
                Expr a = exprOrStar();
                if (at(FOR)) a = comprehension(as, a, null);   // generator argument: treat as list
                args.add(a);
            }
            if (!accept(COMMA)) break;
        }
        expect(RPAREN);
        return new Call(from(start), func, args, kws);
    }

    private Expr subscript() {
        SourceRange start = peek().range();
        Expr lower = null;
        if (!at(COLON)) {
            lower = expr();
            if (!at(COLON)) return lower;
        }
        expect(COLON);
        Expr upper = (at(COLON) || at(COMMA) || at(RBRACKET)) ? null : expr();
        Expr step = null;
        if (accept(COLON)) step = (at(COMMA) || at(RBRACKET)) ? null : expr();
        return new Slice(from(start), lower, upper, step);
    }

    private Expr atom() {
        Token t = peek();
        SourceRange r = t.range();
        switch (t.kind()) {
            case NAME: next(); return new Name(r, (String) t.value());
            case INT: case FLOAT: next(); return new Const(r, t.value());
            case TRUE: next(); return new Const(r, Boolean.TRUE);
            case FALSE: next(); return new Const(r, Boolean.FALSE);
            case NONE: next(); return new Const(r, null);
            case ELLIPSIS: next(); return new EllipsisLit(r);
            case STRING: case FSTRING: return strings();
            case LPAREN: {
                next();
                if (accept(RPAREN)) return new TupleLit(from(r), List.of());
                Expr first = exprOrStar();
                if (at(FOR)) {
                    Expr c = comprehension(r, first, null);
                    expect(RPAREN);
                    return c;
                }
                if (accept(RPAREN)) return first;     // parenthesized expression
                List<Expr> elts = new ArrayList<>();
                elts.add(first);
                while (accept(COMMA)) {
                    if (at(RPAREN)) break;
                    elts.add(exprOrStar());
                }
                expect(RPAREN);
                return new TupleLit(from(r), elts);
            }
            case LBRACKET: {
                next();
                List<Expr> elts = new ArrayList<>();
                if (!at(RBRACKET)) {
                    Expr first = exprOrStar();
                    if (at(FOR)) {
                        Expr c = comprehension(r, first, null);
                        expect(RBRACKET);
                        return new ListComp(from(r), ((ListComp) c).elt(), ((ListComp) c).target(), ((ListComp) c).iter(), ((ListComp) c).cond());
                    }
                    elts.add(first);
                    while (accept(COMMA)) {
                        if (at(RBRACKET)) break;
                        elts.add(exprOrStar());
                    }
                }
                expect(RBRACKET);
                return new ListLit(from(r), elts);
            }
            case LBRACE: {
                next();
                if (accept(RBRACE)) return new DictLit(from(r), List.of(), List.of());
                Expr first = expr();
                if (accept(COLON)) {
                    Expr v = expr();
                    if (at(FOR)) {
                        Expr c = comprehension(r, first, v);
                        expect(RBRACE);
                        return c;
                    }
                    List<Expr> keys = new ArrayList<>(List.of(first));
                    List<Expr> vals = new ArrayList<>(List.of(v));
                    while (accept(COMMA)) {
                        if (at(RBRACE)) break;
                        keys.add(expr());
                        expect(COLON);
                        vals.add(expr());
                    }
                    expect(RBRACE);
                    return new DictLit(from(r), keys, vals);
                }
                List<Expr> elts = new ArrayList<>(List.of(first));
                while (accept(COMMA)) {
                    if (at(RBRACE)) break;
                    elts.add(expr());
                }
                expect(RBRACE);
                return new SetLit(from(r), elts);
            }
            default:
                throw expected("an expression");
        }
    }

    /** After the element of a comprehension: {@code for target in iter [if cond]}. */
    private Expr comprehension(SourceRange start, Expr elt, Expr value) {
        expect(FOR);
        Expr target = targetList();
        expect(IN);
        Expr iter = orExpr();
        Expr cond = accept(IF) ? orExpr() : null;
        if (at(FOR)) throw error("nested comprehensions are not supported in TorchScript", peek().range());
        return value == null ? new ListComp(from(start), elt, target, iter, cond)
                : new DictComp(from(start), elt, value, target, iter, cond);
    }

    /** Adjacent string literals concatenate; any f-string among them makes the whole an f-string. */
    private Expr strings() {
        SourceRange start = peek().range();
        StringBuilder template = new StringBuilder();
        List<Expr> values = new ArrayList<>();
        boolean anyF = false;
        while (at(STRING) || at(FSTRING)) {
            Token t = next();
            if (t.kind() == STRING) {
                template.append(((String) t.value()).replace("{", "{{").replace("}", "}}"));
            } else {
                anyF = true;
                splitFString(t, template, values);
            }
        }
        SourceRange r = from(start);
        if (!anyF) return new Const(r, template.toString().replace("{{", "{").replace("}}", "}"));
        return new FString(r, template.toString(), values);
    }

    private void splitFString(Token t, StringBuilder template, List<Expr> values) {
        String body = (String) t.value();
        int base = t.bodyStart();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '{' && i + 1 < body.length() && body.charAt(i + 1) == '{') { template.append("{{"); i += 2; continue; }
            if (c == '}' && i + 1 < body.length() && body.charAt(i + 1) == '}') { template.append("}}"); i += 2; continue; }
            if (c == '}') throw error("f-string: single '}' is not allowed", source.range(base + i, base + i + 1));
            if (c == '{') {
                int depth = 0;
                int j = i + 1;
                int exprEnd = -1;
                while (j < body.length()) {
                    char d = body.charAt(j);
                    if (d == '[' || d == '(' || d == '{') depth++;
                    else if (d == ']' || d == ')') depth--;
                    else if (d == '}' && depth > 0) depth--;
                    else if (depth == 0 && (d == '}' || d == ':' || d == '!') && !(d == '!' && j + 1 < body.length() && body.charAt(j + 1) == '=')) break;
                    j++;
                }
                exprEnd = j;
                if (j >= body.length()) throw error("f-string: expecting '}'", source.range(base + i, base + i + 1));
                StringBuilder hole = new StringBuilder("{");
                while (j < body.length() && body.charAt(j) != '}') hole.append(body.charAt(j++));
                if (j >= body.length()) throw error("f-string: expecting '}'", source.range(base + i, base + i + 1));
                if (hole.length() > 1 && hole.charAt(1) == '!') hole.setLength(1);   // conversions are dropped like PyTorch does
                hole.append('}');
                Lexer lexer = Lexer.fragment(source, base + i + 1, base + exprEnd);
                Parser sub = new Parser(source, lexer.tokenize(), List.of());
                if (sub.at(EOF)) throw error("f-string: empty expression not allowed", source.range(base + i, base + j + 1));
                values.add(sub.expr());
                sub.expect(EOF);
                template.append(hole);
                i = j + 1;
                continue;
            }
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(i + 1);
                template.append(switch (n) { case 'n' -> '\n'; case 't' -> '\t'; case '\\' -> '\\'; case '\'' -> '\''; case '"' -> '"'; default -> n; });
                i += 2;
                continue;
            }
            template.append(c);
            i++;
        }
    }
}
