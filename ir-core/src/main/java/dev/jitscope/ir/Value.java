package dev.jitscope.ir;

import dev.jitscope.ir.type.JitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An SSA value: an output of one node (or a block parameter), used by nodes' inputs. */
public final class Value {
    /** One use of a value: input {@code index} of {@code user}. */
    public record Use(Node user, int index) {}

    private final int id;
    private Node node;          // defining node; for block parameters the block's param node
    private JitType type;
    private String debugName;   // e.g. "x.1"; null = printed as its id
    final List<Use> uses = new ArrayList<>();

    Value(int id, Node node, JitType type) { this.id = id; this.node = node; this.type = type; }

    public int id() { return id; }
    public Node node() { return node; }
    public JitType type() { return type; }
    public Value setType(JitType type) { this.type = type; return this; }
    public String debugName() { return debugName; }
    public boolean hasDebugName() { return debugName != null; }
    /** Sets the name as given; the printer makes names unique when it prints. */
    public Value setDebugName(String name) { this.debugName = name; return this; }
    public List<Use> uses() { return Collections.unmodifiableList(uses); }
    public boolean hasUses() { return !uses.isEmpty(); }

    /** Index of this value in its defining node's outputs. */
    public int offset() { return node.outputs().indexOf(this); }

    /** Redirects every use of this value to {@code other}. */
    public void replaceAllUsesWith(Value other) {
        for (Use u : new ArrayList<>(uses)) u.user().replaceInput(u.index(), other);
    }

    @Override public String toString() { return "%" + (debugName != null ? debugName : String.valueOf(id)); }
}
