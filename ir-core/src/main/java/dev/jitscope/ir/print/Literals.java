package dev.jitscope.ir.print;

import dev.jitscope.ir.Function;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;

import java.util.List;

/** Constant values written as TorchScript source literals (PyTorch's IValue::repr with the printer's hooks). */
final class Literals {
    private Literals() { }

    /** The literal of a constant; tensors, objects and strings the lexer cannot read go to the constant table. */
    static String constant(Object v, SourcePrinter printer) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return ConstantFormat.formatDouble(d);
        if (v instanceof Float f) return ConstantFormat.formatDouble(f.doubleValue());
        if (v instanceof Number n) return Long.toString(n.longValue());
        if (v instanceof String s) return plainAscii(s) ? ConstantFormat.quote(s) : "CONSTANTS.c" + printer.constantIndex(s);
        if (v instanceof Device d) return "torch.device(" + ConstantFormat.quote(d.toString()) + ")";
        if (v instanceof Function f) {
            printer.depend(f);
            return f.qualifiedName();
        }
        if (v instanceof List<?> l) return sequence(l, "[", "]", printer);
        if (v instanceof Tuple t) return t.size() == 1 ? "(" + constant(t.get(0), printer) + ",)" : sequence(t.items(), "(", ")", printer);
        return "CONSTANTS.c" + printer.constantIndex(v);
    }

    private static String sequence(List<?> items, String open, String close, SourcePrinter printer) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < items.size(); i++) sb.append(i > 0 ? ", " : "").append(constant(items.get(i), printer));
        return sb.append(close).toString();
    }

    /** Printable ASCII (plus the escapes the quoting writes): anything else travels in constants.pkl, as PyTorch does. */
    static boolean plainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7e || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) return false;
        }
        return true;
    }

    /** The annotation of a class constant's value ({@code k : Final[int] = 3}). */
    static String typeOf(Object v) {
        if (v == null) return "NoneType";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Double || v instanceof Float) return "float";
        if (v instanceof Number) return "int";
        if (v instanceof String) return "str";
        if (v instanceof Device) return "Device";
        if (v instanceof Tuple t) {
            if (t.size() == 0) return "Tuple[()]";
            StringBuilder sb = new StringBuilder("Tuple[");
            for (int i = 0; i < t.size(); i++) sb.append(i > 0 ? ", " : "").append(typeOf(t.get(i)));
            return sb.append(']').toString();
        }
        if (v instanceof List<?> l) return "List[" + (l.isEmpty() ? "int" : typeOf(l.get(0))) + "]";
        return "Tensor";
    }
}
