package dev.jitscope.trace.eager;

import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.List;
import java.util.Map;

/** Python's built-in types as values (for isinstance and conversions), plus torch.Tensor and nn.Module. */
enum BuiltinType {
    INT("int"), FLOAT("float"), BOOL("bool"), STR("str"), LIST("list"), TUPLE("tuple"), DICT("dict"),
    TENSOR("Tensor"), MODULE("Module"), OBJECT("object"), NONE_TYPE("NoneType");

    final String pyName;
    BuiltinType(String pyName) { this.pyName = pyName; }

    boolean isInstance(Object v) {
        return switch (this) {
            case INT -> v instanceof Long || v instanceof Boolean;
            case FLOAT -> v instanceof Double;
            case BOOL -> v instanceof Boolean;
            case STR -> v instanceof String;
            case LIST -> v instanceof List<?>;
            case TUPLE -> v instanceof Tuple;
            case DICT -> v instanceof Map<?, ?>;
            case TENSOR -> v instanceof Tensor;
            case MODULE -> v instanceof ModuleInstance;
            case OBJECT -> true;
            case NONE_TYPE -> v == null;
        };
    }

    @Override public String toString() { return "<class '" + pyName + "'>"; }
}
