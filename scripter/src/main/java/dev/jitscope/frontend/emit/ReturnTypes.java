package dev.jitscope.frontend.emit;

import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.*;

import java.util.List;
import java.util.Set;

/**
 * Output types of builtin operators, inferred from the operator name and input types.
 * NB: a stand-in until overload resolution against the schema registry is wired in; it covers what
 * later emission depends on (ints for sizes and loop bounds, bools for conditions, list elements).
 */
final class ReturnTypes {
    private ReturnTypes() { }

    private static final Set<String> INT_RESULT = Set.of("aten::len", "aten::dim", "aten::numel", "aten::Int",
            "aten::floor", "aten::ceil", "aten::get_device", "aten::element_size", "aten::ord", "aten::index", "aten::count");
    private static final Set<String> BOOL_RESULT = Set.of("aten::__is__", "aten::__isnot__", "aten::__contains__",
            "aten::__not__", "aten::Bool", "aten::is_floating_point", "aten::is_contiguous", "aten::startswith",
            "aten::endswith", "aten::isupper", "aten::islower", "aten::isdigit", "aten::is_complex", "aten::is_nonzero",
            "prim::is_cuda", "prim::requires_grad", "prim::isinstance", "aten::__and__", "aten::__or__", "aten::__xor__",
            "aten::equal", "aten::allclose", "aten::is_scripting", "aten::_has_torch_function");
    private static final Set<String> COMPARISON = Set.of("aten::eq", "aten::ne", "aten::lt", "aten::le", "aten::gt", "aten::ge");
    private static final Set<String> STR_RESULT = Set.of("aten::format", "aten::str", "aten::join", "aten::lower",
            "aten::upper", "aten::strip", "aten::replace", "aten::__str__", "prim::name");
    private static final Set<String> FLOAT_RESULT = Set.of("aten::Float", "aten::sqrt", "aten::log", "aten::exp",
            "aten::sin", "aten::cos", "aten::tan", "aten::atan", "aten::tanh", "aten::erf", "aten::log1p", "aten::fmod");
    private static final Set<String> TENSOR_LIST = Set.of("aten::chunk", "aten::split", "aten::unbind",
            "aten::split_with_sizes", "aten::unsafe_chunk", "aten::tensor_split", "aten::meshgrid", "aten::broadcast_tensors");

    static JitType infer(String kind, List<Value> inputs) {
        boolean anyTensor = inputs.stream().anyMatch(v -> v.type() instanceof TensorType);
        JitType first = inputs.isEmpty() ? null : inputs.get(0).type();
        if (kind.equals("aten::size") || kind.equals("aten::stride"))
            return inputs.size() >= 2 ? IntType.INSTANCE : ListType.of(IntType.INSTANCE);
        if (INT_RESULT.contains(kind)) return IntType.INSTANCE;
        // sum.int(int[]) -> int, sum.float(float[]) -> float, sum.bool(bool[]) -> int
        if (kind.equals("aten::sum") && inputs.size() == 1 && first instanceof ListType lt && !(lt.element() instanceof TensorType))
            return lt.element() instanceof FloatType ? FloatType.INSTANCE : IntType.INSTANCE;
        String op = kind.substring(kind.indexOf("::") + 2);
        if (op.startsWith("is_") || op.startsWith("_is_") || op.startsWith("has_") || op.startsWith("_has_")) return BoolType.INSTANCE;
        if (BOOL_RESULT.contains(kind) && !(anyTensor && kind.startsWith("aten::__") && !kind.equals("aten::__not__")
                && !kind.equals("aten::__is__") && !kind.equals("aten::__isnot__") && !kind.equals("aten::__contains__")))
            return BoolType.INSTANCE;
        if (COMPARISON.contains(kind)) return anyTensor ? TensorType.INSTANCE : BoolType.INSTANCE;
        if (STR_RESULT.contains(kind)) return StringType.INSTANCE;
        if (TENSOR_LIST.contains(kind)) return ListType.of(TensorType.INSTANCE);
        switch (kind) {
            case "aten::any": case "aten::all":
                return anyTensor ? TensorType.INSTANCE : BoolType.INSTANCE;
            case "aten::find": case "aten::rfind":
                return first instanceof StringType ? IntType.INSTANCE : TensorType.INSTANCE;
            case "aten::__getitem__": case "aten::pop": case "aten::get": case "aten::setdefault":
                if (first instanceof ListType l) return l.element();
                if (first instanceof DictType d) return kind.equals("aten::get") && inputs.size() == 2 ? OptionalType.of(d.value()) : d.value();
                if (first instanceof StringType) return StringType.INSTANCE;
                return TensorType.INSTANCE;
            case "aten::keys": return first instanceof DictType d ? ListType.of(d.key()) : ListType.of(StringType.INSTANCE);
            case "aten::values": return first instanceof DictType d ? ListType.of(d.value()) : ListType.of(TensorType.INSTANCE);
            case "aten::items": return first instanceof DictType d ? ListType.of(TupleType.of(d.key(), d.value())) : AnyType.INSTANCE;
            case "aten::append": case "aten::list": case "aten::copy": case "aten::extend": case "aten::_set_item":
            case "aten::insert": case "aten::clear": case "aten::reverse":
                if (first instanceof ListType && !kind.equals("aten::append") && !kind.equals("aten::list") && !kind.equals("aten::copy"))
                    return NoneType.INSTANCE;
                return first instanceof ListType || first instanceof DictType ? first : TensorType.INSTANCE;
            case "aten::slice":
                return first instanceof ListType || first instanceof StringType ? first : TensorType.INSTANCE;
            case "aten::item": return NumberType.INSTANCE;
            case "prim::dtype": case "prim::layout": return IntType.INSTANCE;
            case "prim::device": return DeviceType.INSTANCE;
            case "aten::max_pool2d_with_indices": case "aten::sort": case "aten::topk": case "aten::lstm": case "aten::gru":
            case "aten::native_layer_norm": case "aten::_native_multi_head_attention": case "aten::max.dim": case "aten::min.dim":
                return kind.equals("aten::lstm") ? TupleType.of(TensorType.INSTANCE, TensorType.INSTANCE, TensorType.INSTANCE)
                        : TupleType.of(TensorType.INSTANCE, TensorType.INSTANCE);
            case "prim::min": case "prim::max": case "prim::abs": case "aten::abs": case "aten::neg":
                if (first instanceof ListType l) return l.element();
                return anyTensor ? TensorType.INSTANCE : scalarResult(inputs, false);
            case "aten::add": case "aten::sub": case "aten::mul": case "aten::floordiv": case "aten::remainder":
            case "aten::pow": case "aten::__lshift__": case "aten::__rshift__":
                if (!anyTensor && first instanceof ListType) return first;
                if (!anyTensor && first instanceof StringType) return first;
                return anyTensor ? TensorType.INSTANCE : scalarResult(inputs, false);
            case "aten::div": case "aten::truediv":
                return anyTensor ? TensorType.INSTANCE : FloatType.INSTANCE;
            case "aten::round":
                return anyTensor ? TensorType.INSTANCE : FloatType.INSTANCE;
            default:
                if (!anyTensor && FLOAT_RESULT.contains(kind)) return FloatType.INSTANCE;
                return TensorType.INSTANCE;
        }
    }

    private static JitType scalarResult(List<Value> inputs, boolean alwaysFloat) {
        boolean allInt = inputs.stream().allMatch(v -> v.type() == IntType.INSTANCE || v.type() == BoolType.INSTANCE);
        boolean anyNumber = inputs.stream().anyMatch(v -> v.type() == NumberType.INSTANCE);
        if (anyNumber) return NumberType.INSTANCE;
        return allInt && !alwaysFloat ? IntType.INSTANCE : FloatType.INSTANCE;
    }
}
