package dev.jitscope.trace.eager;

import dev.jitscope.ir.SourceRange;

import java.util.List;
import java.util.Map;

/** A callable implemented in Java: builtins, torch functions, nn.Module's own methods. */
@FunctionalInterface
interface NativeFunction {
    Object call(List<Object> args, Map<String, Object> kwargs, SourceRange range);
}
