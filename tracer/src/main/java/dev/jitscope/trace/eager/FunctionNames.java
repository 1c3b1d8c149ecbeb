package dev.jitscope.trace.eager;

/** Where a function value the eager interpreter holds was defined, for the scripter's function attributes. */
public final class FunctionNames {
    private FunctionNames() { }

    /**
     * The dotted Python name of a function defined in source ({@code torch.nn.functional.relu} for
     * F.relu, {@code my_helper} for a function of the user's file), or null when the value is not a
     * source-defined free function.
     */
    public static String qualifiedName(Object value) {
        if (!(value instanceof PyFunction f) || f.owner() != null) return null;
        String module = f.closure() == null || f.closure().module == null ? "" : f.closure().module.dottedName;
        return module.isEmpty() ? f.name() : module + "." + f.name();
    }

    /**
     * The operator a builtin function value stands for ({@code aten::gelu} for {@code F.gelu} or
     * {@code torch.gelu}), or null when the value is not a torch operator.
     */
    public static String operator(Object value) {
        return value instanceof OperatorFunction f ? f.operator() : null;
    }
}
