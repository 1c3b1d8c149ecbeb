package dev.jitscope.passes;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only reader of the graph text PyTorch prints (the subset our pass tests use). Every node gets
 * a source range pointing at its line, so snapshot keys are stable. Types: Tensor, int, float, bool,
 * str, NoneType, T[], T?; other types (module classes) come from {@code classes}.
 */
final class IrText {
    private static final Pattern NODE = Pattern.compile("(?:(.*?) = )?([\\w:]+)(?:\\[(.*)\\])?\\((.*)\\)");
    private final List<String> lines;
    private final Source source;
    private final int[] lineStart;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, JitType> classes;
    private int pos;

    private IrText(String text, Map<String, JitType> classes) {
        this.lines = new ArrayList<>(List.of(text.split("\n")));
        this.source = new Source("test.ir", text);
        this.lineStart = new int[lines.size() + 1];
        for (int i = 0, off = 0; i < lines.size(); i++) { lineStart[i] = off; off += lines.get(i).length() + 1; }
        this.classes = classes;
    }

    static Graph parse(String text) { return parse(text, Map.of()); }

    static Graph parse(String text, Map<String, JitType> classes) {
        return new IrText(text.stripIndent().strip(), classes).graph();
    }

    private Graph graph() {
        Graph g = new Graph();
        StringBuilder header = new StringBuilder(lines.get(pos++).trim());
        while (!header.toString().endsWith("):")) header.append(' ').append(lines.get(pos++).trim());
        String params = header.substring("graph(".length(), header.length() - 2);
        for (String p : splitTop(params)) {
            String[] nt = p.split(" : ", 2);
            values.put(nt[0].trim(), g.addInput(nt[0].trim().substring(1), type(nt[1].trim())));
        }
        List<Value> outs = block(g.block(), "return (");
        for (Value v : outs) g.registerOutput(v);
        return g;
    }

    /** Reads nodes until the line starting with {@code terminator}; returns its values. */
    private List<Value> block(Block b, String terminator) {
        while (true) {
            int lineNo = pos;
            String line = lines.get(pos++).trim();
            if (line.isEmpty()) continue;
            if (line.startsWith(terminator)) return refs(line.substring(terminator.length(), line.length() - 1));
            Matcher m = NODE.matcher(line);
            if (!m.matches()) throw new IllegalArgumentException("cannot read IR line " + (lineNo + 1) + ": " + line);
            Node n = b.graph().create(m.group(2));
            n.setRange(new SourceRange(source, lineStart[lineNo], lineStart[lineNo] + lines.get(lineNo).length()));
            for (Value v : refs(m.group(4))) n.addInput(v);
            List<String[]> outs = new ArrayList<>();
            if (m.group(1) != null) for (String o : splitTop(m.group(1))) outs.add(o.split(" : ", 2));
            for (String[] o : outs) {
                Value v = n.addOutput(type(o[1].trim()));
                String name = o[0].trim().substring(1);
                if (!name.matches("\\d+")) v.setDebugName(name);
                values.put(o[0].trim(), v);
            }
            if (m.group(3) != null) attributes(n, m.group(3));
            b.append(n);
            while (pos < lines.size() && lines.get(pos).trim().matches("block\\d+\\(.*\\):")) {
                String bl = lines.get(pos++).trim();
                Block nb = n.addBlock();
                String ps = bl.substring(bl.indexOf('(') + 1, bl.lastIndexOf(')'));
                for (String p : splitTop(ps)) {
                    String[] nt = p.split(" : ", 2);
                    Value v = nb.addInput(type(nt[1].trim()));
                    if (!nt[0].trim().substring(1).matches("\\d+")) v.setDebugName(nt[0].trim().substring(1));
                    values.put(nt[0].trim(), v);
                }
                for (Value v : block(nb, "-> (")) nb.addOutput(v);
            }
        }
    }

    private void attributes(Node n, String text) {
        for (String a : splitTop(text)) {
            String[] kv = a.split("=", 2);
            n.setAttr(kv[0].trim(), literal(kv[1].trim(), n.outputs().isEmpty() ? null : n.output(0).type()));
        }
    }

    private Object literal(String s, JitType t) {
        if (s.equals("None")) return null;
        if (s.startsWith("\"")) return s.substring(1, s.length() - 1);
        if (s.startsWith("[")) {
            List<Object> out = new ArrayList<>();
            JitType e = t instanceof ListType lt ? lt.element() : null;
            for (String x : splitTop(s.substring(1, s.length() - 1))) out.add(literal(x.trim(), e));
            return out;
        }
        if (t instanceof BoolType) return s.equals("1") || s.equals("True");
        if (t instanceof FloatType || s.contains(".") || s.contains("e")) return Double.parseDouble(s);
        return Long.parseLong(s);
    }

    private List<Value> refs(String s) {
        List<Value> out = new ArrayList<>();
        for (String r : splitTop(s)) {
            Value v = values.get(r.trim());
            if (v == null) throw new IllegalArgumentException("undefined value " + r.trim());
            out.add(v);
        }
        return out;
    }

    private JitType type(String s) {
        if (s.startsWith("(")) {
            List<JitType> es = new ArrayList<>();
            for (String e : splitTop(s.substring(1, s.length() - 1))) es.add(type(e.trim()));
            return dev.jitscope.ir.type.TupleType.of(es.toArray(new JitType[0]));
        }
        Matcher refined = Pattern.compile("(\\w+)\\(([\\d, ]*)\\)").matcher(s);
        if (refined.matches()) {
            dev.jitscope.tensor.DType dt = null;
            for (var d : dev.jitscope.tensor.DType.values()) if (d.storageName.equals(refined.group(1))) dt = d;
            String[] parts = refined.group(2).isBlank() ? new String[0] : refined.group(2).split(",\\s*");
            int[] sizes = new int[parts.length];
            for (int i = 0; i < parts.length; i++) sizes[i] = Integer.parseInt(parts[i].trim());
            return TensorType.of(dt, sizes, null);
        }
        if (s.endsWith("[]")) return ListType.of(type(s.substring(0, s.length() - 2)));
        if (s.endsWith("?")) return OptionalType.of(type(s.substring(0, s.length() - 1)));
        return switch (s) {
            case "Tensor" -> TensorType.INSTANCE;
            case "int" -> IntType.INSTANCE;
            case "float" -> FloatType.INSTANCE;
            case "bool" -> BoolType.INSTANCE;
            case "str" -> StringType.INSTANCE;
            case "NoneType" -> NoneType.INSTANCE;
            default -> {
                JitType c = classes.get(s);
                if (c == null) throw new IllegalArgumentException("unknown type " + s);
                yield c;
            }
        };
    }

    /** Splits on commas outside brackets and quotes. */
    private static List<String> splitTop(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '(' || c == '[')) depth++;
            else if (!quoted && (c == ')' || c == ']')) depth--;
            else if (!quoted && c == ',' && depth == 0) { out.add(s.substring(start, i)); start = i + 1; }
        }
        if (!s.substring(start).isBlank()) out.add(s.substring(start));
        return out;
    }
}
