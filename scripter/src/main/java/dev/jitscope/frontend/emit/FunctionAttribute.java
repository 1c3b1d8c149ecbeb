package dev.jitscope.frontend.emit;

/**
 * A module attribute that holds a script function, as TransformerEncoderLayer's {@code activation}
 * holds {@code F.relu}: PyTorch's concrete module type keeps it as a function attribute, resolved at
 * compile time, so {@code self.activation(x)} compiles into a call of that function. Put one in the
 * ClassType's constants under the attribute's name; {@code qualifiedName} is the function's dotted
 * Python name, e.g. {@code torch.nn.functional.relu}.
 */
public record FunctionAttribute(String qualifiedName) { }
