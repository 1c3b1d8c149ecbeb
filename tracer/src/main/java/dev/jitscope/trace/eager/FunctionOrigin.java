package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;

/**
 * Where a function value defined in source comes from: what {@code torch.jit.script} needs to
 * compile a module attribute holding a function ({@code self.activation = F.relu}).
 *
 * @param qualifiedName the TorchScript name, {@code __torch__.torch.nn.functional.relu} or {@code __torch__.my_fn}
 * @param source        the file that defines it
 */
public record FunctionOrigin(String qualifiedName, Source source) {
    /** The origin of a top-level function defined in source, or null for anything else (a builtin, a method, a lambda). */
    public static FunctionOrigin of(Object value) {
        if (!(value instanceof PyFunction f) || f.owner() != null || f.closure() == null || f.closure().module == null) return null;
        ModuleScope scope = f.closure().module;
        if (scope.globals.get(f.name()) != f) return null;   // a nested function has no top-level name
        return new FunctionOrigin(scope.qualifiedPrefix() + f.name(), scope.source);
    }
}
