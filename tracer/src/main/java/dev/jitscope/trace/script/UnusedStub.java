package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;

import java.util.List;

/**
 * The body TorchScript compiles for a {@code @torch.jit.unused} method: its signature with
 * {@code raise Exception("This method was unused")}, so callers still compile and the call fails
 * only if it runs.
 */
final class UnusedStub {
    static final String MESSAGE = "This method was unused";

    private UnusedStub() { }

    static Ast.FunctionDef of(Ast.FunctionDef def) {
        var r = def.range();
        Ast.Stmt raise = new Ast.Raise(r, new Ast.Call(r, new Ast.Name(r, "Exception"), List.of(new Ast.Const(r, MESSAGE)), List.of()));
        return new Ast.FunctionDef(def.range(), def.nameRange(), def.name(), List.of(), def.params(), def.returns(),
                List.of(raise), def.typeComment());
    }
}
