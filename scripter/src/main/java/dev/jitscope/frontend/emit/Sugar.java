package dev.jitscope.frontend.emit;

import dev.jitscope.ir.Function;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.ClassType;

/**
 * What a name or attribute can denote while emitting (PyTorch's SugaredValue): a graph value, or
 * something only meaningful at compile time that becomes nodes when called or indexed.
 */
public sealed interface Sugar {

    /** A first-class value in the graph. */
    record SimpleValue(Value value) implements Sugar { }

    /** A dotted namespace such as {@code torch}, {@code ops.prim}, {@code math}, {@code __torch__.x}. */
    record Namespace(String path) implements Sugar { }

    /** A Python builtin handled by the emitter: len, int, annotate, isinstance, range, ... */
    record Builtin(String name) implements Sugar { }

    /** {@code value.name} where name is a method (of a Tensor, list, str, dict, or script class). */
    record BoundMethod(Value self, String name) implements Sugar { }

    /** A script class (module classes, named tuples, script classes). */
    record ClassRef(ClassType type) implements Sugar { }

    /** A free script function. */
    record FunctionRef(Function function) implements Sugar { }
}
