package dev.jitscope.frontend.emit;

import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.ir.DeclaredDefaults;
import dev.jitscope.ir.type.JitType;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The typed signature of a script function or method, known before its body is compiled so that
 * calls (and recursion between methods of one class) can be emitted in any order. Stored as the
 * {@code schema} of the {@link dev.jitscope.ir.Function}.
 */
public record FunctionSignature(String name, List<Parameter> params, JitType returnType) implements DeclaredDefaults {

    /**
     * {@code defaultValue} is the default's expression (emitted at each call site) or null;
     * {@code broadcast} is N for a {@code BroadcastingListN} parameter (a scalar argument becomes a
     * list of N copies), else 0.
     */
    public record Parameter(String name, JitType type, Ast.Expr defaultValue, boolean keywordOnly, int broadcast) {
        public Parameter(String name, JitType type, Ast.Expr defaultValue, boolean keywordOnly) {
            this(name, type, defaultValue, keywordOnly, 0);
        }
    }

    public FunctionSignature { params = List.copyOf(params); }

    public int indexOf(String paramName) {
        for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(paramName)) return i;
        return -1;
    }

    /**
     * The default as written in the source, for printing code; a list parameter's default is printed
     * as the list the call receives ({@code padding: BroadcastingList2[int] = 0} as {@code [0, 0]},
     * a tuple as a list), which is how PyTorch prints it and what its parser accepts.
     */
    @Override public String defaultText(int index) {
        if (index < 0 || index >= params.size() || params.get(index).defaultValue() == null) return null;
        Parameter p = params.get(index);
        Ast.Expr d = p.defaultValue();
        boolean list = p.type() instanceof dev.jitscope.ir.type.ListType;
        if (list && d instanceof Ast.TupleLit t)
            return t.elts().stream().map(e -> e.range().text()).collect(Collectors.joining(", ", "[", "]"));
        if (list && p.broadcast() > 0 && (d instanceof Ast.Const c && c.value() != null || d instanceof Ast.UnaryOp))
            return java.util.Collections.nCopies(p.broadcast(), d.range().text()).stream().collect(Collectors.joining(", ", "[", "]"));
        return d.range().text();
    }

    @Override public String toString() {
        return name + "(" + params.stream().map(p -> p.name() + ": " + p.type().annotation()).collect(Collectors.joining(", "))
                + ") -> " + returnType.annotation();
    }
}
