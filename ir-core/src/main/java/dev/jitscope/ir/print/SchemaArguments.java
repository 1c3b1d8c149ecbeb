package dev.jitscope.ir.print;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.schema.SchemaRegistry;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.NumberType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TypeVarType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of an operator call as source writes them (python_print.cpp's printing of builtin
 * calls): keyword-only arguments by name ({@code dtype=7}) and trailing arguments that equal their
 * schema defaults left out, as {@code CalculateNecessaryArgs} does. Without a schema the inputs are
 * written positionally.
 */
final class SchemaArguments {
    private SchemaArguments() { }

    static List<String> render(Node n, java.util.function.Function<Value, String> use) {
        List<Value> in = n.inputs();
        FunctionSchema schema = n.schema() instanceof FunctionSchema s ? s : lookup(n);
        List<String> out = new ArrayList<>();
        if (schema == null) {
            for (Value v : in) out.add(use.apply(v));
            return out;
        }
        List<Argument> args = schema.arguments();
        // the emitter keeps keyword arguments in source order and names them ("keywords": the last
        // inputs' names): zeros(size, dtype=d, device=v) must not print device as the schema's next slot
        if (n.attr("keywords") instanceof List<?> names && !names.isEmpty() && names.size() <= in.size()) {
            int positional = in.size() - names.size();
            for (int i = 0; i < positional; i++) out.add(use.apply(in.get(i)));
            for (int k = 0; k < names.size(); k++) {
                Value v = in.get(positional + k);
                Argument a = null;
                for (Argument x : args) if (x.name().equals(names.get(k))) a = x;
                if (a != null && isDefault(v, a)) continue;   // as python_print drops arguments equal to their defaults
                out.add(names.get(k) + "=" + use.apply(v));
            }
            return out;
        }
        int necessary = in.size();
        while (necessary > 0 && necessary <= args.size() && isDefault(in.get(necessary - 1), args.get(necessary - 1))) necessary--;
        for (int i = 0; i < necessary; i++) {
            String v = use.apply(in.get(i));
            out.add(i < args.size() && args.get(i).kwargOnly() ? args.get(i).name() + "=" + v : v);
        }
        return out;
    }

    private static boolean isDefault(Value v, Argument a) {
        if (!a.hasDefault() || !v.node().kind().equals(Node.CONSTANT)) return false;
        Object c = v.node().attr("value"), d = a.defaultValue();
        if (c instanceof Number x && d instanceof Number y)
            return (x instanceof Double || y instanceof Double) ? x.doubleValue() == y.doubleValue() : x.longValue() == y.longValue();
        return Objects.equals(c, d);
    }

    /** The first overload of the node's operator whose arguments accept its inputs. */
    static FunctionSchema lookup(Node n) {
        List<FunctionSchema> overloads = SchemaRegistry.global().overloads(n.kind());
        for (FunctionSchema s : overloads) if (accepts(s, n.inputs(), true)) return s;
        // NB: a value typed loosely by the emitter should not cost the keyword names: among the
        // overloads of the right arity take the one most inputs fit
        FunctionSchema best = null;
        int bestFits = -1;
        for (FunctionSchema s : overloads) {
            if (!accepts(s, n.inputs(), false)) continue;
            int fits = 0;
            for (int i = 0; i < n.inputs().size() && i < s.arguments().size(); i++)
                if (fits(n.inputs().get(i).type(), s.arguments().get(i).type())) fits++;
            if (fits > bestFits) {
                best = s;
                bestFits = fits;
            }
        }
        return best;
    }

    private static boolean accepts(FunctionSchema s, List<Value> in, boolean checkTypes) {
        List<Argument> args = s.arguments();
        if (in.size() > args.size()) return s.isVararg();
        for (int i = in.size(); i < args.size(); i++) if (!args.get(i).hasDefault()) return false;
        if (checkTypes) for (int i = 0; i < in.size(); i++) if (!fits(in.get(i).type(), args.get(i).type())) return false;
        return true;
    }

    private static boolean fits(JitType v, JitType a) {
        if (a == null || a instanceof TypeVarType || v.isSubtypeOf(a)) return true;
        if (a instanceof OptionalType o) return v == NoneType.INSTANCE || v instanceof OptionalType || fits(v, o.element());
        if (a instanceof TensorType) return v instanceof TensorType;
        if (a == NumberType.INSTANCE) return v == IntType.INSTANCE || v == FloatType.INSTANCE || v == BoolType.INSTANCE;
        if (a == FloatType.INSTANCE) return v == IntType.INSTANCE;
        if (a instanceof ListType la) return v instanceof ListType lv && fits(lv.element(), la.element());
        return a.str().equals(v.str());
    }
}
