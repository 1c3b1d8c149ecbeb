package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.value.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Values written literally in a class body ({@code eps: Final[float] = 1e-5},
 * {@code sizes = (1, 2)}): what a constant holds when {@code __init__} did not set it on the instance.
 */
final class ClassLiterals {
    /** Returned for anything that is not a literal. */
    static final Object NOT_LITERAL = new Object();

    private ClassLiterals() { }

    static Object value(Ast.Expr e) {
        if (e instanceof Ast.Const c) return c.value();
        if (e instanceof Ast.UnaryOp u && u.op() == TokenKind.MINUS) {
            Object v = value(u.operand());
            if (v instanceof Long l) return -l;
            if (v instanceof Double d) return -d;
            return NOT_LITERAL;
        }
        if (e instanceof Ast.TupleLit t) return items(t.elts());
        if (e instanceof Ast.ListLit l) return items(l.elts());
        return NOT_LITERAL;
    }

    private static Object items(List<Ast.Expr> elts) {
        List<Object> out = new ArrayList<>();
        for (Ast.Expr x : elts) {
            Object v = value(x);
            if (v == NOT_LITERAL) return NOT_LITERAL;
            out.add(v);
        }
        return new Tuple(out);
    }
}
