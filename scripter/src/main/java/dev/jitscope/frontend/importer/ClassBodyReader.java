package dev.jitscope.frontend.importer;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast.*;
import dev.jitscope.frontend.emit.TypeParser;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.JitType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the declarations PyTorch's python_print writes in a class body: {@code __parameters__} and
 * {@code __buffers__} lists, {@code name : Type} attributes, {@code __annotations__["0"] = Type}
 * for names that are not identifiers, and {@code name : Final[T] = value} constants.
 */
final class ClassBodyReader {
    private final ClassType type;
    private final TypeParser types;
    private final Set<String> parameters = new HashSet<>();
    private final Set<String> buffers = new HashSet<>();

    ClassBodyReader(ClassType type, TypeParser types) {
        this.type = type;
        this.types = types;
    }

    void read(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Assign a && a.targets().get(0) instanceof Name n
                    && (n.id().equals("__parameters__") || n.id().equals("__buffers__"))) {
                (n.id().equals("__parameters__") ? parameters : buffers).addAll(stringList(a.value()));
            }
        }
        for (Stmt s : body) {
            if (s instanceof AnnAssign a && a.target() instanceof Name n) {
                if (a.value() != null && isFinal(a.annotation())) {
                    type.constants().put(n.id(), constantValue(a.value()));
                } else {
                    addAttribute(n.id(), types.parse(a.annotation()));
                }
            } else if (s instanceof Assign a && a.targets().get(0) instanceof Subscript sub
                    && sub.value() instanceof Name n && n.id().equals("__annotations__")) {
                if (!(sub.indices().get(0) instanceof Const k) || !(k.value() instanceof String name))
                    throw new JitScopeException("expected a string key in __annotations__", sub.range());
                addAttribute(name, types.parse(a.value()));
            } else if (s instanceof Assign a && a.targets().get(0) instanceof Name n && n.id().equals("__constants__")) {
                // older archives list constant names; their values are Final annotations we already read
                continue;
            } else if (s instanceof Assign a && a.targets().get(0) instanceof Name n
                    && !n.id().equals("__parameters__") && !n.id().equals("__buffers__")) {
                type.constants().put(n.id(), constantValue(a.value()));
            }
        }
    }

    private void addAttribute(String name, JitType t) {
        ClassType.AttributeKind kind = parameters.contains(name) ? ClassType.AttributeKind.PARAMETER
                : buffers.contains(name) ? ClassType.AttributeKind.BUFFER : ClassType.AttributeKind.PLAIN;
        type.addAttribute(name, t, kind);
    }

    private static boolean isFinal(Expr annotation) {
        return annotation instanceof Subscript s && TypeParserAccess.dotted(s.value()) != null
                && TypeParserAccess.dotted(s.value()).endsWith("Final");
    }

    private static List<String> stringList(Expr e) {
        List<String> out = new ArrayList<>();
        List<Expr> elts = e instanceof ListLit l ? l.elts() : e instanceof TupleLit t ? t.elts() : List.of();
        for (Expr x : elts) if (x instanceof Const c && c.value() instanceof String s) out.add(s);
        return out;
    }

    /** Literal values of class constants: numbers, strings, bools, None, and tuples/lists of them. */
    static Object constantValue(Expr e) {
        if (e instanceof Const c) return c.value();
        if (e instanceof UnaryOp u && u.op() == dev.jitscope.frontend.lexer.TokenKind.MINUS) {
            Object v = constantValue(u.operand());
            if (v instanceof Long l) return -l;
            if (v instanceof Double d) return -d;
        }
        if (e instanceof TupleLit t) {
            List<Object> items = new ArrayList<>();
            for (Expr x : t.elts()) items.add(constantValue(x));
            return new dev.jitscope.ir.value.Tuple(items);
        }
        if (e instanceof ListLit l) {
            List<Object> items = new ArrayList<>();
            for (Expr x : l.elts()) items.add(constantValue(x));
            return items;
        }
        if (e instanceof Name n && (n.id().equals("inf"))) return Double.POSITIVE_INFINITY;
        if (e instanceof Attribute a && a.name().equals("inf")) return Double.POSITIVE_INFINITY;
        throw new JitScopeException("expected a constant value", e.range());
    }

    /** Gives this package the dotted-name helper of the type parser. */
    private static final class TypeParserAccess {
        static String dotted(Expr e) {
            if (e instanceof Name n) return n.id();
            if (e instanceof Attribute a) {
                String b = dotted(a.value());
                return b == null ? null : b + "." + a.name();
            }
            return null;
        }
    }
}
