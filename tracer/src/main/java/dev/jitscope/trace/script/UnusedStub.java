package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;

import java.util.List;

/**
 * The body TorchScript compiles for a {@code @torch.jit.unused} method: its signature with a raise
 * of PyTorch's message, so callers still compile and the call fails only if it runs. (PyTorch puts
 * the raise at each call site instead; inlined, both are the same graph.)
 */
final class UnusedStub {
    static final String MESSAGE = "This Python function is annotated to be ignored and cannot be run";

    private UnusedStub() { }

    static Ast.FunctionDef of(Ast.FunctionDef def) {
        var r = def.range();
        Ast.Stmt raise = new Ast.Raise(r, new Ast.Call(r, new Ast.Name(r, "Exception"), List.of(new Ast.Const(r, MESSAGE)), List.of()));
        // as for any ignored function, an unannotated result is a Tensor
        Ast.Expr returns = def.returns() != null ? def.returns() : new Ast.Name(def.nameRange(), "Tensor");
        return new Ast.FunctionDef(def.range(), def.nameRange(), def.name(), List.of(), def.params(), returns,
                List.of(raise), def.typeComment());
    }
}
