package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.emit.FunctionSignature;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.value.Tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter names and defaults of a method (self included, index 0), whichever form its schema has:
 * a script {@link FunctionSignature} (defaults are source expressions) or a {@link FunctionSchema}
 * (defaults are values).
 */
final class Signature {
    private final FunctionSignature script;
    private final FunctionSchema schema;

    private Signature(FunctionSignature script, FunctionSchema schema) {
        this.script = script;
        this.schema = schema;
    }

    static Signature of(Function f) {
        return new Signature(f.schema() instanceof FunctionSignature s ? s : null,
                f.schema() instanceof FunctionSchema s ? s : null);
    }

    String name(int k, String fallback) {
        if (script != null && k < script.params().size()) return script.params().get(k).name();
        if (schema != null && k < schema.arguments().size()) return schema.arguments().get(k).name();
        return fallback;
    }

    boolean hasDefault(int k) {
        if (script != null) return k < script.params().size() && script.params().get(k).defaultValue() != null;
        return schema != null && k < schema.arguments().size() && schema.arguments().get(k).hasDefault();
    }

    Object defaultValue(int k, Path model) {
        if (schema != null && script == null) {
            Argument a = schema.arguments().get(k);
            return a.defaultValue();
        }
        Ast.Expr e = script.params().get(k).defaultValue();
        Object v = literal(e);
        if (v == NOT_LITERAL)
            throw new JitScopeException("the default of parameter '" + script.params().get(k).name()
                    + "' is not a literal JitScope can evaluate here: give it as a .npy input", model.toString());
        return v;
    }

    private static final Object NOT_LITERAL = new Object();

    /** None, numbers, bools, strings and lists/tuples of them: the defaults forward signatures use. */
    private static Object literal(Ast.Expr e) {
        if (e instanceof Ast.Const c) return c.value();
        if (e instanceof Ast.UnaryOp u && u.op() == TokenKind.MINUS && literal(u.operand()) instanceof Number n)
            return n instanceof Long l ? (Object) (-l) : (Object) (-n.doubleValue());
        if (e instanceof Ast.ListLit l) return items(l.elts());
        if (e instanceof Ast.TupleLit t) {
            Object items = items(t.elts());
            @SuppressWarnings("unchecked") List<Object> list = (List<Object>) items;
            return items == NOT_LITERAL ? NOT_LITERAL : new Tuple(list);
        }
        return NOT_LITERAL;
    }

    private static Object items(List<Ast.Expr> elts) {
        List<Object> out = new ArrayList<>();
        for (Ast.Expr x : elts) {
            Object v = literal(x);
            if (v == NOT_LITERAL) return NOT_LITERAL;
            out.add(v);
        }
        return out;
    }
}
