package dev.jitscope.ir.schema;

import dev.jitscope.ir.type.TupleType;
import java.util.List;

/**
 * An operator signature as PyTorch declares it, e.g.
 * {@code aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor}.
 * {@link #toString()} prints PyTorch's syntax.
 *
 * @param name         qualified name, {@code aten::add}
 * @param overloadName {@code Tensor}, or "" for the default overload
 * @param isVararg     the argument list ends with {@code ...}
 * @param isVarret     the return is {@code ...}
 */
public record FunctionSchema(String name, String overloadName, List<Argument> arguments, List<Argument> returns,
                             boolean isVararg, boolean isVarret) {
    public FunctionSchema {
        arguments = List.copyOf(arguments);
        returns = List.copyOf(returns);
    }

    public FunctionSchema(String name, String overloadName, List<Argument> arguments, List<Argument> returns) {
        this(name, overloadName, arguments, returns, false, false);
    }

    /** {@code aten::add.Tensor}, or {@code aten::relu} without an overload. */
    public String fullName() { return overloadName.isEmpty() ? name : name + "." + overloadName; }

    /** The namespace, {@code aten} of {@code aten::add}. */
    public String namespace() { int i = name.indexOf("::"); return i < 0 ? "" : name.substring(0, i); }

    public int argumentIndex(String argName) {
        for (int i = 0; i < arguments.size(); i++) if (argName.equals(arguments.get(i).name())) return i;
        return -1;
    }

    /** True when some argument is written in place ({@code Tensor(a!)}), e.g. {@code add_}, {@code out=} overloads. */
    public boolean isMutable() { return arguments.stream().anyMatch(Argument::isWrite); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(fullName()).append('(');
        boolean kwargSeen = false;
        for (int i = 0; i < arguments.size(); i++) {
            Argument a = arguments.get(i);
            if (i > 0) sb.append(", ");
            if (a.kwargOnly() && !kwargSeen) {
                sb.append("*, ");
                kwargSeen = true;
            }
            sb.append(a);
        }
        if (isVararg) sb.append(arguments.isEmpty() ? "..." : ", ...");
        sb.append(") -> ");
        if (isVarret) return sb.append("...").toString();
        // PyTorch parenthesizes a lone return only when it is a tuple type.
        boolean paren = returns.size() != 1
                || (returns.get(0).type() instanceof TupleType && returns.get(0).typeText() == null)
                || (returns.get(0).typeText() != null && returns.get(0).typeText().startsWith("("));
        if (paren) sb.append('(');
        for (int i = 0; i < returns.size(); i++) sb.append(i > 0 ? ", " : "").append(returns.get(i));
        if (paren) sb.append(')');
        return sb.toString();
    }
}
