package dev.jitscope.frontend.emit;

/**
 * A module attribute that holds a builtin operator ({@code self.act = F.gelu}, which is
 * {@code torch.gelu}): PyTorch's concrete module type records it as a builtin function attribute,
 * so {@code self.act(x)} compiles into the operator itself ({@code aten::gelu}). Put one in the
 * ClassType's constants under the attribute's name; {@code operator} is the operator's name, e.g.
 * {@code aten::gelu}. Archives leave it out, as PyTorch's do.
 */
public record OperatorAttribute(String operator) implements dev.jitscope.ir.type.CompileTimeOnly { }
