package dev.jitscope.ir;

import dev.jitscope.ir.type.JitType;
import java.util.List;

/** A method body in SSA form: a top block whose inputs are the arguments (self first for methods). */
public final class Graph {
    private int nextId;
    private final Block block;

    public Graph() { this.block = new Block(this, null); }

    int nextId() { return nextId++; }

    public Block block() { return block; }
    public List<Value> inputs() { return block.inputs(); }
    public List<Value> outputs() { return block.outputs(); }
    public List<Node> nodes() { return block.nodes(); }
    public Value addInput(String name, JitType type) { return block.addInput(name, type); }
    public void registerOutput(Value v) { block.addOutput(v); }

    /** Creates an unlinked node; insert it with {@link Block#append} or {@link Node#insertBefore}. */
    public Node create(String kind) { return new Node(this, kind); }

    /** Creates a node with the given inputs and {@code nOutputs} outputs of unknown (Tensor) type. */
    public Node create(String kind, List<Value> inputs, int nOutputs) {
        Node n = new Node(this, kind);
        for (Value v : inputs) n.addInput(v);
        for (int i = 0; i < nOutputs; i++) n.addOutput(dev.jitscope.ir.type.TensorType.INSTANCE);
        return n;
    }

    /** Count of nodes, nested blocks included (the "node count" shown per pass). */
    public int nodeCount() { return block.allNodes().size(); }
}
