package dev.jitscope.ir.parse;

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
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.tensor.DType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses TorchScript types in both spellings: the graph form ({@code int[]}, {@code Tensor?},
 * {@code (int, Tensor)}, {@code Dict(str, Tensor)}, {@code Float(2, 3, strides=[3, 1], requires_grad=0,
 * device=cpu)}) and the code (annotation) form ({@code List[int]}, {@code Optional[Tensor]},
 * {@code Tuple[int, int]}, {@code Dict[str, Tensor]}). Qualified class names ({@code __torch__.m.Y})
 * go through a resolver; the default one makes one module {@link ClassType} per name.
 */
public final class TypeParser {
    private final Function<String, JitType> classResolver;

    public TypeParser(Function<String, JitType> classResolver) { this.classResolver = classResolver; }

    /** A parser whose class types are created on first mention and shared afterwards. */
    public TypeParser() {
        Map<String, JitType> made = new HashMap<>();
        this.classResolver = n -> made.computeIfAbsent(n, k -> new ClassType(k, true));
    }

    /** A graph-form type, e.g. {@code Dict(str, Tensor)}. */
    public static JitType parse(String text) { return new TypeParser().parseAll(text, false); }

    /** A code-form type, e.g. {@code Optional[List[int]]}. */
    public static JitType parseAnnotation(String text) { return new TypeParser().parseAll(text, true); }

    public JitType parseGraphType(String text) { return parseAll(text, false); }
    public JitType parseAnnotationType(String text) { return parseAll(text, true); }

    private JitType parseAll(String text, boolean annotation) {
        Cursor c = new Cursor("<type>", text);
        JitType t = annotation ? annotation(c) : graphType(c);
        c.skipBlanks();
        if (!c.atEnd()) throw c.error("unexpected " + c.describeHere() + " after type");
        return t;
    }

    /** A graph-form type at the cursor (stops before anything that cannot continue a type). */
    public JitType graphType(Cursor c) {
        JitType t = graphBase(c);
        while (true) {
            if (c.startsWith("[]")) { c.expect("[]"); t = ListType.of(t); }
            else if (c.peek() == '?') { c.expect("?"); t = OptionalType.of(t); }
            else return t;
        }
    }

    private JitType graphBase(Cursor c) {
        c.skipBlanks();
        if (c.peek() == '(') {
            c.expect("(");
            List<JitType> elems = new ArrayList<>();
            if (!c.accept(")")) {
                do elems.add(graphType(c)); while (c.accept(","));
                c.expect(")");
            }
            return TupleType.of(elems.toArray(JitType[]::new));
        }
        int start = c.pos();
        String name = qualifiedName(c);
        if (name.equals("Dict")) {
            c.expect("(");
            JitType k = graphType(c);
            c.expect(",");
            JitType v = graphType(c);
            c.expect(")");
            return DictType.of(k, v);
        }
        DType dtype = dtypeByStorageName(name);
        if ((dtype != null || name.equals("Tensor")) && c.peek() == '(') return refinedTensor(c, dtype);
        JitType t = simple(name);
        if (t == null) { c.seek(start); throw c.error("unknown type '" + name + "'"); }
        return t;
    }

    /** {@code Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)}; unknown sizes ({@code *}) drop the shape. */
    private static JitType refinedTensor(Cursor c, DType dtype) {
        c.expect("(");
        List<Integer> sizes = new ArrayList<>();
        int[] strides = null;
        boolean unknownSize = false, requiresGrad = false;
        if (!c.accept(")")) {
            do {
                c.skipBlanks();
                if (c.accept("*")) { unknownSize = true; continue; }
                if (c.atNumber()) { sizes.add(((Long) c.number()).intValue()); continue; }
                String key = c.identifier();
                c.expect("=");
                c.skipBlanks();
                switch (key) {
                    case "strides" -> {
                        c.expect("[");
                        List<Integer> s = new ArrayList<>();
                        if (!c.accept("]")) {
                            do s.add(((Long) c.number()).intValue()); while (c.accept(","));
                            c.expect("]");
                        }
                        strides = s.stream().mapToInt(Integer::intValue).toArray();
                    }
                    case "requires_grad" -> requiresGrad = ((Long) c.number()) != 0;
                    case "device" -> {
                        c.identifier();
                        if (c.accept(":")) c.number();
                    }
                    default -> throw c.error("unknown tensor type property '" + key + "'");
                }
            } while (c.accept(","));
            c.expect(")");
        }
        int[] dims = unknownSize ? null : sizes.stream().mapToInt(Integer::intValue).toArray();
        return TensorType.of(dtype, dims, unknownSize ? null : strides, requiresGrad);
    }

    private static DType dtypeByStorageName(String name) {
        for (DType d : DType.values()) if (d.storageName.equals(name)) return d;
        return null;
    }

    private JitType simple(String name) {
        return switch (name) {
            case "Tensor" -> TensorType.INSTANCE;
            case "int" -> IntType.INSTANCE;
            case "float" -> FloatType.INSTANCE;
            case "bool" -> BoolType.INSTANCE;
            case "str" -> StringType.INSTANCE;
            case "NoneType", "None" -> NoneType.INSTANCE;
            case "Device" -> DeviceType.INSTANCE;
            case "Scalar", "number" -> NumberType.INSTANCE;
            case "Any" -> AnyType.INSTANCE;
            case "Generator" -> GeneratorType.INSTANCE;
            default -> name.contains(".") ? classResolver.apply(name) : null;
        };
    }

    private static String qualifiedName(Cursor c) {
        StringBuilder sb = new StringBuilder(c.identifier());
        while (c.peek() == '.' && (Character.isLetter(c.peek(1)) || c.peek(1) == '_')) {
            c.expect(".");
            sb.append('.').append(c.identifier());
        }
        return sb.toString();
    }

    /** A code-form type at the cursor. */
    public JitType annotation(Cursor c) {
        c.skipBlanks();
        int start = c.pos();
        String name = qualifiedName(c);
        String bare = name.startsWith("typing.") ? name.substring(7) : name.startsWith("torch.") && !name.startsWith("torch.classes") ? name.substring(6) : name;
        switch (bare) {
            case "List": {
                c.expect("[");
                JitType e = annotation(c);
                c.expect("]");
                return ListType.of(e);
            }
            case "Optional": {
                c.expect("[");
                JitType e = annotation(c);
                c.expect("]");
                return OptionalType.of(e);
            }
            case "Dict": {
                c.expect("[");
                JitType k = annotation(c);
                c.expect(",");
                JitType v = annotation(c);
                c.expect("]");
                return DictType.of(k, v);
            }
            case "Tuple": {
                c.expect("[");
                List<JitType> elems = new ArrayList<>();
                if (c.accept("()")) { c.expect("]"); return TupleType.of(); }
                do elems.add(annotation(c)); while (c.accept(","));
                c.expect("]");
                return TupleType.of(elems.toArray(JitType[]::new));
            }
            default: {
                JitType t = simple(bare);
                if (t == null) { c.seek(start); throw c.error("unknown type '" + name + "'"); }
                return t;
            }
        }
    }
}
