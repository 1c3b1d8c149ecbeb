package dev.jitscope.ir.type;

/**
 * A class constant that only the compiler uses (a module's function attribute such as
 * TransformerEncoderLayer.activation): archives leave it out, as PyTorch's do.
 */
public interface CompileTimeOnly { }
