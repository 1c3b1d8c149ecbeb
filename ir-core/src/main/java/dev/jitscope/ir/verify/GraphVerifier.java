package dev.jitscope.ir.verify;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.schema.FunctionSchema;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.OpaqueType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.ir.type.TypeVarType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the invariants every pass must keep: each use is dominated by its definition (through nested
 * blocks), use lists agree with node inputs, prim::If / prim::Loop blocks have the arity of their node,
 * and outputs match a resolved schema. The first violation is thrown as a {@link JitScopeException}
 * naming the node and the problem.
 */
public final class GraphVerifier {
    private final Set<Node> reachable = new HashSet<>();

    private GraphVerifier() { }

    public static void verify(Graph g) {
        GraphVerifier v = new GraphVerifier();
        for (Node n : g.block().allNodes()) v.reachable.add(n);
        v.block(g.block(), new Scope(null));
        v.uses(g);
    }

    /** Values visible at a point: this block's definitions so far, then the enclosing scopes'. */
    private static final class Scope {
        final Scope parent;
        final Set<Value> defined = new HashSet<>();
        Scope(Scope parent) { this.parent = parent; }
        boolean contains(Value v) { for (Scope s = this; s != null; s = s.parent) if (s.defined.contains(v)) return true; return false; }
    }

    private void block(Block b, Scope scope) {
        for (Value in : b.inputs()) {
            if (in.node() != b.paramNode()) fail(b.owningNode(), "block parameter " + in + " is not owned by its block");
            scope.defined.add(in);
        }
        for (Node n : b.nodes()) {
            if (n.owningBlock() != b) fail(n, "its owning block is not the block that lists it");
            for (int i = 0; i < n.inputs().size(); i++) {
                Value v = n.input(i);
                if (!scope.contains(v)) fail(n, "input " + i + " (" + v + ") is used before it is defined, or is not visible here");
            }
            for (Block nb : n.blocks()) {
                if (nb.owningNode() != n) fail(n, "a nested block does not name this node as its owner");
                block(nb, new Scope(scope));
            }
            for (Value o : n.outputs()) {
                if (o.node() != n) fail(n, "output " + o + " names another node as its definition");
                if (!scope.defined.add(o)) fail(n, "output " + o + " is defined twice");
            }
            structure(n);
        }
        for (int i = 0; i < b.outputs().size(); i++) {
            Value v = b.outputs().get(i);
            if (!scope.contains(v)) fail(b.owningNode(), "block output " + i + " (" + v + ") is not defined in or before the block");
        }
    }

    private void structure(Node n) {
        switch (n.kind()) {
            case Node.IF -> {
                if (n.inputs().size() != 1) fail(n, "prim::If takes 1 condition, has " + n.inputs().size() + " inputs");
                if (n.blocks().size() != 2) fail(n, "prim::If needs 2 blocks, has " + n.blocks().size());
                for (int i = 0; i < 2; i++) {
                    Block b = n.blocks().get(i);
                    if (!b.inputs().isEmpty()) fail(n, "block" + i + " of prim::If takes no parameters, has " + b.inputs().size());
                    if (b.outputs().size() != n.outputs().size())
                        fail(n, "block" + i + " returns " + b.outputs().size() + " values but prim::If has " + n.outputs().size() + " outputs");
                }
            }
            case Node.LOOP -> {
                if (n.inputs().size() < 2) fail(n, "prim::Loop needs (max_trip_count, condition, carried...), has " + n.inputs().size() + " inputs");
                int carried = n.inputs().size() - 2;
                if (n.outputs().size() != carried) fail(n, "prim::Loop carries " + carried + " values but has " + n.outputs().size() + " outputs");
                if (n.blocks().size() != 1) fail(n, "prim::Loop needs 1 body block, has " + n.blocks().size());
                Block body = n.blocks().get(0);
                if (body.inputs().size() != carried + 1)
                    fail(n, "loop body takes " + body.inputs().size() + " parameters, expected (iteration, " + carried + " carried)");
                if (body.outputs().size() != carried + 1)
                    fail(n, "loop body returns " + body.outputs().size() + " values, expected (condition, " + carried + " carried)");
            }
            case Node.CONSTANT -> {
                if (!n.inputs().isEmpty() || n.outputs().size() != 1) fail(n, "prim::Constant takes no inputs and has one output");
            }
            default -> { }
        }
        if (n.schema() instanceof FunctionSchema s) schema(n, s);
    }

    private void schema(Node n, FunctionSchema s) {
        if (!s.isVarret()) {
            if (n.outputs().size() != s.returns().size())
                fail(n, "schema " + s.fullName() + " returns " + s.returns().size() + " values but the node has " + n.outputs().size() + " outputs");
            for (int i = 0; i < s.returns().size(); i++) {
                Argument r = s.returns().get(i);
                JitType actual = n.output(i).type();
                if (isConcrete(r.type()) && actual != null && !actual.isSubtypeOf(r.type()))
                    fail(n, "output " + i + " has type " + actual.str() + " but schema " + s.fullName() + " returns " + r.type().str());
            }
        }
        int args = s.arguments().size();
        if (s.isVararg() ? n.inputs().size() < args : n.inputs().size() != args)
            fail(n, "schema " + s.fullName() + " takes " + args + (s.isVararg() ? " or more" : "") + " inputs but the node has " + n.inputs().size());
    }

    /** Types with variables or opaque parts are checked by the resolver that bound them, not here. */
    private static boolean isConcrete(JitType t) {
        if (t instanceof TypeVarType || t instanceof OpaqueType) return false;
        if (t instanceof ListType l) return isConcrete(l.element());
        if (t instanceof OptionalType o) return isConcrete(o.element());
        if (t instanceof DictType d) return isConcrete(d.key()) && isConcrete(d.value());
        if (t instanceof TupleType tt) return tt.elements().stream().allMatch(GraphVerifier::isConcrete);
        return true;
    }

    /** Every input is recorded as a use, and every recorded use is a live input. */
    private void uses(Graph g) {
        for (Node n : reachable) {
            checkUses(n);
            for (Block b : n.blocks()) checkUses(b.returnNode());
        }
        checkUses(g.block().returnNode());
        for (Node n : reachable) for (Value o : n.outputs()) checkUsers(n, o);
        for (Value in : g.inputs()) checkUsers(null, in);
        for (Node n : reachable) for (Block b : n.blocks()) for (Value in : b.inputs()) checkUsers(n, in);
    }

    private void checkUses(Node n) {
        for (int i = 0; i < n.inputs().size(); i++) {
            Value v = n.input(i);
            if (!v.uses().contains(new Value.Use(n, i))) fail(describe(n), n, "input " + i + " (" + v + ") is missing from that value's use list");
        }
    }

    private void checkUsers(Node definer, Value v) {
        for (Value.Use u : v.uses()) {
            Node user = u.user();
            boolean live = reachable.contains(user) || user.kind().equals(Node.RETURN) && (user.owningBlock() != null);
            if (!live) fail(definer, v + " has a use by " + user.kind() + " which is no longer in the graph");
            if (u.index() >= user.inputs().size() || user.input(u.index()) != v)
                fail(definer, v + " lists a use as input " + u.index() + " of " + user.kind() + " which is not " + v);
        }
    }

    private static String describe(Node n) {
        if (n == null) return "graph";
        StringBuilder sb = new StringBuilder();
        List<Value> outs = n.outputs();
        for (int i = 0; i < outs.size(); i++) sb.append(i > 0 ? ", " : "").append(outs.get(i));
        return (sb.length() > 0 ? sb + " = " : "") + n.kind();
    }

    private static void fail(Node n, String problem) { fail(describe(n), n, problem); }

    private static void fail(String what, Node n, String problem) {
        String message = what + ": " + problem;
        if (n != null && n.range() != null) throw new JitScopeException(message, n.range());
        throw new JitScopeException(message, what);
    }
}
