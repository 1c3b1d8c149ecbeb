package dev.jitscope.ir.print;

import dev.jitscope.ir.Function;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TupleType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes classes and functions as the TorchScript source {@code torch.jit.save} puts under
 * {@code code/} (PyTorch's python_print.cpp), so that {@code torch.jit.load} compiles them back:
 * <pre>
 * class M(Module):
 *   __parameters__ = ["weight", ]
 *   __buffers__ = []
 *   weight : Tensor
 *   training : bool
 *   def forward(self: __torch__.M,
 *     x: Tensor) -> Tensor:
 *     weight = self.weight
 *     return torch.relu(torch.mul(x, weight))
 * </pre>
 * Every class or function the printed ones mention (attribute types, values, called functions)
 * is printed too, each in the file of its qualifier ({@code __torch__.torch.nn.modules.linear.Linear}
 * in {@code code/__torch__/torch/nn/modules/linear.py}). Tensor constants (and strings that are not
 * ASCII) become {@code CONSTANTS.c<i>}, which the archive stores in {@code constants.pkl}.
 */
public final class SourcePrinter {

    /** The printed code files (qualifier → text, in first-mention order) and the constant table. */
    public record Result(Map<String, String> files, List<Object> constants) { }

    /**
     * The constant by which the frontend marks a class that stands for a NamedTuple (fields as
     * attributes, built by calling the class); printed as {@code class Name(NamedTuple):}.
     */
    public static final String NAMED_TUPLE_MARKER = "__named_tuple__";

    private final Map<String, StringBuilder> files = new LinkedHashMap<>();
    private final Set<Object> printed = new LinkedHashSet<>();
    private final List<Object> pending = new ArrayList<>();
    private final List<Object> constants = new ArrayList<>();

    private SourcePrinter() { }

    /** Prints {@code classes} and everything they depend on. */
    public static Result print(Collection<ClassType> classes) {
        return print(classes, List.of());
    }

    /** Prints {@code classes}, free {@code functions} and everything they depend on. */
    public static Result print(Collection<ClassType> classes, Collection<Function> functions) {
        SourcePrinter p = new SourcePrinter();
        p.pending.addAll(classes);
        p.pending.addAll(functions);
        while (!p.pending.isEmpty()) {
            Object next = p.pending.remove(0);
            if (!p.printed.add(next)) continue;
            if (next instanceof ClassType c) p.printClass(c);
            else p.printFunction((Function) next);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, StringBuilder> e : p.files.entrySet()) out.put(e.getKey(), e.getValue().toString());
        return new Result(out, List.copyOf(p.constants));
    }

    /** The file a qualified name lives in: {@code __torch__.a.B} → {@code __torch__.a}. */
    static String qualifierOf(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? "__torch__" : qualifiedName.substring(0, dot);
    }

    private StringBuilder file(String qualifiedName) {
        return files.computeIfAbsent(qualifierOf(qualifiedName), q -> new StringBuilder());
    }

    /** Queues a class or function for printing (once). */
    void depend(Object classOrFunction) {
        if (!printed.contains(classOrFunction) && !pending.contains(classOrFunction)) pending.add(classOrFunction);
    }

    /** Queues every class a type mentions. */
    void dependOnType(JitType t) {
        if (t instanceof ClassType c) {
            if (c.qualifiedName().startsWith("__torch__.")) depend(c);
        } else if (t instanceof ListType l) dependOnType(l.element());
        else if (t instanceof OptionalType o) dependOnType(o.element());
        else if (t instanceof TupleType tt) tt.elements().forEach(this::dependOnType);
        else if (t instanceof DictType d) {
            dependOnType(d.key());
            dependOnType(d.value());
        }
    }

    /** The index of a value in the constant table, adding it the first time. */
    int constantIndex(Object value) {
        for (int i = 0; i < constants.size(); i++) if (constants.get(i) == value) return i;
        if (value instanceof String s)
            for (int i = 0; i < constants.size(); i++) if (s.equals(constants.get(i))) return i;
        constants.add(value);
        return constants.size() - 1;
    }

    private void printClass(ClassType c) {
        StringBuilder out = file(c.qualifiedName());
        boolean namedTuple = Boolean.TRUE.equals(c.constants().get(NAMED_TUPLE_MARKER));
        out.append("class ").append(c.simpleName()).append(c.isModule() ? "(Module)" : namedTuple ? "(NamedTuple)" : "").append(":\n");
        if (c.isModule()) {
            out.append("  __parameters__ = ").append(namesOf(c, ClassType.AttributeKind.PARAMETER)).append('\n');
            out.append("  __buffers__ = ").append(namesOf(c, ClassType.AttributeKind.BUFFER)).append('\n');
        }
        for (ClassType.Attribute a : c.attributes()) {
            dependOnType(a.type());
            // names that are not identifiers (a Sequential's "0") are declared through __annotations__
            if (FunctionWriter.isIdentifier(a.name()))
                out.append("  ").append(a.name()).append(" : ").append(annotation(a.type())).append('\n');
            else
                out.append("  __annotations__[").append(ConstantFormat.quote(a.name())).append("] = ").append(annotation(a.type())).append('\n');
        }
        for (Map.Entry<String, Object> k : c.constants().entrySet()) {
            if (k.getKey().equals(NAMED_TUPLE_MARKER) || k.getValue() instanceof dev.jitscope.ir.type.CompileTimeOnly) continue;
            out.append("  ").append(k.getKey()).append(" : Final[").append(Literals.typeOf(k.getValue()))
                    .append("] = ").append(Literals.constant(k.getValue(), this)).append('\n');
        }
        for (Function m : c.methods().values()) new FunctionWriter(this, m, out, 1).write();
        if (c.attributes().isEmpty() && c.constants().isEmpty() && c.methods().isEmpty()) out.append("  pass\n");
    }

    private void printFunction(Function f) {
        new FunctionWriter(this, f, file(f.qualifiedName()), 0).write();
    }

    private static String namesOf(ClassType c, ClassType.AttributeKind kind) {
        StringBuilder sb = new StringBuilder("[");
        for (ClassType.Attribute a : c.attributes())
            if (a.kind() == kind) sb.append('"').append(a.name()).append("\", ");
        return sb.append(']').toString();
    }

    /** The annotation of a type as code writes it, queuing the classes it names. */
    String annotation(JitType t) {
        dependOnType(t);
        return t.annotation();
    }

    /** Kinds whose outputs are never stored in a variable: they are printed at their uses. */
    static boolean isConstantLike(Node n) { return n.kind().equals(Node.CONSTANT); }
}
