package dev.jitscope.frontend.emit;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast.*;
import dev.jitscope.ir.type.*;

import java.util.ArrayList;
import java.util.List;

/** Turns annotation expressions ({@code List[int]}, {@code Optional[Tensor]}, class names) into types. */
public final class TypeParser {
    private final GlobalResolver globals;

    public TypeParser(GlobalResolver globals) { this.globals = globals; }

    public JitType parse(Expr e) {
        if (e instanceof Const c && c.value() == null) return NoneType.INSTANCE;
        if (e instanceof Const c && c.value() instanceof String s)
            return parse(dev.jitscope.frontend.parser.Parser.parseExpression(new dev.jitscope.ir.Source(c.range().file(), s)));
        if (e instanceof Subscript s) {
            String head = dotted(s.value());
            List<JitType> args = new ArrayList<>();
            for (Expr i : s.indices()) {
                if (i instanceof TupleLit t) for (Expr x : t.elts()) args.add(parse(x));
                else args.add(parse(i));
            }
            switch (strip(head)) {
                case "List": arity(e, args, 1); return ListType.of(args.get(0));
                case "Optional": arity(e, args, 1); return OptionalType.of(args.get(0));
                case "Tuple": return new TupleType(args);
                case "Dict": arity(e, args, 2); return DictType.of(args.get(0), args.get(1));
                case "Final": arity(e, args, 1); return args.get(0);
                case "BroadcastingList1": case "BroadcastingList2": case "BroadcastingList3":
                    arity(e, args, 1); return ListType.of(args.get(0));
                case "Union":
                    if (args.size() == 2 && args.contains(NoneType.INSTANCE))
                        return OptionalType.of(args.get(0) == NoneType.INSTANCE ? args.get(1) : args.get(0));
                    throw new JitScopeException("Union types other than Optional are not supported", e.range());
                default: throw new JitScopeException("unknown type constructor '" + head + "'", s.value().range());
            }
        }
        String name = dotted(e);
        if (name == null) throw new JitScopeException("expected a type annotation", e.range());
        switch (strip(name)) {
            case "Tensor": return TensorType.INSTANCE;
            case "int": return IntType.INSTANCE;
            case "float": return FloatType.INSTANCE;
            case "bool": return BoolType.INSTANCE;
            case "str": return StringType.INSTANCE;
            case "NoneType": case "None": return NoneType.INSTANCE;
            case "Device": case "device": return DeviceType.INSTANCE;
            case "number": case "Scalar": return NumberType.INSTANCE;
            case "Any": return AnyType.INSTANCE;
            case "List": return ListType.of(TensorType.INSTANCE);
            default: break;
        }
        ClassType c = globals.classType(name);
        if (c == null) throw new JitScopeException("unknown type '" + name + "'", e.range());
        return c;
    }

    /** {@code typing.List}, {@code torch.Tensor} → the last segment for the built-in names. */
    private static String strip(String name) {
        if (name.startsWith("typing.") || name.startsWith("torch.") && !name.startsWith("torch.nn")) return name.substring(name.lastIndexOf('.') + 1);
        return name;
    }

    private static void arity(Expr e, List<JitType> args, int n) {
        if (args.size() != n) throw new JitScopeException("expected " + n + " type argument(s) but found " + args.size(), e.range());
    }

    /** {@code a.b.c} as a string, or null when the expression is not a dotted name. */
    public static String dottedName(Expr e) { return dotted(e); }

    /**
     * N of a {@code BroadcastingListN[T]} annotation (also inside Optional): a parameter whose single
     * scalar argument is repeated N times, as PyTorch's schema matching does. 0 for other annotations.
     */
    public static int broadcastSize(Expr annotation) {
        if (!(annotation instanceof Subscript s)) return 0;
        String head = dotted(s.value());
        if (head == null) return 0;
        head = head.substring(head.lastIndexOf('.') + 1);
        if (head.equals("Optional") && s.indices().size() == 1) return broadcastSize(s.indices().get(0));
        if (head.startsWith("BroadcastingList") && head.length() == "BroadcastingList".length() + 1)
            return head.charAt(head.length() - 1) - '0';
        return 0;
    }

    static String dotted(Expr e) {
        if (e instanceof Name n) return n.id();
        if (e instanceof Attribute a) {
            String base = dotted(a.value());
            return base == null ? null : base + "." + a.name();
        }
        return null;
    }
}
