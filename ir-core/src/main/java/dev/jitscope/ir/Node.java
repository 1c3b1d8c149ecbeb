package dev.jitscope.ir;

import dev.jitscope.ir.type.JitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation: {@code kind} (e.g. {@code aten::add}, {@code prim::If}), inputs, outputs, nested
 * blocks, attributes ({@code value} of a prim::Constant, {@code name} of prim::GetAttr), an optional
 * resolved schema, and the source range it came from.
 */
public final class Node {
    private final Graph graph;
    private String kind;
    Block owningBlock;
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private Object schema;         // dev.jitscope.ir.schema.FunctionSchema when resolved
    private SourceRange range;
    private String scope;          // module path for traced graphs, e.g. "__module.layer1.0"

    Node(Graph graph, String kind) { this.graph = graph; this.kind = kind; }

    public Graph graph() { return graph; }
    public String kind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public Block owningBlock() { return owningBlock; }
    public List<Value> inputs() { return Collections.unmodifiableList(inputs); }
    public List<Value> outputs() { return Collections.unmodifiableList(outputs); }
    public List<Block> blocks() { return Collections.unmodifiableList(blocks); }
    public Value input(int i) { return inputs.get(i); }
    public Value output(int i) { return outputs.get(i); }
    public Value output() {
        if (outputs.size() != 1) throw new IllegalStateException(kind + " has " + outputs.size() + " outputs");
        return outputs.get(0);
    }
    public Map<String, Object> attributes() { return attributes; }
    public Object attr(String name) { return attributes.get(name); }
    public Node setAttr(String name, Object v) { attributes.put(name, v); return this; }
    public Object schema() { return schema; }
    public Node setSchema(Object schema) { this.schema = schema; return this; }
    public SourceRange range() { return range; }
    public Node setRange(SourceRange range) { this.range = range; return this; }
    public String scope() { return scope; }
    public Node setScope(String scope) { this.scope = scope; return this; }

    public Node addInput(Value v) {
        v.uses.add(new Value.Use(this, inputs.size()));
        inputs.add(v);
        return this;
    }

    public void replaceInput(int i, Value v) {
        Value old = inputs.get(i);
        old.uses.removeIf(u -> u.user() == this && u.index() == i);
        inputs.set(i, v);
        v.uses.add(new Value.Use(this, i));
    }

    public void removeInput(int i) {
        for (int k = i; k < inputs.size(); k++) {
            final int idx = k;
            inputs.get(k).uses.removeIf(u -> u.user() == this && u.index() == idx);
        }
        inputs.remove(i);
        for (int k = i; k < inputs.size(); k++) inputs.get(k).uses.add(new Value.Use(this, k));
    }

    public void removeAllInputs() { while (!inputs.isEmpty()) removeInput(inputs.size() - 1); }

    public Value addOutput(JitType type) {
        Value v = new Value(graph.nextId(), this, type);
        outputs.add(v);
        return v;
    }

    /** Removes output i; it must have no uses. */
    public void eraseOutput(int i) {
        if (outputs.get(i).hasUses()) throw new IllegalStateException("output " + i + " of " + kind + " still has uses");
        outputs.remove(i);
    }

    public Block addBlock() {
        Block b = new Block(graph, this);
        blocks.add(b);
        return b;
    }

    public void eraseBlock(int i) { blocks.remove(i).destroyAll(); }

    /** Inserts this (unlinked) node before {@code other} in other's block. */
    public Node insertBefore(Node other) { other.owningBlock.insertAt(other.owningBlock.indexOf(other), this); return this; }
    public Node insertAfter(Node other) { other.owningBlock.insertAt(other.owningBlock.indexOf(other) + 1, this); return this; }
    /** Moves this node (already in a block) to just before {@code other}. */
    public void moveBefore(Node other) { owningBlock.unlink(this); insertBefore(other); }

    /** Unlinks the node and drops its uses of inputs; its outputs must be unused. */
    public void destroy() {
        for (Value o : outputs) if (o.hasUses()) throw new IllegalStateException("destroying " + kind + " whose output " + o + " is used");
        removeAllInputs();
        for (Block b : new ArrayList<>(blocks)) b.destroyAll();
        blocks.clear();
        if (owningBlock != null) owningBlock.unlink(this);
    }

    /** True when this node is (transitively) inside block {@code b}. */
    public boolean isIn(Block b) {
        for (Block cur = owningBlock; cur != null; cur = cur.owningNode() == null ? null : cur.owningNode().owningBlock)
            if (cur == b) return true;
        return false;
    }

    @Override public String toString() { return kind + (range != null ? " @" + range.location() : ""); }

    // Kinds used throughout; the full vocabulary is whatever schemas and emitters produce.
    public static final String CONSTANT = "prim::Constant";
    public static final String IF = "prim::If";
    public static final String LOOP = "prim::Loop";
    public static final String GET_ATTR = "prim::GetAttr";
    public static final String SET_ATTR = "prim::SetAttr";
    public static final String CALL_METHOD = "prim::CallMethod";
    public static final String CALL_FUNCTION = "prim::CallFunction";
    public static final String LIST_CONSTRUCT = "prim::ListConstruct";
    public static final String LIST_UNPACK = "prim::ListUnpack";
    public static final String TUPLE_CONSTRUCT = "prim::TupleConstruct";
    public static final String TUPLE_UNPACK = "prim::TupleUnpack";
    public static final String DICT_CONSTRUCT = "prim::DictConstruct";
    public static final String RAISE = "prim::RaiseException";
    public static final String PARAM = "prim::Param";
    public static final String RETURN = "prim::Return";
}
