package dev.jitscope.ir;

import dev.jitscope.ir.type.JitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A straight-line list of nodes with parameters (block inputs) and results (block outputs).
 * The graph's top block takes the method's arguments; prim::If blocks take none; a prim::Loop body
 * takes (iteration, carried...) and returns (continue condition, carried...).
 */
public final class Block {
    private final Graph graph;
    private final Node owningNode;          // null for the graph's top block
    private final Node paramNode;           // owns the block inputs
    private final Node returnNode;          // its inputs are the block outputs
    private final List<Node> nodes = new ArrayList<>();

    Block(Graph graph, Node owningNode) {
        this.graph = graph;
        this.owningNode = owningNode;
        this.paramNode = new Node(graph, Node.PARAM);
        this.returnNode = new Node(graph, Node.RETURN);
        paramNode.owningBlock = this;
        returnNode.owningBlock = this;
    }

    public Graph graph() { return graph; }
    public Node owningNode() { return owningNode; }
    public Node paramNode() { return paramNode; }
    public Node returnNode() { return returnNode; }
    public List<Value> inputs() { return paramNode.outputs(); }
    public List<Value> outputs() { return returnNode.inputs(); }
    /** The nodes in order; a snapshot-free view, do not mutate while iterating with insertions. */
    public List<Node> nodes() { return Collections.unmodifiableList(nodes); }

    public Value addInput(JitType type) { return paramNode.addOutput(type); }
    public Value addInput(String name, JitType type) { return addInput(type).setDebugName(name); }
    public void eraseInput(int i) { paramNode.eraseOutput(i); }
    public void addOutput(Value v) { returnNode.addInput(v); }
    public void eraseOutput(int i) { returnNode.removeInput(i); }

    /** Appends an (unlinked) node at the end of this block. */
    public Node append(Node n) { return insertAt(nodes.size(), n); }

    Node insertAt(int index, Node n) {
        if (n.owningBlock != null) throw new IllegalStateException(n.kind() + " is already in a block");
        n.owningBlock = this;
        nodes.add(index, n);
        return n;
    }

    int indexOf(Node n) { return nodes.indexOf(n); }

    void unlink(Node n) {
        nodes.remove(n);
        n.owningBlock = null;
    }

    /** Destroys all nodes, last first, ignoring uses inside the block. */
    void destroyAll() {
        returnNode.removeAllInputs();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            for (Value o : n.outputs()) o.uses.clear();
            n.destroy();
        }
    }

    /** All nodes of this block and nested blocks, depth first, in order. */
    public List<Node> allNodes() {
        List<Node> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Block b, List<Node> out) {
        for (Node n : b.nodes) {
            out.add(n);
            for (Block nb : n.blocks()) collect(nb, out);
        }
    }
}
