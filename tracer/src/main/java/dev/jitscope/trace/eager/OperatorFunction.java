package dev.jitscope.trace.eager;

import dev.jitscope.ir.SourceRange;

import java.util.List;
import java.util.Map;

/**
 * A torch operator held as a Python value ({@code torch.tanh}, or {@code F.gelu}, which
 * torch.nn.functional binds to {@code torch.gelu}): callable like any builtin, and named, so that a
 * module attribute holding one scripts as that operator, as PyTorch's {@code _find_builtin} does.
 *
 * @param operator the operator's name, {@code aten::gelu}
 */
record OperatorFunction(String operator, NativeFunction impl) implements NativeFunction {
    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs, SourceRange range) {
        return impl.call(args, kwargs, range);
    }
}
