package dev.jitscope.ir.print;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Block;
import dev.jitscope.ir.DeclaredDefaults;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints one function's graph as a {@code def}. Values become variables named after their debug
 * names; a value used once, right where the next expression would be evaluated anyway, is written
 * into its use instead ({@code torch.add(torch.mul(x, 2), 1)}), which keeps the order of effects
 * (python_print.cpp's scan: inputs are inlined only when produced by the immediately preceding
 * non-constant nodes, in reverse argument order). Constants are always written as literals.
 */
final class FunctionWriter {
    private static final Set<String> RESERVED = Set.of(
            "_", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
            "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
            "or", "pass", "raise", "return", "try", "while", "with", "yield", "True", "False", "None",
            "torch", "ops", "CONSTANTS", "__torch__", "annotate", "uninitialized", "unchecked_cast", "isinstance",
            "getattr", "hasattr", "print", "range", "fork", "int", "float", "bool", "str", "len", "list", "tuple",
            "dict", "inf", "nan", "math", "Tensor", "Optional", "List", "Dict", "Tuple", "Final", "Module", "NoneType",
            "Any", "Device", "number", "self_");

    private final SourcePrinter printer;
    private final Function function;
    private final StringBuilder out;
    private final int baseIndent;

    private final Map<Value, String> names = new IdentityHashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> nextId = new HashMap<>();
    /** Values written into their use, and the expression they stand for. */
    private final Map<Value, String> inlined = new IdentityHashMap<>();
    private final Set<Node> inlineNodes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** For each user, the highest input offset already scanned by {@link #splitLongInlines}. */
    private final Map<Node, Integer> splitUses = new IdentityHashMap<>();
    private int depth;

    FunctionWriter(SourcePrinter printer, Function function, StringBuilder out, int baseIndent) {
        this.printer = printer;
        this.function = function;
        this.out = out;
        this.baseIndent = baseIndent;
    }

    void write() {
        Graph g = function.graph();
        if (g == null) throw new IllegalStateException("function " + function.qualifiedName() + " has no graph to print");
        depth = baseIndent;
        indent();
        out.append("def ").append(function.name()).append('(');
        List<Value> params = g.inputs();
        for (int i = 0; i < params.size(); i++) {
            Value p = params.get(i);
            String name = genName(i == 0 && baseIndent > 0 ? "self" : baseName(p));
            names.put(p, name);
            if (i > 0) out.append(",\n    ");
            out.append(name).append(": ").append(printer.annotation(p.type()));
            String def = function.schema() instanceof DeclaredDefaults d ? d.defaultText(i) : null;
            if (def != null) out.append('=').append(def);
        }
        List<Value> results = g.outputs();
        JitType ret = results.size() == 1 ? results.get(0).type() : NoneType.INSTANCE;
        out.append(") -> ").append(printer.annotation(ret)).append(":\n");

        Block body = g.block();
        List<Node> constants = new ArrayList<>();
        collectConstants(body, constants);
        scanBlock(body);
        depth++;
        for (Node c : constants) printNode(c, true);
        printBlock(body, !body.outputs().isEmpty());
        if (!results.isEmpty()) {
            indent();
            out.append("return ").append(valueList(results)).append('\n');
        }
        depth--;
    }

    // ------------------------------------------------------------------ inlining scan

    private void collectConstants(Block b, List<Node> constants) {
        for (Node n : b.nodes()) {
            addConstantInputs(n, constants);
            for (Block inner : n.blocks()) collectConstants(inner, constants);
        }
        addConstantInputs(b.returnNode(), constants);
    }

    private static void addConstantInputs(Node n, List<Node> constants) {
        for (Value v : n.inputs())
            if (SourcePrinter.isConstantLike(v.node()) && !constants.contains(v.node())) constants.add(v.node());
    }

    private void scanBlock(Block b) {
        scanNode(b.returnNode());
        List<Node> nodes = b.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) scanNode(nodes.get(i));
    }

    /** Returns the node before which the next input may still be inlined (null: the start of the block). */
    private Node scanNode(Node n) {
        if (inlineNodes.contains(n)) return n;
        for (Block b : n.blocks()) scanBlock(b);
        Node blockPoint = previousNonConstant(n);
        List<Value> in = n.inputs();
        for (int i = in.size() - 1; i >= 0; i--) blockPoint = scanValue(blockPoint, in.get(i));
        return blockPoint;
    }

    private Node scanValue(Node blockPoint, Value v) {
        Node n = v.node();
        if (n == blockPoint && canInline(v)) {
            blockPoint = scanNode(blockPoint);
            inlineNodes.add(n);
        } else if (SourcePrinter.isConstantLike(n)) {
            inlineNodes.add(n);
        }
        return blockPoint;
    }

    private static Node previousNonConstant(Node n) {
        Node p = n;
        do {
            p = previous(p);
        } while (p != null && SourcePrinter.isConstantLike(p));
        return p;
    }

    private static Node previous(Node n) {
        Block b = n.owningBlock();
        List<Node> nodes = b.nodes();
        if (n == b.returnNode()) return nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        int i = nodes.indexOf(n);
        return i > 0 ? nodes.get(i - 1) : null;
    }

    private static boolean canInline(Value v) {
        Node n = v.node();
        if (n.outputs().size() != 1 || v.uses().size() != 1) return false;
        if (!n.blocks().isEmpty() || n.kind().equals(Node.PARAM)) return false;
        Value.Use use = v.uses().get(0);
        // a named value was a variable in the source: keep it, unless it is just returned
        if (hasName(v) && !use.user().kind().equals(Node.RETURN)) return false;
        // loads of loop-carried values stay before the loop
        if (use.user().kind().equals(Node.LOOP) && use.index() >= 2) return false;
        // isinstance in an if condition would refine types a second time when compiled back
        return !n.kind().equals("prim::isinstance");
    }

    // ------------------------------------------------------------------ statements

    private void printBlock(Block b, boolean hasOtherStatements) {
        int before = out.length();
        for (Node n : b.nodes()) printNode(n, false);
        if (out.length() == before && !hasOtherStatements) {
            indent();
            out.append("pass\n");
        }
    }

    private void printNode(Node n, boolean printConst) {
        if (!printConst && SourcePrinter.isConstantLike(n)) return;
        switch (n.kind()) {
            case Node.IF -> printIf(n);
            case Node.LOOP -> printLoop(n);
            case Node.TUPLE_UNPACK, Node.LIST_UNPACK -> {
                indent();
                for (Value o : n.outputs()) out.append(nameOf(o)).append(", ");
                if (!n.outputs().isEmpty()) out.append("= ");
                out.append(use(n.input(0))).append('\n');
            }
            case Node.SET_ATTR -> {
                indent();
                out.append(use(n.input(0))).append('.').append(n.attr("name")).append(" = ").append(use(n.input(1))).append('\n');
            }
            default -> {
                String rhs = rhs(n);
                // a long constant gets a variable; other long expressions are split after the fact
                if (!inlineNodes.contains(n) || (SourcePrinter.isConstantLike(n) && isLongLine(rhs))) {
                    printOutputDefinition(n, rhs);
                } else {
                    inlined.put(n.output(), rhs);
                    if (isLongLine(rhs)) splitLongInlines(n.output());
                }
            }
        }
    }

    private void printOutputDefinition(Node n, String rhs) {
        indent();
        if (!n.outputs().isEmpty()) out.append(names(n.outputs())).append(" = ");
        out.append(rhs).append('\n');
    }

    private boolean isLongLine(String s) { return s.length() + depth * 2 >= 40; }

    /**
     * NB: a long inlined expression becomes a variable, and so must every inlined value that the
     * same users evaluate before it, or the split would reorder effects:
     * <pre>
     *   r = foo(x.add_(b), some_long + expression)   # split wrongly:  _0 = some_long + expression
     *   _0 = x.add_(b)                               #                 r = foo(x.add_(b), _0)
     *   _1 = some_long + expression
     *   r = foo(_0, _1)
     * </pre>
     */
    private void splitLongInlines(Value v) {
        List<Value> reversed = new ArrayList<>();
        Value.Use u = v.uses().get(0);
        scanLongInlines(u.user(), u.index(), reversed);
        for (int i = reversed.size() - 1; i >= 0; i--) {
            Value split = reversed.get(i);
            String expr = inlined.remove(split);
            if (expr != null) printOutputDefinition(split.node(), expr);
        }
    }

    private void scanLongInlines(Node user, int offset, List<Value> reversed) {
        Integer seen = splitUses.get(user);
        for (int i = offset; i >= (seen != null ? seen + 1 : 0); i--) {
            Value prev = user.input(i);
            if (!SourcePrinter.isConstantLike(prev.node()) && inlineNodes.contains(prev.node())) reversed.add(prev);
        }
        splitUses.put(user, offset);
        if (seen == null && inlineNodes.contains(user)) {
            // the use being printed now cannot be split itself: hence the -1
            Value.Use u = user.output().uses().get(0);
            scanLongInlines(u.user(), u.index() - 1, reversed);
        }
    }

    private void printIf(Node n) {
        for (Value o : n.outputs()) nameOf(o);
        indent();
        out.append("if ").append(use(n.input(0))).append(":\n");
        for (int b = 0; b < 2; b++) {
            if (b == 1) {
                indent();
                out.append("else:\n");
            }
            depth++;
            Block block = n.blocks().get(b);
            printBlock(block, !n.outputs().isEmpty());
            assign(n.outputs(), block.outputs());
            depth--;
        }
    }

    private void printLoop(Node n) {
        Block body = n.blocks().get(0);
        Value maxTrip = n.input(0), cond = n.input(1);
        Value tripCount = body.inputs().get(0);
        Object trip = constantValue(maxTrip), first = constantValue(cond), next = constantValue(body.outputs().get(0));
        boolean alwaysTrue = Boolean.TRUE.equals(first) && Boolean.TRUE.equals(next);
        boolean tripSpecified = !(trip instanceof Long l && l == Long.MAX_VALUE) || tripCount.hasUses();
        if (!alwaysTrue && tripSpecified)
            throw new JitScopeException("a loop with both a trip count and a condition (after an optimization that merged"
                    + " while and for loops) cannot be printed as TorchScript source", n.range());
        boolean forLoop = alwaysTrue && tripSpecified;

        List<Value> carriedOut = n.outputs();
        for (Value o : carriedOut) nameOf(o);
        List<Value> bodyCarried = body.inputs().subList(1, body.inputs().size());
        for (int i = 0; i < bodyCarried.size(); i++) names.put(bodyCarried.get(i), names.get(carriedOut.get(i)));
        assign(carriedOut, n.inputs().subList(2, n.inputs().size()));
        nameOf(tripCount);
        if (forLoop) {
            indent();
            out.append("for ").append(nameOf(tripCount)).append(" in range(").append(use(maxTrip)).append("):\n");
        } else {
            // the unused trip counter stands in for the condition variable
            assign(List.of(tripCount), List.of(cond));
            indent();
            out.append("while ").append(nameOf(tripCount)).append(":\n");
        }
        depth++;
        int offset = forLoop ? 1 : 0;
        List<Value> params = body.inputs().subList(offset, body.inputs().size());
        printBlock(body, !params.isEmpty());
        assign(params, body.outputs().subList(offset, body.outputs().size()));
        depth--;
    }

    private void assign(List<Value> lhs, List<Value> rhs) {
        if (lhs.isEmpty()) return;
        indent();
        out.append(names(lhs)).append(" = ").append(valueList(rhs)).append('\n');
    }

    private static Object constantValue(Value v) {
        return v.node().kind().equals(Node.CONSTANT) ? v.node().attr("value") : null;
    }

    // ------------------------------------------------------------------ expressions

    private String rhs(Node n) {
        String kind = n.kind();
        switch (kind) {
            case Node.CONSTANT: {
                Object v = n.attr("value");
                JitType t = n.output().type();
                if (v instanceof List<?> l && l.isEmpty()) return "annotate(" + printer.annotation(t) + ", [])";
                return Literals.constant(v, printer);
            }
            case "prim::Uninitialized": return "uninitialized(" + printer.annotation(n.output().type()) + ")";
            case "prim::unchecked_cast": return "unchecked_cast(" + printer.annotation(n.output().type()) + ", " + use(n.input(0)) + ")";
            case "prim::isinstance": return "isinstance(" + use(n.input(0)) + ", " + isinstanceTypes(n) + ")";
            case "aten::Int": case "aten::Float": case "aten::Bool": case "aten::str":
                if (n.inputs().size() == 1) return kind.substring(6).toLowerCase() + "(" + use(n.input(0)) + ")";
                break;
            case "aten::IntImplicit": case "aten::FloatImplicit": case "aten::ScalarImplicit":
                return "annotate(" + printer.annotation(n.output().type()) + ", " + use(n.input(0)) + ")";
            case "aten::__getitem__": case "prim::TupleIndex":
                return use(n.input(0)) + "[" + use(n.input(1)) + "]";
            case "prim::TupleSlice": {
                Object beg = n.attr("beg"), end = n.attr("end");
                return use(n.input(0)) + "[" + (beg == null ? "" : beg) + ":" + (end == null ? "" : end) + "]";
            }
            case "prim::Print": return "print(" + valueList(n.inputs()) + ")";
            case Node.TUPLE_CONSTRUCT: {
                String items = valueList(n.inputs());
                // a NamedTuple is built by calling its class
                if (n.output().type() instanceof ClassType c) return printer.annotation(c) + "(" + items + ")";
                return n.inputs().size() == 1 ? "(" + items + ",)" : "(" + items + ")";
            }
            case Node.LIST_CONSTRUCT: {
                ListType t = (ListType) n.output().type();
                String list = "[" + valueList(n.inputs()) + "]";
                return n.inputs().isEmpty() || !inferable(t.element()) ? "annotate(" + printer.annotation(t) + ", " + list + ")" : list;
            }
            case Node.DICT_CONSTRUCT: {
                DictType t = (DictType) n.output().type();
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i + 1 < n.inputs().size(); i += 2)
                    sb.append(i > 0 ? ", " : "").append(use(n.input(i))).append(": ").append(use(n.input(i + 1)));
                String dict = sb.append('}').toString();
                return n.inputs().isEmpty() || !inferable(t.key()) || !inferable(t.value())
                        ? "annotate(" + printer.annotation(t) + ", " + dict + ")" : dict;
            }
            case "prim::CreateObject": {
                String q = printer.annotation(n.output().type());
                return q + ".__new__(" + q + ")";
            }
            case Node.GET_ATTR: {
                String name = (String) n.attr("name");
                return isIdentifier(name) ? use(n.input(0)) + "." + name : "getattr(" + use(n.input(0)) + ", " + ConstantFormat.quote(name) + ")";
            }
            case Node.CALL_METHOD: {
                StringBuilder sb = new StringBuilder("(").append(use(n.input(0))).append(").").append(n.attr("name")).append('(');
                for (int i = 1; i < n.inputs().size(); i++) sb.append(use(n.input(i))).append(", ");
                return sb.append(')').toString();
            }
            case Node.CALL_FUNCTION: {
                StringBuilder sb = new StringBuilder(use(n.input(0))).append('(');
                for (int i = 1; i < n.inputs().size(); i++) sb.append(use(n.input(i))).append(", ");
                return sb.append(')').toString();
            }
            default:
                break;
        }
        return opName(kind) + "(" + String.join(", ", SchemaArguments.render(n, this::use)) + ")";
    }

    private String isinstanceTypes(Node n) {
        Object types = n.attr("types");
        List<String> names = new ArrayList<>();
        if (types instanceof List<?> l) for (Object t : l) names.add(printer.annotation((JitType) t));
        else if (n.input(0).type() instanceof OptionalType o) names.add(printer.annotation(o.element()));
        else names.add(printer.annotation(n.input(0).type()));
        return names.size() == 1 ? names.get(0) : "(" + String.join(", ", names) + ")";
    }

    /** Whether the compiler infers this element type from a literal's members (not Optional, Scalar, Any, unions). */
    private static boolean inferable(JitType t) {
        if (t instanceof OptionalType || t.str().equals("Scalar") || t.str().equals("Any")) return false;
        if (t instanceof ListType l) return inferable(l.element());
        return true;
    }

    /** {@code aten::relu} → {@code torch.relu}; other namespaces go through {@code ops}. */
    static String opName(String kind) {
        int sep = kind.indexOf("::");
        String ns = kind.substring(0, sep), name = kind.substring(sep + 2);
        if (kind.equals("aten::backward")) return "torch.autograd.backward";
        if (kind.equals("aten::grad")) return "torch.autograd.grad";
        return ns.equals("aten") ? "torch." + name : "ops." + ns + "." + name;
    }

    // ------------------------------------------------------------------ names

    /** The expression for a use of {@code v}: its inlined expression or its variable. */
    String use(Value v) {
        String e = inlined.get(v);
        if (e != null) return e;
        if (SourcePrinter.isConstantLike(v.node()) && !names.containsKey(v)) return rhs(v.node());
        return nameOf(v);
    }

    private String nameOf(Value v) {
        String n = names.get(v);
        if (n == null) {
            n = genName(hasName(v) ? baseName(v) : "_");
            names.put(v, n);
        }
        return n;
    }

    private String names(List<Value> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) sb.append(i > 0 ? ", " : "").append(nameOf(values.get(i)));
        return sb.toString();
    }

    private String valueList(List<Value> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) sb.append(i > 0 ? ", " : "").append(use(values.get(i)));
        return sb.toString();
    }

    /** Whether a value has a name from the source (a bare number, as parsed IR text gives, is none). */
    private static boolean hasName(Value v) {
        String n = v.debugName();
        return n != null && !n.isEmpty() && !n.chars().allMatch(Character::isDigit);
    }

    /** A debug name without its uniquing suffix ({@code x.1} → {@code x}), made a valid identifier. */
    private static String baseName(Value v) {
        String n = v.debugName();
        if (n == null) return "_";
        int dot = n.lastIndexOf('.');
        if (dot > 0 && n.substring(dot + 1).chars().allMatch(Character::isDigit)) n = n.substring(0, dot);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 0x80 || c == '_' ? c : '_');
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
        return sb.toString();
    }

    private String genName(String candidate) {
        String name = candidate;
        while (used.contains(name) || RESERVED.contains(name)) {
            int id = nextId.merge(candidate, 1, Integer::sum) - 1;
            name = candidate + id;
        }
        used.add(name);
        return name;
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) return false;
        for (int i = 0; i < s.length(); i++) if (!(Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) return false;
        return s.chars().allMatch(c -> c < 0x80);
    }

    private void indent() { out.append("  ".repeat(depth)); }
}
