package dev.jitscope.ir.parse;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the text form {@link dev.jitscope.ir.print.GraphPrinter} writes (and PyTorch prints) back
 * into a {@link Graph}. Every value keeps its printed name as debug name, so printing the parsed
 * graph gives the same text. {@code # file:line:col} comments become node ranges over a stand-in
 * {@link Source} of that name (or the real one from a source resolver).
 */
public final class GraphParser {
    private final Cursor in;
    private final TypeParser types;
    private final Map<String, Value> values = new HashMap<>();
    private final Graph graph = new Graph();
    private final List<PendingRange> ranges = new ArrayList<>();

    private record PendingRange(Node node, String file, int line, int column) {}

    private GraphParser(String text, TypeParser types) {
        this.in = new Cursor("<graph>", text);
        this.types = types;
    }

    public static Graph parse(String text) { return parse(text, new TypeParser()); }

    /** Parses with a type parser whose resolver supplies class types ({@code __torch__.M}). */
    public static Graph parse(String text, TypeParser types) {
        GraphParser p = new GraphParser(text, types);
        p.graph();
        p.attachRanges();
        return p.graph;
    }

    private void graph() {
        in.skipWhitespace();
        expectWord("graph");
        in.expect("(");
        in.skipWhitespace();
        if (!in.accept(")")) {
            do {
                in.skipWhitespace();
                String name = valueName();
                in.expect(":");
                JitType t = types.graphType(in);
                define(name, graph.block().addInput(t));
                in.skipWhitespace();
            } while (in.accept(","));
            in.skipWhitespace();
            in.expect(")");
        }
        in.expect(":");
        while (true) {
            in.skipWhitespace();
            if (in.startsWith("return")) break;
            if (in.atEnd()) throw in.error("missing 'return'");
            statement(graph.block());
        }
        expectWord("return");
        for (Value v : valueList()) graph.registerOutput(v);
        in.skipWhitespace();
        if (!in.atEnd()) throw in.error("unexpected " + in.describeHere() + " after return");
    }

    private void expectWord(String w) {
        in.skipBlanks();
        int at = in.pos();
        if (!in.atIdentifier() || !in.identifier().equals(w)) {
            in.seek(at);
            throw in.error("expected '" + w + "' but found " + in.describeHere());
        }
    }

    /** {@code %a : T, %b : T = kind[attrs](%x, %y) # f.py:1:2} followed by its blocks. */
    private void statement(Block block) {
        List<String> names = new ArrayList<>();
        List<JitType> outTypes = new ArrayList<>();
        if (in.peek() == '%') {
            do {
                in.skipBlanks();
                names.add(valueName());
                in.expect(":");
                outTypes.add(types.graphType(in));
            } while (in.accept(","));
        }
        in.expect("=");
        in.skipBlanks();
        String kind = kind();
        Node n = graph.create(kind);
        if (in.peek() == '[') attributes(n, outTypes);
        for (Value v : valueList()) n.addInput(v);
        block.append(n);
        for (int i = 0; i < names.size(); i++) define(names.get(i), n.addOutput(outTypes.get(i)));
        scope(n);
        comment(n);
        fixConstant(n);
        while (true) {
            in.skipWhitespace();
            if (!in.startsWith("block")) break;
            nestedBlock(n.addBlock());
        }
    }

    private void nestedBlock(Block b) {
        in.identifier(); // blockN
        in.expect("(");
        if (!in.accept(")")) {
            do {
                in.skipBlanks();
                String name = valueName();
                in.expect(":");
                define(name, b.addInput(types.graphType(in)));
            } while (in.accept(","));
            in.expect(")");
        }
        in.expect(":");
        while (true) {
            in.skipWhitespace();
            if (in.startsWith("->")) break;
            if (in.atEnd()) throw in.error("missing '->' closing a block");
            statement(b);
        }
        in.expect("->");
        for (Value v : valueList()) b.addOutput(v);
    }

    private String kind() {
        int s = in.pos();
        in.identifier();
        in.expect("::");
        in.identifier();
        return in.text().substring(s, in.pos());
    }

    private void attributes(Node n, List<JitType> outTypes) {
        in.expect("[");
        do {
            String name = in.identifier();
            in.expect("=");
            n.setAttr(name, attributeValue(outTypes.size() == 1 ? outTypes.get(0) : null));
        } while (in.accept(","));
        in.expect("]");
    }

    private Object attributeValue(JitType type) {
        in.skipBlanks();
        char c = in.peek();
        if (c == '"' || c == '\'') return in.stringLiteral();
        if (c == '[') {
            in.expect("[");
            List<Object> items = new ArrayList<>();
            if (!in.accept("]")) {
                do items.add(attributeValue(null)); while (in.accept(","));
                in.expect("]");
            }
            return items;
        }
        if (c == '{') return scalarTensor(type);
        if (c == '<') {
            throw in.error("a constant printed as <Tensor> has no value to read back");
        }
        return in.number();
    }

    /** {@code {2}} / {@code {0.5}}: a zero-dimensional tensor of the output's dtype. */
    private Object scalarTensor(JitType type) {
        in.expect("{");
        Object v = in.number();
        in.expect("}");
        DType dtype = type instanceof dev.jitscope.ir.type.TensorType t && t.dtype() != null ? t.dtype()
                : v instanceof Double ? DType.FLOAT32 : DType.INT64;
        double d = ((Number) v).doubleValue();
        Storage s = Storage.allocate(dtype, 1);
        switch (dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> s.floats()[0] = (float) d;
            case FLOAT64 -> s.doubles()[0] = d;
            case INT64 -> s.longs()[0] = (long) d;
            case INT32 -> s.ints()[0] = (int) d;
            case INT16 -> s.shorts()[0] = (short) d;
            case UINT8, INT8, BOOL -> s.bytes()[0] = (byte) d;
        }
        return new Tensor(s, new int[0], new int[0], 0);
    }

    /**
     * Gives constant values their runtime class: bool is printed 1/0, Device as a string. A None
     * constant ({@code prim::Constant()}) is left without a value attribute, as the emitter makes it.
     */
    private static void fixConstant(Node n) {
        if (!n.kind().equals(Node.CONSTANT) || n.outputs().size() != 1) return;
        JitType t = n.output().type();
        Object v = n.attr("value");
        if (t == BoolType.INSTANCE && v instanceof Long l) n.setAttr("value", l != 0);
        else if (t == DeviceType.INSTANCE && v instanceof String s) n.setAttr("value", device(s));
        else if (t instanceof ListType lt && lt.element() == BoolType.INSTANCE && v instanceof List<?> l) {
            List<Object> bools = new ArrayList<>();
            for (Object o : l) bools.add(o instanceof Long x ? x != 0 : o);
            n.setAttr("value", bools);
        }
    }

    private static Device device(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? new Device(s, -1) : new Device(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }

    /** {@code , scope: __module.layer1/__module.layer1.0} of traced graphs. */
    private void scope(Node n) {
        if (!in.accept(",")) return;
        expectWord("scope");
        in.expect(":");
        in.skipBlanks();
        int s = in.pos();
        while (!in.atEnd() && !Character.isWhitespace(in.peek())) in.seek(in.pos() + 1);
        n.setScope(in.text().substring(s, in.pos()));
    }

    private void comment(Node n) {
        in.skipBlanks();
        if (in.peek() != '#') return;
        int s = in.pos() + 1;
        while (!in.atEnd() && in.peek() != '\n') in.seek(in.pos() + 1);
        String text = in.text().substring(s, in.pos()).strip();
        int c2 = text.lastIndexOf(':');
        int c1 = c2 <= 0 ? -1 : text.lastIndexOf(':', c2 - 1);
        if (c1 <= 0) return;
        try {
            int line = Integer.parseInt(text.substring(c1 + 1, c2));
            int col = Integer.parseInt(text.substring(c2 + 1));
            ranges.add(new PendingRange(n, text.substring(0, c1), line, col));
        } catch (NumberFormatException e) {
            // not a source location: an ordinary comment
        }
    }

    /** Builds one stand-in source per file, long enough that every recorded line:column exists. */
    private void attachRanges() {
        Map<String, int[]> extent = new LinkedHashMap<>();
        for (PendingRange r : ranges) {
            int[] e = extent.computeIfAbsent(r.file(), k -> new int[2]);
            e[0] = Math.max(e[0], r.line());
            e[1] = Math.max(e[1], r.column() + 1);
        }
        Map<String, Source> sources = new HashMap<>();
        for (Map.Entry<String, int[]> e : extent.entrySet()) {
            String line = " ".repeat(e.getValue()[1]);
            sources.put(e.getKey(), new Source(e.getKey(), (line + "\n").repeat(e.getValue()[0])));
        }
        for (PendingRange r : ranges) {
            Source s = sources.get(r.file());
            int at = s.lineStart(r.line()) + r.column();
            r.node().setRange(s.range(at, at + 1));
        }
    }

    private List<Value> valueList() {
        in.expect("(");
        List<Value> vs = new ArrayList<>();
        if (!in.accept(")")) {
            do {
                in.skipBlanks();
                int at = in.pos();
                String name = valueName();
                Value v = values.get(name);
                if (v == null) { in.seek(at); throw in.error("use of undefined value %" + name); }
                vs.add(v);
            } while (in.accept(","));
            in.expect(")");
        }
        return vs;
    }

    private String valueName() {
        in.skipBlanks();
        in.expect("%");
        int s = in.pos();
        while (!in.atEnd() && (Character.isLetterOrDigit(in.peek()) || in.peek() == '_' || in.peek() == '.')) in.seek(in.pos() + 1);
        if (s == in.pos()) throw in.error("expected a value name after '%'");
        return in.text().substring(s, in.pos());
    }

    private void define(String name, Value v) {
        if (values.containsKey(name)) throw in.error("value %" + name + " is defined twice");
        values.put(name, v);
        v.setDebugName(name);
    }
}
