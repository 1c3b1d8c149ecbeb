package dev.jitscope.trace.script;

import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.ir.Source;

/**
 * One class of a module's class hierarchy as scripting sees it: where it is defined and its
 * TorchScript name ({@code __torch__.MyCell}, {@code __torch__.torch.nn.modules.linear.Linear}).
 */
public record ScriptableClass(String qualifiedName, Source source, Ast.ClassDef definition) {
    /** The qualifier of the class's file: {@code __torch__.torch.nn.modules.linear}. */
    public String qualifier() {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? qualifiedName : qualifiedName.substring(0, dot);
    }

    public String simpleName() { return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1); }
}
