package dev.jitscope.ir.schema;

import dev.jitscope.ir.parse.Cursor;
import dev.jitscope.ir.type.AnyType;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.GeneratorType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.NumberType;
import dev.jitscope.ir.type.OpaqueType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.ir.type.TypeVarType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses PyTorch's schema syntax ({@code aten::max.dim(Tensor self, int dim, bool keepdim=False) ->
 * (Tensor values, Tensor indices)}), as printed by {@code torch._C._jit_get_all_schemas()} and as
 * written in native_functions.yaml (symbolic defaults such as {@code contiguous_format}, {@code long},
 * {@code Mean}).
 */
public final class SchemaParser {
    /** Enum-like defaults of native_functions.yaml with the ints TorchScript passes for them. */
    private static final Map<String, Long> SYMBOLIC_DEFAULTS = Map.ofEntries(
            Map.entry("contiguous_format", 0L), Map.entry("preserve_format", 1L),
            Map.entry("channels_last", 2L), Map.entry("channels_last_3d", 3L),
            Map.entry("strided", 0L), Map.entry("sparse_coo", 1L),
            Map.entry("Mean", 1L), Map.entry("Sum", 2L),
            Map.entry("uint8", 0L), Map.entry("int8", 1L), Map.entry("int16", 2L), Map.entry("short", 2L),
            Map.entry("int", 3L), Map.entry("int32", 3L), Map.entry("long", 4L), Map.entry("int64", 4L),
            Map.entry("half", 5L), Map.entry("float16", 5L), Map.entry("float", 6L), Map.entry("float32", 6L),
            Map.entry("double", 7L), Map.entry("float64", 7L), Map.entry("bool", 11L), Map.entry("bfloat16", 15L));

    private final Cursor in;
    private final Map<String, ClassType> classes = new HashMap<>();

    private SchemaParser(String text) { this.in = new Cursor("<schema>", text); }

    /** Parses one schema; throws {@link dev.jitscope.diag.JitScopeException} pointing at the error. */
    public static FunctionSchema parse(String text) {
        SchemaParser p = new SchemaParser(text);
        FunctionSchema s = p.schema();
        p.in.skipWhitespace();
        if (!p.in.atEnd()) throw p.in.error("unexpected " + p.in.describeHere() + " after schema");
        return s;
    }

    /** Parses a schema type as written in schemas ({@code int[2]}, {@code Tensor(a!)?}, {@code Dict(str, t)}). */
    public static JitType parseType(String text) {
        SchemaParser p = new SchemaParser(text);
        JitType t = p.type(new TypeInfo());
        p.in.skipBlanks();
        if (!p.in.atEnd()) throw p.in.error("unexpected " + p.in.describeHere() + " after type");
        return t;
    }

    private FunctionSchema schema() {
        in.skipWhitespace();
        String ns = in.identifier();
        in.expect("::");
        StringBuilder name = new StringBuilder(ns).append("::").append(in.identifier());
        String overload = "";
        if (in.accept(".")) overload = in.identifier();
        in.expect("(");
        List<Argument> args = new ArrayList<>();
        boolean kwargOnly = false, vararg = false;
        if (!in.accept(")")) {
            do {
                if (vararg) throw in.error("'...' must be the last argument");
                if (in.accept("...")) { vararg = true; continue; }
                if (in.accept("*")) { kwargOnly = true; continue; }
                args.add(argument(kwargOnly, true));
            } while (in.accept(","));
            in.expect(")");
        }
        in.expect("->");
        List<Argument> returns = new ArrayList<>();
        boolean varret = false;
        in.skipBlanks();
        if (in.accept("...")) varret = true;
        else if (in.peek() == '(') {
            in.expect("(");
            if (!in.accept(")")) {
                do {
                    if (in.accept("...")) { varret = true; continue; }
                    returns.add(argument(false, false));
                } while (in.accept(","));
                in.expect(")");
            }
        } else returns.add(argument(false, false));
        return new FunctionSchema(name.toString(), overload, args, returns, vararg, varret);
    }

    /** What a type spelling carried besides its type. */
    private static final class TypeInfo {
        Integer listSize;
        AliasInfo alias;
    }

    private Argument argument(boolean kwargOnly, boolean isArgument) {
        in.skipBlanks();
        int start = in.pos();
        TypeInfo info = new TypeInfo();
        JitType type = type(info);
        String typeText = in.text().substring(start, in.pos()).strip();
        String name = null;
        if (in.atIdentifier()) name = in.identifier();
        else if (isArgument) throw in.error("expected an argument name but found " + in.describeHere());
        boolean hasDefault = false;
        Object value = null;
        String defaultText = null;
        if (isArgument && in.accept("=")) {
            hasDefault = true;
            in.skipBlanks();
            int ds = in.pos();
            value = defaultValue(type, info.listSize);
            defaultText = in.text().substring(ds, in.pos());
        }

        return new Argument(name, type, typeText, info.listSize,
                hasDefault, value, defaultText, kwargOnly, info.alias);
    }

    private JitType type(TypeInfo info) {
        JitType t = baseType(info);
        while (true) {
            if (in.peek() == '[') {
                in.expect("[");
                if (Character.isDigit(in.peek())) info.listSize = ((Long) in.number()).intValue();
                in.expect("]");
                t = ListType.of(t);
                alias(info);
            } else if (in.peek() == '?') {
                in.expect("?");
                t = OptionalType.of(t);
            } else return t;
        }
    }

    private JitType baseType(TypeInfo info) {
        in.skipBlanks();
        if (in.peek() == '(') {
            in.expect("(");
            List<JitType> elems = new ArrayList<>();
            if (!in.accept(")")) {
                do elems.add(type(new TypeInfo())); while (in.accept(","));
                in.expect(")");
            }
            return TupleType.of(elems.toArray(JitType[]::new));
        }
        StringBuilder qualified = new StringBuilder(in.identifier());
        while (in.peek() == '.' && in.peek(1) != '.') {
            in.expect(".");
            qualified.append('.').append(in.identifier());
        }
        String name = qualified.toString();
        JitType t = switch (name) {
            case "Dict" -> {
                in.expect("(");
                JitType k = type(new TypeInfo());
                in.expect(",");
                JitType v = type(new TypeInfo());
                in.expect(")");
                yield DictType.of(k, v);
            }
            case "Future", "RRef", "Await" -> {
                in.expect("(");
                JitType e = type(new TypeInfo());
                in.expect(")");
                yield OpaqueType.of(name, e);
            }
            default -> simpleType(name);
        };
        alias(info);
        return t;
    }

    private JitType simpleType(String name) {
        return switch (name) {
            case "Tensor" -> TensorType.INSTANCE;
            case "int", "SymInt", "ScalarType", "Layout", "MemoryFormat" -> IntType.INSTANCE;
            case "float" -> FloatType.INSTANCE;
            case "bool" -> BoolType.INSTANCE;
            case "str", "Dimname" -> StringType.INSTANCE;
            case "Scalar" -> NumberType.INSTANCE;
            case "Device" -> DeviceType.INSTANCE;
            case "Generator" -> GeneratorType.INSTANCE;
            case "Any" -> AnyType.INSTANCE;
            case "NoneType" -> NoneType.INSTANCE;
            default -> {
                if (name.startsWith("__torch__.")) yield classes.computeIfAbsent(name, n -> new ClassType(n, false));
                if (name.equals("t") || name.matches("t[0-9]*|tVal|tKey")) yield TypeVarType.of(name);
                yield OpaqueType.of(name);
            }
        };
    }

    /** An optional alias annotation right after a type: {@code (a)}, {@code (a!)}, {@code (a -> *)}, {@code (b|a)}. */
    private void alias(TypeInfo info) {
        if (in.peek() != '(') return;
        in.expect("(");
        List<String> before = aliasSets();
        List<String> after = before;
        boolean write = false;
        if (in.accept("->")) after = aliasSets();
        if (in.accept("!")) write = true;
        in.expect(")");
        AliasInfo a = new AliasInfo(before, after, write);
        if (info.alias == null || a.isWrite()) info.alias = a;
    }

    private List<String> aliasSets() {
        List<String> sets = new ArrayList<>();
        do {
            in.skipBlanks();
            if (in.accept("*")) sets.add("*");
            else sets.add(in.identifier());
        } while (in.accept("|"));
        return sets;
    }

    private Object defaultValue(JitType type, Integer listSize) {
        Object v = literal();
        // A scalar default of a fixed-size list means "that value N times": int[2] stride=1.
        JitType declared = type instanceof OptionalType o ? o.element() : type;
        if (declared instanceof ListType && v != null && !(v instanceof List) && listSize != null) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < listSize; i++) l.add(v);
            return l;
        }
        if (v instanceof Long l && (declared == FloatType.INSTANCE)) return l.doubleValue();
        return v;
    }

    private Object literal() {
        in.skipBlanks();
        char c = in.peek();
        if (c == '"' || c == '\'') return in.stringLiteral();
        if (c == '[') {
            in.expect("[");
            List<Object> items = new ArrayList<>();
            if (!in.accept("]")) {
                do items.add(literal()); while (in.accept(","));
                in.expect("]");
            }
            return items;
        }
        if (in.atNumber()) return in.number();
        String word = in.identifier();
        switch (word) {
            case "None": return null;
            case "True": return true;
            case "False": return false;
            default:
                Long sym = SYMBOLIC_DEFAULTS.get(word);
                if (sym == null) throw in.error("unknown default value '" + word + "'");
                return sym;
        }
    }
}
