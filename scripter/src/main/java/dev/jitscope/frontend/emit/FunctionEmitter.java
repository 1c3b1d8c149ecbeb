package dev.jitscope.frontend.emit;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast.*;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.Block;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits one function body into SSA graph IR, the way PyTorch's ir_emitter does: an environment
 * stack per block, {@code prim::If} with block outputs for variables assigned in branches,
 * {@code prim::Loop} with loop-carried values, early returns lowered by moving the statements that
 * follow an if into the branch that does not return.
 */
public final class FunctionEmitter {
    /** Class constant that marks a ClassType as a NamedTuple: values are tuples of its attributes. */
    public static final String NAMED_TUPLE_MARKER = "__named_tuple__";

    static boolean isNamedTuple(JitType t) { return t instanceof ClassType c && c.constants().containsKey(NAMED_TUPLE_MARKER); }

    private final Graph graph = new Graph();
    private final GlobalResolver globals;
    private final TypeParser types;
    private final ClassType selfType;
    private Environment env;
    private FunctionSignature signature;

    public FunctionEmitter(GlobalResolver globals, ClassType selfType) {
        this.globals = globals;
        this.types = new TypeParser(globals);
        this.selfType = selfType;
    }

    /** Builds the signature of a def: unannotated parameters are Tensor, {@code self} is the class. */
    public static FunctionSignature signatureOf(FunctionDef def, TypeParser types, ClassType selfType) {
        List<FunctionSignature.Parameter> params = new ArrayList<>();
        for (int i = 0; i < def.params().size(); i++) {
            Param p = def.params().get(i);
            if (p.kind() != ParamKind.PLAIN)
                throw new JitScopeException((p.kind() == ParamKind.VAR_KEYWORD ? "**kwargs" : "*args")
                        + " are not supported in TorchScript", p.range());
            JitType t;
            if (i == 0 && selfType != null && p.name().equals("self")) t = selfType;
            else t = p.annotation() != null ? types.parse(p.annotation()) : TensorType.INSTANCE;
            int broadcast = p.annotation() == null ? 0 : TypeParser.broadcastSize(p.annotation());
            params.add(new FunctionSignature.Parameter(p.name(), t, p.defaultValue(), p.keywordOnly(), broadcast));
        }
        JitType ret = def.returns() != null ? types.parse(def.returns()) : null;
        return new FunctionSignature(def.name(), params, ret);
    }

    public Graph emit(FunctionDef def, FunctionSignature sig) {
        this.signature = sig;
        env = new Environment(null, graph.block());
        for (FunctionSignature.Parameter p : sig.params()) {
            Value v = graph.addInput(p.name(), p.type());
            env.set(p.name(), v);
        }
        emitStatements(def.body());
        Value ret = env.lookup(Environment.RETURN);
        // a body that raises on every path returns nothing: PyTorch gives it an uninitialized value of the declared type
        if (ret == null && env.exited && sig.returnType() != null) ret = uninitialized(sig.returnType(), env, def.range());
        if (ret == null) ret = constant(null, def.range());
        checkReturnType(ret, def.nameRange());
        graph.registerOutput(ret);
        new Cleanup(graph).run();
        return graph;
    }

    private void checkReturnType(Value ret, SourceRange range) {
        JitType declared = signature.returnType();
        if (declared == null || ret.type().isSubtypeOf(declared) || declared instanceof AnyType
                || ret.type() instanceof NoneType && declared instanceof NoneType
                || ret.type() instanceof TensorType && declared instanceof TensorType) return;
        throw new JitScopeException("Return value was annotated as having type " + declared.annotation()
                + " but is actually of type " + ret.type().annotation(), range);
    }

    // ================================================================ statements

    private void emitStatements(List<Stmt> stmts) {
        for (int i = 0; i < stmts.size(); i++) {
            if (env.stopped()) return;
            Stmt s = stmts.get(i);
            if (s instanceof If f && i + 1 < stmts.size()) {
                boolean bodyReturns = alwaysExits(f.body());
                boolean elseReturns = alwaysExits(f.orElse());
                if (bodyReturns != elseReturns) {
                    // Lower the early return: what follows the if runs only in the branch that falls through.
                    List<Stmt> rest = stmts.subList(i + 1, stmts.size());
                    List<Stmt> body = new ArrayList<>(f.body());
                    List<Stmt> orElse = new ArrayList<>(f.orElse());
                    (bodyReturns ? orElse : body).addAll(rest);
                    emitIf(new If(f.range(), f.test(), body, orElse));
                    return;
                }
                if (!bodyReturns && (mayReturn(f.body()) || mayReturn(f.orElse()))) {
                    // A return nested deeper in a branch: what follows the if runs on the paths that do not
                    // return, so it is copied into both branches, where the nested if is lowered as above.
                    List<Stmt> rest = stmts.subList(i + 1, stmts.size());
                    List<Stmt> body = new ArrayList<>(f.body());
                    List<Stmt> orElse = new ArrayList<>(f.orElse());
                    body.addAll(rest);
                    orElse.addAll(rest);
                    emitIf(new If(f.range(), f.test(), body, orElse));
                    return;
                }
            }
            emitStatement(s);
        }
    }

    /** Expressions that must be emitted as values (literals get the declared type as context). */
    private static boolean emitSugarPeek(Expr e) {
        return e instanceof ListLit || e instanceof DictLit || e instanceof TupleLit || e instanceof ListComp;
    }

    /** Ends in return, break or continue on every path (PyTorch's exit transform works on these). */
    private static boolean alwaysExits(List<Stmt> stmts) {
        if (stmts.isEmpty()) return false;
        Stmt last = stmts.get(stmts.size() - 1);
        if (last instanceof Return || last instanceof Break || last instanceof Continue) return true;
        if (last instanceof If f) return alwaysExits(f.body()) && alwaysExits(f.orElse());
        return false;
    }

    /** A return somewhere in these statements' if-branches (loops are not looked into). */
    private static boolean mayReturn(List<Stmt> stmts) {
        for (Stmt s : stmts) {
            if (s instanceof Return) return true;
            if (s instanceof If f && (mayReturn(f.body()) || mayReturn(f.orElse()))) return true;
        }
        return false;
    }

    /** A break or continue of this loop (not of a nested one). */
    private static boolean containsJump(List<Stmt> stmts) {
        for (Stmt s : stmts) {
            if (s instanceof Break || s instanceof Continue) return true;
            if (s instanceof If f && (containsJump(f.body()) || containsJump(f.orElse()))) return true;
        }
        return false;
    }

    /** The innermost loop being emitted: its while test (null for a for loop). */
    private final java.util.ArrayDeque<java.util.Optional<Expr>> loops = new java.util.ArrayDeque<>();

    private void emitStatement(Stmt s) {
        if (s instanceof ExprStmt e) {
            if (e.value() instanceof Const || e.value() instanceof FString) return;   // docstrings
            emitSugar(e.value());
        } else if (s instanceof Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Name n
                && !(emitSugarPeek(a.value()))) {
            Sugar sugar = emitSugar(a.value(), env.declaredType(n.id()));
            if (sugar instanceof Sugar.SimpleValue sv) assign(n, sv.value(), a.value().range());
            else env.setSugar(n.id(), sugar);
        } else if (s instanceof Assign a) {
            Value v = emitValue(a.value(), a.targets().get(0) instanceof Name n ? env.declaredType(n.id()) : null);
            for (Expr t : a.targets()) assign(t, v, a.value().range());
        } else if (s instanceof AnnAssign a) {
            JitType t = types.parse(a.annotation());
            if (!(a.target() instanceof Name n)) throw new JitScopeException("type annotations are only allowed on variables", a.target().range());
            else {
                env.declare(n.id(), t);
                if (a.value() != null) {
                    Value v = emitValue(a.value(), t);
                    checkAssignable(v, t, a.value().range());
                    assign(a.target(), v, a.value().range());
                }
            }
        } else if (s instanceof AugAssign a) {
            emitAugAssign(a);
        } else if (s instanceof If f) {
            emitIf(f);
        } else if (s instanceof For f) {
            emitFor(f);
        } else if (s instanceof While w) {
            emitWhile(w);
        } else if (s instanceof Return r) {
            Value v = r.value() == null ? constant(null, r.range()) : emitValue(r.value(), signature.returnType());
            checkReturnType(v, r.range());   // like PyTorch, blame the return statement, not the def
            env.set(Environment.RETURN, v);
            env.exited = true;
        } else if (s instanceof Raise r) {
            emitRaise(r);
        } else if (s instanceof Assert a) {
            emitAssert(a);
        } else if (s instanceof Pass) {
            // nothing
        } else if (s instanceof Import) {
            // imports in script code only name modules the resolver already knows
        } else if (s instanceof Delete d) {
            for (Expr t : d.targets()) {
                if (t instanceof Subscript sub) {
                    Value base = emitValue(sub.value(), null);
                    Value key = emitValue(sub.indices().get(0), null);
                    op(base.type() instanceof DictType ? "aten::Delete" : "aten::Delete", List.of(base, key), NoneType.INSTANCE, d.range());
                } else if (t instanceof Name n) {
                    env.set(n.id(), null);
                } else {
                    throw new JitScopeException("del of this expression is not supported", t.range());
                }
            }
        } else if (s instanceof With w) {
            throw new JitScopeException("'with' statements are not supported yet", w.range());
        } else if (s instanceof Break || s instanceof Continue) {
            if (loops.isEmpty()) throw new JitScopeException("'" + (s instanceof Break ? "break" : "continue") + "' outside loop", s.range());
            // break: the loop's continue condition becomes false; continue: it is what the end of the body would compute
            Expr test = loops.peek().orElse(null);
            Value cond = s instanceof Break ? constant(false, s.range()) : test == null ? constant(true, s.range()) : emitCondition(test);
            env.set(Environment.CONTINUE, cond);
            env.loopExited = true;
        } else if (s instanceof FunctionDef || s instanceof ClassDef) {
            throw new JitScopeException("nested definitions are not supported in TorchScript", s.range());
        } else {
            throw new JitScopeException("unsupported statement", s.range());
        }
    }

    private void checkAssignable(Value v, JitType declared, SourceRange r) {
        if (!v.type().isSubtypeOf(declared) && !(v.type() instanceof TensorType && declared instanceof TensorType)
                && !(v.type() instanceof ListType && declared instanceof ListType && v.node().kind().equals(Node.LIST_CONSTRUCT))
                && !(v.type() instanceof DictType && declared instanceof DictType && v.node().kind().equals(Node.DICT_CONSTRUCT)))
            throw new JitScopeException("Variable was annotated as " + declared.annotation() + " but is assigned a value of type "
                    + v.type().annotation(), r);
    }

    private void assign(Expr target, Value v, SourceRange valueRange) {
        if (target instanceof Name n) {
            JitType declared = env.declaredType(n.id());
            if (declared != null) checkAssignable(v, declared, valueRange);
            env.set(n.id(), v);
            if (!v.hasDebugName() && !(v.node().kind().equals(Node.PARAM))) v.setDebugName(n.id());
        } else if (target instanceof TupleLit t) {
            assignUnpack(t.elts(), v, target.range());
        } else if (target instanceof ListLit l) {
            assignUnpack(l.elts(), v, target.range());
        } else if (target instanceof Attribute a) {
            Value obj = emitValue(a.value(), null);
            if (!(obj.type() instanceof ClassType)) throw new JitScopeException("cannot assign an attribute of a " + obj.type().annotation(), a.range());
            Node n = node(Node.SET_ATTR, List.of(obj, v), a.range());
            n.setAttr("name", a.name());
        } else if (target instanceof Subscript s) {
            Value base = emitValue(s.value(), null);
            if (base.type() instanceof TensorType) {
                Value view = emitTensorIndex(base, s.indices(), s.range());
                op(v.type() instanceof TensorType ? "aten::copy_" : "aten::fill_", List.of(view, v), TensorType.INSTANCE, s.range());
            } else {
                Value key = emitValue(s.indices().get(0), null);
                op("aten::_set_item", List.of(base, key, v), NoneType.INSTANCE, s.range());
            }
        } else {
            throw new JitScopeException("cannot assign to this expression", target.range());
        }
    }

    private void assignUnpack(List<Expr> targets, Value v, SourceRange r) {
        if (v.node().kind().equals(Node.TUPLE_CONSTRUCT) && v.node().inputs().size() == targets.size()) {
            // a, b = x, y binds directly; the tuple itself becomes dead code
            List<Value> items = v.node().inputs();
            for (int i = 0; i < targets.size(); i++) assign(targets.get(i), items.get(i), r);
            return;
        }
        List<JitType> outTypes = new ArrayList<>();
        String kind;
        if (isNamedTuple(v.type())) {
            for (ClassType.Attribute at : ((ClassType) v.type()).attributes()) outTypes.add(at.type());
            if (outTypes.size() != targets.size())
                throw new JitScopeException("too many values to unpack: need " + targets.size() + " but found " + outTypes.size(), r);
            kind = Node.TUPLE_UNPACK;
        } else if (v.type() instanceof TupleType tt) {
            if (tt.elements().size() != targets.size())
                throw new JitScopeException("too many values to unpack: need " + targets.size() + " but found " + tt.elements().size(), r);
            outTypes.addAll(tt.elements());
            kind = Node.TUPLE_UNPACK;
        } else if (v.type() instanceof ListType lt) {
            for (int i = 0; i < targets.size(); i++) outTypes.add(lt.element());
            kind = Node.LIST_UNPACK;
        } else if (v.type() instanceof TensorType) {
            v = op("aten::unbind", List.of(v, constant(0L, r)), ListType.of(TensorType.INSTANCE), r);
            for (int i = 0; i < targets.size(); i++) outTypes.add(TensorType.INSTANCE);
            kind = Node.LIST_UNPACK;
        } else {
            throw new JitScopeException("cannot unpack a value of type " + v.type().annotation(), r);
        }
        Node n = graph.create(kind);
        n.addInput(v);
        for (JitType t : outTypes) n.addOutput(t);
        insert(n, r);
        for (int i = 0; i < targets.size(); i++) assign(targets.get(i), n.output(i), r);
    }

    private void emitAugAssign(AugAssign a) {
        if (a.target() instanceof Name n) {
            Value cur = lookupVar(n.id(), a.target().range());
            Value rhs = emitValue(a.value(), null);
            String kind = binaryKind(a.op(), cur, rhs, a.range());
            // Tensors and lists are updated in place, like Python's __iadd__.
            if (cur.type() instanceof TensorType || (cur.type() instanceof ListType && a.op() == TokenKind.PLUS)) {
                String inplace = cur.type() instanceof ListType ? "aten::add_" : kind + "_";
                Value out = op(inplace, List.of(cur, rhs), cur.type(), a.range());
                env.set(n.id(), out);
            } else {
                Value out = op(kind, List.of(cur, rhs), ReturnTypes.infer(kind, List.of(cur, rhs)), a.range());
                env.set(n.id(), out);
                out.setDebugName(n.id());
            }
        } else if (a.target() instanceof Attribute at) {
            Value cur = emitValue(at, null);
            Value rhs = emitValue(a.value(), null);
            String kind = binaryKind(a.op(), cur, rhs, a.range());
            if (cur.type() instanceof TensorType) {
                op(kind + "_", List.of(cur, rhs), TensorType.INSTANCE, a.range());
            } else {
                Value out = op(kind, List.of(cur, rhs), ReturnTypes.infer(kind, List.of(cur, rhs)), a.range());
                assign(at, out, a.range());
            }
        } else if (a.target() instanceof Subscript s) {
            Value cur = emitValue(s, null);
            Value rhs = emitValue(a.value(), null);
            String kind = binaryKind(a.op(), cur, rhs, a.range());
            if (cur.type() instanceof TensorType) op(kind + "_", List.of(cur, rhs), TensorType.INSTANCE, a.range());
            else assign(s, op(kind, List.of(cur, rhs), ReturnTypes.infer(kind, List.of(cur, rhs)), a.range()), a.range());
        } else {
            throw new JitScopeException("augmented assignment to this expression is not supported", a.target().range());
        }
    }

    private void emitRaise(Raise r) {
        List<Value> args = new ArrayList<>();
        String qualified = "builtins.Exception";
        if (r.exception() != null) {
            Expr e = r.exception();
            Expr msg = null;
            String excName = null;
            if (e instanceof Call c && TypeParser.dotted(c.func()) != null) {
                excName = TypeParser.dotted(c.func());
                msg = c.args().isEmpty() ? null : c.args().get(0);
            } else if (TypeParser.dotted(e) != null) {
                excName = TypeParser.dotted(e);
            }
            if (excName != null) qualified = "builtins." + excName.substring(excName.lastIndexOf('.') + 1);
            args.add(msg == null ? constant("", r.range()) : emitValue(msg, null));
        } else {
            args.add(constant("", r.range()));
        }
        args.add(constant(qualified, r.range()));
        node(Node.RAISE, args, r.range());
        env.exited = true;
    }

    private void emitRaiseCall(Call c) {
        List<Value> args = new ArrayList<>();
        for (Expr a : c.args()) args.add(emitValue(a, null));
        node(Node.RAISE, args, c.range());
        env.exited = true;
    }

    private void emitAssert(Assert a) {
        // assert c, msg  ==>  if c: <refine>  else: raise AssertionError(msg)
        // The refinement's unchecked_cast lives inside the passing branch and leaves it as an If output,
        // as in PyTorch: a cast placed after the If would be folded by PyTorch's constant propagation
        // into a value-less Tensor constant when c is statically false (a None attribute).
        Value cond = emitCondition(a.test());
        Refinement refine = refinementOf(a.test());
        Boolean known = constantBool(cond);
        if (Boolean.TRUE.equals(known)) {
            applyRefinement(refine, true, a.range());
            return;
        }
        if (Boolean.FALSE.equals(known)) {
            emitAssertionFailure(a);
            return;
        }
        Node ifNode = node(Node.IF, List.of(cond), a.range());
        Environment saved = env;
        Environment passing = new Environment(saved, ifNode.addBlock());
        Environment failing = new Environment(saved, ifNode.addBlock());
        env = passing;
        applyRefinement(refine, true, a.range());
        env = failing;
        emitAssertionFailure(a);
        env = saved;
        joinBranches(ifNode, passing, failing, a.range());
    }

    private void emitAssertionFailure(Assert a) {
        Value msg = a.message() == null ? constant("AssertionError: ", a.range()) : emitValue(a.message(), null);
        node(Node.RAISE, List.of(msg, constant("builtins.AssertionError", a.range())), a.range());
        env.exited = true;
    }

    // ---------------------------------------------------------------- control flow

    private void emitIf(If f) {
        Value cond = emitCondition(f.test());
        Refinement refine = refinementOf(f.test());
        Boolean known = constantBool(cond);
        if (known != null) {
            // Statically known conditions (is None on a non-Optional, isinstance, literals) emit one branch.
            emitStatementsRefined(known ? f.body() : f.orElse(), refine, known);
            return;
        }
        Node ifNode = node(Node.IF, List.of(cond), f.range());
        Environment saved = env;
        Environment thenEnv = new Environment(saved, ifNode.addBlock());
        Environment elseEnv = new Environment(saved, ifNode.addBlock());
        env = thenEnv;
        applyRefinement(refine, true, f.range());
        emitStatements(f.body());
        env = elseEnv;
        applyRefinement(refine, false, f.range());
        emitStatements(f.orElse());
        env = saved;
        joinBranches(ifNode, thenEnv, elseEnv, f.range());
    }

    private void emitStatementsRefined(List<Stmt> stmts, Refinement refine, boolean branch) {
        Environment saved = env;
        Environment inner = new Environment(saved, saved.block);
        env = inner;
        applyRefinement(refine, branch, null);
        emitStatements(stmts);
        env = saved;
        // The refined alias stays local; everything else the branch defined is visible after it.
        for (Map.Entry<String, Value> e : inner.defined().entrySet()) {
            if (inner.refined.get(e.getKey()) == e.getValue()) continue;
            env.set(e.getKey(), e.getValue());
        }
        if (inner.exited) env.exited = true;
        if (inner.loopExited) env.loopExited = true;
    }

    /**
     * Adds If outputs for every variable that a branch redefined. A branch that exited (return or
     * raise) contributes prim::Uninitialized, except for the return value it produced.
     */
    private void joinBranches(Node ifNode, Environment thenEnv, Environment elseEnv, SourceRange r) {
        Set<String> names = new LinkedHashSet<>(thenEnv.defined().keySet());
        names.addAll(elseEnv.defined().keySet());
        for (String name : names) {
            Value outer = env.lookup(name);
            Value tv = branchValue(thenEnv, name, elseEnv);
            Value ev = branchValue(elseEnv, name, thenEnv);
            if (tv == null && ev == null) continue;
            if ((!thenEnv.exited && tv == null) || (!elseEnv.exited && ev == null)) {
                env.set(name, null);   // defined on one path only: undefined afterwards
                continue;
            }
            if (tv == ev) continue;
            if ((thenEnv.exited && ev == outer) || (elseEnv.exited && tv == outer)) continue;
            JitType t = unify(tv, ev, name.equals(Environment.RETURN) ? signature.returnType() : env.declaredType(name), name, r);
            if (tv == null) tv = uninitialized(t, thenEnv, r);
            if (ev == null) ev = uninitialized(t, elseEnv, r);
            thenEnv.block.addOutput(tv);
            elseEnv.block.addOutput(ev);
            Value out = ifNode.addOutput(t);
            if (!name.startsWith("$")) out.setDebugName(name);
            env.set(name, out);
        }
        if (thenEnv.exited && elseEnv.exited) env.exited = true;
        else if (thenEnv.stopped() && elseEnv.stopped()) env.loopExited = true;
    }

    /**
     * What a variable holds at the end of a branch. A refinement alias counts as the original,
     * unless the other branch assigns the variable or exits: then, as in PyTorch, the cast is the branch's
     * value ({@code if dim is None: dim = f()} leaves an {@code int}).
     */
    private Value branchValue(Environment branch, String name, Environment other) {
        if (branch.exited) return name.equals(Environment.RETURN) ? branch.defined().get(name) : null;
        Value v = branch.lookup(name);
        // After `if x is None: raise`, the surviving branch's refinement is what x holds afterwards.
        if (isRefinementAlias(branch, name, v) && !assigns(other, name) && !other.exited) return env.lookup(name);
        return v;
    }

    private static boolean isRefinementAlias(Environment branch, String name, Value v) {
        return v != null && branch.refined.get(name) == v;
    }

    private static boolean assigns(Environment branch, String name) {
        Value v = branch.defined().get(name);
        return v != null && !isRefinementAlias(branch, name, v);
    }

    private Value uninitialized(JitType t, Environment branch, SourceRange r) {
        Environment saved = env;
        env = branch;
        Node n = graph.create("prim::Uninitialized");
        Value v = n.addOutput(t);
        insert(n, r);
        env = saved;
        return v;
    }

    private JitType unify(Value a, Value b, JitType declared, String name, SourceRange r) {
        if (declared != null) return declared;
        if (a == null) return b.type();
        if (b == null) return a.type();
        JitType t = unifyTypes(a.type(), b.type());
        if (t != null) return t;
        if (name.equals(Environment.RETURN) && signature.returnType() != null) return signature.returnType();
        throw new JitScopeException("Variable '" + name + "' previously had type " + a.type().annotation()
                + " but is now being assigned to a value of type " + b.type().annotation(), r);
    }

    /** The least common type, PyTorch's unifyTypes: T and None give Optional[T], tuples unify elementwise. */
    static JitType unifyTypes(JitType ta, JitType tb) {
        if (ta.equals(tb)) return ta;
        if (ta instanceof TensorType && tb instanceof TensorType) return TensorType.INSTANCE;
        if (ta instanceof NoneType) return tb instanceof OptionalType ? tb : OptionalType.of(tb);
        if (tb instanceof NoneType) return ta instanceof OptionalType ? ta : OptionalType.of(ta);
        if (tb.isSubtypeOf(ta)) return ta;
        if (ta.isSubtypeOf(tb)) return tb;
        if (ta instanceof OptionalType oa && !(tb instanceof OptionalType)) {
            JitType e = unifyTypes(oa.element(), tb);
            return e == null ? null : OptionalType.of(e);
        }
        if (tb instanceof OptionalType ob && !(ta instanceof OptionalType)) {
            JitType e = unifyTypes(ta, ob.element());
            return e == null ? null : OptionalType.of(e);
        }
        if (ta instanceof TupleType x && tb instanceof TupleType y && x.elements().size() == y.elements().size()) {
            List<JitType> els = new ArrayList<>();
            for (int i = 0; i < x.elements().size(); i++) {
                JitType e = unifyTypes(x.elements().get(i), y.elements().get(i));
                if (e == null) return null;
                els.add(e);
            }
            return new TupleType(els);
        }
        if (isNamedTuple(ta) && tb instanceof TupleType) return ta;
        if (isNamedTuple(tb) && ta instanceof TupleType) return tb;
        return null;
    }

    /** Names assigned anywhere in a loop body (syntactically), the loop-carried candidates. */
    private static void assignedNames(List<Stmt> body, Set<String> out) {
        for (Stmt s : body) {
            if (s instanceof Assign a) a.targets().forEach(t -> targetNames(t, out));
            else if (s instanceof AnnAssign a) targetNames(a.target(), out);
            else if (s instanceof AugAssign a) targetNames(a.target(), out);
            else if (s instanceof If f) { assignedNames(f.body(), out); assignedNames(f.orElse(), out); }
            else if (s instanceof For f) { targetNames(f.target(), out); assignedNames(f.body(), out); }
            else if (s instanceof While w) assignedNames(w.body(), out);
        }
    }

    private static void targetNames(Expr t, Set<String> out) {
        if (t instanceof Name n) out.add(n.id());
        else if (t instanceof TupleLit tl) tl.elts().forEach(e -> targetNames(e, out));
        else if (t instanceof ListLit ll) ll.elts().forEach(e -> targetNames(e, out));
        else if (t instanceof Starred s) targetNames(s.value(), out);
    }

    private void emitFor(For f) {
        Expr iter = f.iter();
        if (iter instanceof Call c && c.func() instanceof Name n && n.id().equals("range") && env.lookup("range") == null) {
            Value start = null, stop, step = null;
            List<Value> a = new ArrayList<>();
            for (Expr e : c.args()) a.add(emitValue(e, null));
            if (a.isEmpty() || a.size() > 3) throw new JitScopeException("range expected 1 to 3 arguments but found " + a.size(), c.range());
            for (int i = 0; i < a.size(); i++) requireType(a.get(i), IntType.INSTANCE, "range", c.args().get(i).range());
            if (a.size() == 1) stop = a.get(0);
            else { start = a.get(0); stop = a.get(1); if (a.size() == 3) step = a.get(2); }
            Value trip = stop;
            if (start != null) {
                // trip count = max(0, ceil((stop - start) / step)), computed as PyTorch's aten::__range_length
                trip = op("aten::__range_length", List.of(start, stop, step != null ? step : constant(1L, c.range())), IntType.INSTANCE, c.range());
            }
            final Value s0 = start, st = step;
            emitLoop(f.range(), trip, null, null, f.body(), f.target(), (idx) -> {
                if (s0 == null) return idx;
                return op("aten::__derive_index", List.of(idx, s0, st != null ? st : constant(1L, c.range())), IntType.INSTANCE, c.range());
            });
            return;
        }
        if (emitModuleContainerFor(f)) return;
        Value seq = emitValue(iter, null);
        Value trip;
        java.util.function.Function<Value, Value> element;
        if (seq.type() instanceof ListType lt) {
            trip = op("aten::len", List.of(seq), IntType.INSTANCE, iter.range());
            element = idx -> op("aten::__getitem__", List.of(seq, idx), lt.element(), iter.range());
        } else if (seq.type() instanceof TensorType) {
            trip = op("aten::len", List.of(seq), IntType.INSTANCE, iter.range());
            element = idx -> op("aten::select", List.of(seq, constant(0L, iter.range()), idx), TensorType.INSTANCE, iter.range());
        } else if (seq.type() instanceof StringType) {
            trip = op("aten::len", List.of(seq), IntType.INSTANCE, iter.range());
            element = idx -> op("aten::__getitem__", List.of(seq, idx), StringType.INSTANCE, iter.range());
        } else if (seq.type() instanceof DictType dt) {
            Value keys = op("aten::keys", List.of(seq), ListType.of(dt.key()), iter.range());
            trip = op("aten::len", List.of(keys), IntType.INSTANCE, iter.range());
            element = idx -> op("aten::__getitem__", List.of(keys, idx), dt.key(), iter.range());
        } else {
            throw new JitScopeException("'" + seq.type().annotation() + "' object is not iterable", iter.range());
        }
        emitLoop(f.range(), trip, null, null, f.body(), f.target(), element);
    }

    /**
     * {@code for m in self.layers} / {@code for k, m in self.heads.items()} over a ModuleList or
     * ModuleDict: unrolled at compile time, one copy of the body per submodule, as PyTorch does.
     */
    private boolean emitModuleContainerFor(For f) {
        Expr iter = f.iter();
        String method = null;
        Expr container = iter;
        if (iter instanceof Call c && c.args().isEmpty() && c.func() instanceof Attribute a
                && (a.name().equals("items") || a.name().equals("keys") || a.name().equals("values"))) {
            method = a.name();
            container = a.value();
        }
        if (!(container instanceof Attribute || container instanceof Name)) return false;
        Value obj;
        try {
            Sugar s = emitSugar(container);
            if (!(s instanceof Sugar.SimpleValue sv)) return false;
            obj = sv.value();
        } catch (JitScopeException e) {
            return false;
        }
        if (!(obj.type() instanceof ClassType ct) || !ct.isModule()) return false;
        if (containsJump(f.body())) throw new JitScopeException("break/continue in a loop over modules are not supported", f.range());
        for (ClassType.Attribute attr : ct.attributes()) {
            if (!(attr.type() instanceof ClassType sub) || !sub.isModule()) continue;
            Node get = node(Node.GET_ATTR, List.of(obj), f.iter().range());
            get.setAttr("name", attr.name());
            Value m = get.addOutput(attr.type());
            Value item;
            if (method == null || method.equals("values")) item = m;
            else if (method.equals("keys")) item = constant(attr.name(), f.iter().range());
            else {
                Node t = node(Node.TUPLE_CONSTRUCT, List.of(constant(attr.name(), f.iter().range()), m), f.iter().range());
                item = t.addOutput(TupleType.of(StringType.INSTANCE, attr.type()));
            }
            assign(f.target(), item, f.target().range());
            emitStatements(f.body());
            if (env.stopped()) break;
        }
        return true;
    }

    private void emitWhile(While w) {
        Value cond = emitCondition(w.test());
        Value maxTrip = constant(Long.MAX_VALUE, w.range());
        emitLoop(w.range(), maxTrip, cond, w.test(), w.body(), null, null);
    }

    /**
     * prim::Loop(trip, cond, carried...) with body block (i, carried...) → (cond', carried'...).
     * Carried values are the variables the body may assign that already exist before the loop.
     */
    private void emitLoop(SourceRange r, Value trip, Value cond, Expr whileTest, List<Stmt> body, Expr target,
                          java.util.function.Function<Value, Value> element) {
        boolean isWhile = cond != null;
        Set<String> assigned = new LinkedHashSet<>();
        assignedNames(body, assigned);
        List<String> carried = new ArrayList<>();
        for (String n : assigned) if (env.lookup(n) != null) carried.add(n);
        Node loop = node(Node.LOOP, List.of(trip, isWhile ? cond : constant(true, r)), r);
        for (String n : carried) loop.addInput(env.lookup(n));
        Block b = loop.addBlock();
        Value idx = b.addInput(IntType.INSTANCE);
        Environment saved = env;
        env = new Environment(saved, b);
        for (String n : carried) {
            Value init = saved.lookup(n);
            JitType declared = saved.declaredType(n);
            Value in = b.addInput(declared != null ? declared : init.type());
            in.setDebugName(n);
            env.set(n, in);
        }
        if (target != null) assign(target, element.apply(idx), target.range());
        boolean jumps = containsJump(body);
        loops.push(java.util.Optional.ofNullable(whileTest));
        if (jumps) {
            // every path ends in an explicit continue so that each defines the continue condition
            List<Stmt> withTail = new ArrayList<>(body);
            withTail.add(new Continue(r));
            emitStatements(withTail);
        } else {
            emitStatements(body);
        }
        loops.pop();
        if (env.exited) throw new JitScopeException("a loop body that always returns or raises is not supported yet", r);
        Value next = jumps ? env.lookup(Environment.CONTINUE) : isWhile ? emitCondition(whileTest) : constant(true, r);
        b.addOutput(next);
        List<Value> carriedOut = new ArrayList<>();
        for (String n : carried) carriedOut.add(env.lookup(n));
        env = saved;
        for (int i = 0; i < carried.size(); i++) {
            Value bodyOut = carriedOut.get(i);
            if (bodyOut == null) throw new JitScopeException("variable '" + carried.get(i) + "' is deleted in a loop", r);
            b.addOutput(bodyOut);
            Value out = loop.addOutput(b.inputs().get(i + 1).type());
            out.setDebugName(carried.get(i));
            env.set(carried.get(i), out);
        }
    }

    // ---------------------------------------------------------------- refinement

    /** {@code x is None} / {@code x is not None} on an Optional variable narrows it in the branches. */
    private static final class Refinement {
        final String name;
        final JitType whenTrue, whenFalse;
        /** A further variable the same test refines ({@code a is not None and b is not None}), or null. */
        final Refinement also;
        Refinement(String name, JitType whenTrue, JitType whenFalse) { this(name, whenTrue, whenFalse, null); }
        Refinement(String name, JitType whenTrue, JitType whenFalse, Refinement also) {
            this.name = name; this.whenTrue = whenTrue; this.whenFalse = whenFalse; this.also = also;
        }
    }

    private Refinement refinementOf(Expr test) {
        if (test instanceof BoolOp b) {
            // `x is not None and ...` refines x where the whole test is true; `x is None or ...` where it is false
            // both sides hold where an `and` is true (where an `or` is false), as in PyTorch
            boolean and = b.op() == TokenKind.AND;
            Refinement out = null;
            for (Refinement side : new Refinement[] {refinementOf(b.right()), refinementOf(b.left())})
                for (Refinement x = side; x != null; x = x.also)
                    out = and ? new Refinement(x.name, x.whenTrue, null, out) : new Refinement(x.name, null, x.whenFalse, out);
            return out;
        }
        if (test instanceof Compare c && c.ops().size() == 1 && c.left() instanceof Name n
                && c.comparators().get(0) instanceof Const k && k.value() == null
                && (c.ops().get(0) == CmpOp.IS || c.ops().get(0) == CmpOp.IS_NOT)) {
            Value v = env.lookup(n.id());
            if (v != null && v.type() instanceof OptionalType o) {
                boolean isNot = c.ops().get(0) == CmpOp.IS_NOT;
                return new Refinement(n.id(), isNot ? o.element() : null, isNot ? null : o.element());
            }
        }
        if (test instanceof Call c && c.func() instanceof Name f && f.id().equals("isinstance") && c.args().size() == 2
                && c.args().get(0) instanceof Name n) {
            Value v = env.lookup(n.id());
            if (v != null && v.type() instanceof OptionalType) {
                JitType t = types.parse(c.args().get(1));
                return new Refinement(n.id(), t, null);
            }
        }
        return null;
    }

    private void applyRefinement(Refinement ref, boolean branch, SourceRange r) {
        for (Refinement x = ref; x != null; x = x.also) {
            JitType t = branch ? x.whenTrue : x.whenFalse;
            if (t == null) continue;
            Value v = env.lookup(x.name);
            Node cast = graph.create("prim::unchecked_cast");
            cast.addInput(v);
            Value out = cast.addOutput(t);
            insert(cast, r != null ? r : v.node().range());
            env.set(x.name, out);
            env.refined.put(x.name, out);
        }
    }

    // ================================================================ expressions

    private Value emitCondition(Expr e) {
        Value v = emitValue(e, null);
        if (v.type() instanceof BoolType) return v;
        if (v.type() instanceof TensorType || v.type() instanceof IntType || v.type() instanceof FloatType || v.type() instanceof NumberType)
            return op("aten::Bool", List.of(v), BoolType.INSTANCE, e.range());
        if (v.type() instanceof NoneType) return constant(false, e.range());
        if (v.type() instanceof ListType || v.type() instanceof StringType || v.type() instanceof DictType) {
            Value len = op("aten::len", List.of(v), IntType.INSTANCE, e.range());
            return op("aten::ne", List.of(len, constant(0L, e.range())), BoolType.INSTANCE, e.range());
        }
        if (v.type() instanceof OptionalType) return op("aten::__isnot__", List.of(v, constant(null, e.range())), BoolType.INSTANCE, e.range());
        throw new JitScopeException("expected a condition of type bool but found " + v.type().annotation(), e.range());
    }

    Value emitValue(Expr e, JitType expected) {
        Sugar s = emitSugar(e, expected);
        if (s instanceof Sugar.SimpleValue sv) return sv.value();
        throw new JitScopeException(describe(s) + " cannot be used as a value", e.range());
    }

    private static String describe(Sugar s) {
        if (s instanceof Sugar.Namespace n) return "module '" + n.path() + "'";
        if (s instanceof Sugar.Builtin b) return "builtin '" + b.name() + "'";
        if (s instanceof Sugar.BoundMethod m) return "method '" + m.name() + "'";
        if (s instanceof Sugar.ClassRef c) return "class '" + c.type().qualifiedName() + "'";
        if (s instanceof Sugar.FunctionRef f) return "function '" + f.function().qualifiedName() + "'";
        return "this expression";
    }

    private Sugar emitSugar(Expr e) { return emitSugar(e, null); }

    private Sugar emitSugar(Expr e, JitType expected) {
        if (e instanceof Name n) return resolveName(n);
        if (e instanceof Const c) return sv(constant(c.value(), c.range()));
        if (e instanceof Attribute a) return emitAttribute(a);
        if (e instanceof Call c) return emitCall(c, expected);
        if (e instanceof BinOp b) return sv(emitBinOp(b));
        if (e instanceof UnaryOp u) return sv(emitUnary(u));
        if (e instanceof BoolOp b) return sv(emitBoolOp(b));
        if (e instanceof Compare c) return sv(emitCompare(c));
        if (e instanceof IfExp i) return sv(emitIfExp(i, expected));
        if (e instanceof Subscript s) return sv(emitSubscript(s));
        if (e instanceof ListLit l) return sv(emitList(l, expected));
        if (e instanceof TupleLit t) return sv(emitTuple(t, expected));
        if (e instanceof DictLit d) return sv(emitDict(d, expected));
        if (e instanceof ListComp lc) return sv(emitListComp(lc, expected));
        if (e instanceof FString f) {
            List<Value> args = new ArrayList<>();
            args.add(constant(f.template(), f.range()));
            for (Expr v : f.values()) args.add(emitValue(v, null));
            return sv(op("aten::format", args, StringType.INSTANCE, f.range()));
        }
        if (e instanceof EllipsisLit) throw new JitScopeException("'...' is only allowed in subscripts", e.range());
        if (e instanceof Starred) throw new JitScopeException("starred expressions are not supported here", e.range());
        throw new JitScopeException("unsupported expression", e.range());
    }

    private static Sugar sv(Value v) { return new Sugar.SimpleValue(v); }

    private Value lookupVar(String name, SourceRange r) {
        Value v = env.lookup(name);
        if (v == null) throw new JitScopeException("undefined value " + name, r);
        return v;
    }

    private static final Set<String> BUILTINS = Set.of("len", "int", "float", "bool", "str", "print", "annotate",
            "unchecked_cast", "uninitialized", "isinstance", "getattr", "hasattr", "range", "min", "max", "abs",
            "round", "list", "tuple", "sum", "any", "all", "divmod", "ord", "chr", "enumerate", "zip", "sorted", "hash", "id");
    private static final Set<String> NAMESPACES = Set.of("torch", "ops", "math", "__torch__", "CONSTANTS", "typing", "F", "fx", "collections");

    private Sugar resolveName(Name n) {
        Value v = env.lookup(n.id());
        if (v != null) return sv(v);
        Sugar local = env.lookupSugar(n.id());
        if (local != null) return local;
        if (env.isDeleted(n.id())) throw new JitScopeException("undefined value " + n.id(), n.range());
        Sugar g = globals.resolve(n.id());
        if (g != null) return g;
        if (BUILTINS.contains(n.id())) return new Sugar.Builtin(n.id());
        if (NAMESPACES.contains(n.id())) return new Sugar.Namespace(n.id().equals("F") ? "torch.nn.functional" : n.id());
        if (n.id().equals("inf")) return sv(constant(Double.POSITIVE_INFINITY, n.range()));
        if (n.id().equals("nan")) return sv(constant(Double.NaN, n.range()));
        throw new JitScopeException("undefined value " + n.id(), n.range());
    }

    private Sugar emitAttribute(Attribute a) {
        Sugar base = emitSugar(a.value());
        if (base instanceof Sugar.Namespace ns) {
            String path = ns.path() + "." + a.name();
            Object c = globals.constant(path);
            if (c != GlobalResolver.NO_CONSTANT) return sv(constant(c, a.range()));
            if (path.equals("math.inf")) return sv(constant(Double.POSITIVE_INFINITY, a.range()));
            if (path.equals("math.pi")) return sv(constant(Math.PI, a.range()));
            if (path.equals("math.e")) return sv(constant(Math.E, a.range()));
            if (path.equals("math.nan")) return sv(constant(Double.NaN, a.range()));
            Long dtype = dtypeCode(path);
            if (dtype != null) return sv(constant(dtype, a.range()));   // torch.float32 etc. are ScalarType ints in script
            Sugar g = globals.resolve(path);
            if (g != null) return g;
            return new Sugar.Namespace(path);
        }
        if (base instanceof Sugar.ClassRef cr) {
            Object c = cr.type().constants().get(a.name());
            if (c != null || cr.type().constants().containsKey(a.name())) return sv(constant(c, a.range()));
            throw new JitScopeException("class '" + cr.type().simpleName() + "' has no attribute '" + a.name() + "'", a.nameRange());
        }
        if (!(base instanceof Sugar.SimpleValue sv)) throw new JitScopeException(describe(base) + " has no attribute '" + a.name() + "'", a.range());
        Value obj = sv.value();
        JitType t = obj.type();
        if (isNamedTuple(t)) {
            ClassType ct = (ClassType) t;
            int i = ct.findAttribute(a.name());
            if (i < 0) throw new JitScopeException("'" + ct.simpleName() + "' has no field '" + a.name() + "'", a.nameRange());
            Node n = node("prim::TupleIndex", List.of(obj, constant((long) i, a.range())), a.range());
            return sv(n.addOutput(ct.attributes().get(i).type()));
        }
        if (t instanceof ClassType ct) {
            ClassType.Attribute attr = ct.attribute(a.name());
            if (attr != null) {
                Node n = node(Node.GET_ATTR, List.of(obj), a.range());
                n.setAttr("name", a.name());
                Value out = n.addOutput(attr.type());
                out.setDebugName(a.name());
                return sv(out);
            }
            if (ct.constants().get(a.name()) instanceof FunctionAttribute fa) {
                Sugar f = globals.resolve(fa.qualifiedName());
                if (f == null) throw new JitScopeException("function attribute '" + a.name() + "' names unknown function "
                        + fa.qualifiedName(), a.nameRange());
                return f;
            }
            if (ct.constants().get(a.name()) instanceof OperatorAttribute oa)   // called like ops.aten.gelu
                return new Sugar.Namespace("ops." + oa.operator().replace("::", "."));
            if (ct.constants().containsKey(a.name())) return sv(constant(ct.constants().get(a.name()), a.range()));
            if (ct.method(a.name()) != null || globals.lazyMethod(ct, a.name()) != null) return new Sugar.BoundMethod(obj, a.name());
            throw new JitScopeException("Module '" + ct.simpleName() + "' has no attribute '" + a.name() + "'", a.nameRange());
        }
        if (t instanceof TensorType) {
            switch (a.name()) {
                case "shape": return sv(op("aten::size", List.of(obj), ListType.of(IntType.INSTANCE), a.range()));
                case "dtype": return sv(op("prim::dtype", List.of(obj), IntType.INSTANCE, a.range()));
                case "device": return sv(op("prim::device", List.of(obj), DeviceType.INSTANCE, a.range()));
                case "is_cuda": return sv(op("prim::is_cuda", List.of(obj), BoolType.INSTANCE, a.range()));
                case "requires_grad": return sv(op("prim::requires_grad", List.of(obj), BoolType.INSTANCE, a.range()));
                case "is_nested": return sv(op("prim::is_nested", List.of(obj), BoolType.INSTANCE, a.range()));
                case "data": return sv(op("prim::data", List.of(obj), TensorType.INSTANCE, a.range()));
                case "T": return sv(op("aten::numpy_T", List.of(obj), TensorType.INSTANCE, a.range()));
                case "ndim": return sv(op("aten::dim", List.of(obj), IntType.INSTANCE, a.range()));
                case "grad": return sv(op("prim::grad", List.of(obj), OptionalType.of(TensorType.INSTANCE), a.range()));
                default: return new Sugar.BoundMethod(obj, a.name());
            }
        }
        if (t instanceof TupleType tt && obj.node().kind().equals(Node.TUPLE_CONSTRUCT)) {
            throw new JitScopeException("tuple has no attribute '" + a.name() + "'", a.nameRange());
        }
        return new Sugar.BoundMethod(obj, a.name());
    }

    private static final Map<String, dev.jitscope.tensor.DType> DTYPE_ALIASES = Map.ofEntries(
            Map.entry("float", dev.jitscope.tensor.DType.FLOAT32), Map.entry("double", dev.jitscope.tensor.DType.FLOAT64),
            Map.entry("half", dev.jitscope.tensor.DType.FLOAT16), Map.entry("long", dev.jitscope.tensor.DType.INT64),
            Map.entry("int", dev.jitscope.tensor.DType.INT32), Map.entry("short", dev.jitscope.tensor.DType.INT16));

    /** {@code torch.float32}, {@code torch.bool}, {@code torch.long}: the ScalarType code, or null. */
    private static Long dtypeCode(String path) {
        if (!path.startsWith("torch.") || path.indexOf('.', 6) >= 0) return null;
        String name = path.substring(6);
        if (DTYPE_ALIASES.containsKey(name)) return (long) DTYPE_ALIASES.get(name).code;
        for (dev.jitscope.tensor.DType d : dev.jitscope.tensor.DType.values()) if (d.torchName.equals(name)) return (long) d.code;
        return null;
    }

    // ---------------------------------------------------------------- calls

    private Sugar emitCall(Call c, JitType expected) {
        Sugar callee = emitSugar(c.func());
        if (callee instanceof Sugar.Builtin b) return emitBuiltinCall(b.name(), c, expected);
        if (callee instanceof Sugar.Namespace ns) return sv(emitNamespaceCall(ns.path(), c, expected));
        if (callee instanceof Sugar.BoundMethod m) return sv(emitMethodCall(m, c));
        if (callee instanceof Sugar.FunctionRef f) return sv(emitFunctionCall(f.function(), c));
        if (callee instanceof Sugar.ClassRef cr) return sv(emitConstruct(cr.type(), c));
        Value v = ((Sugar.SimpleValue) callee).value();
        if (v.type() instanceof ClassType ct && (ct.method("forward") != null || globals.lazyMethod(ct, "forward") != null)) {
            // self.conv1(x) calls the submodule's forward
            return sv(emitMethodCall(new Sugar.BoundMethod(v, "forward"), c));
        }
        throw new JitScopeException("'" + v.type().annotation() + "' object is not callable", c.func().range());
    }

    private List<Value> positional(Call c) {
        List<Value> args = new ArrayList<>();
        for (Expr a : c.args()) {
            if (a instanceof Starred) throw new JitScopeException("starred arguments are not supported", a.range());
            args.add(emitValue(a, null));
        }
        return args;
    }

    /** Arguments for a builtin operator: positional, then keyword values in order (schemas place them). */
    private List<Value> operatorArgs(Call c) {
        List<Value> args = positional(c);
        for (Keyword k : c.keywords()) args.add(emitValue(k.value(), null));
        return args;
    }

    private Value emitNamespaceCall(String path, Call c, JitType expected) {
        // torch.jit.is_scripting() is True in script code; PyTorch resolves it at compile time
        if (path.equals("torch.jit.is_scripting") || path.equals("torch._jit_internal.is_scripting")) return constant(true, c.range());
        String kind = operatorKind(path, c.func().range());
        if (kind.equals("prim::RaiseException")) {
            emitRaiseCall(c);
            return constant(null, c.range());
        }
        if (kind.equals("aten::annotate") || kind.equals("aten::jit.annotate")) return emitBuiltinValue("annotate", c, expected);
        List<Value> args = operatorArgs(c);
        List<String> names = new ArrayList<>();
        for (Keyword k : c.keywords()) names.add(k.name());
        packVarargs(kind, args, names.size(), 0, c.range());
        // keywords placed by schema position already matched an overload's names and required arguments
        boolean placed = normalizeKeywords(kind, args, names, c.range());
        if (placed) names = new ArrayList<>();
        convertListArguments(kind, args, names, c.range());
        if (!placed) OverloadCheck.require(kind, args.subList(0, args.size() - names.size()), names, c.range());
        Node n = node(kind, args, c.range());
        if (!names.isEmpty()) n.setAttr("keywords", names);
        // an operator whose schemas return nothing (aten::warn(str, int) -> ()) has no output; the call is None
        List<dev.jitscope.ir.schema.FunctionSchema> overloads = dev.jitscope.ir.schema.SchemaRegistry.global().overloads(kind);
        if (!overloads.isEmpty() && overloads.stream().allMatch(s -> s.returns().isEmpty())) return constant(null, c.range());
        return n.addOutput(ReturnTypes.infer(kind, args));
    }

    /**
     * Keyword arguments of an operator call put in their schema positions, defaults filling the gaps
     * ({@code torch.zeros(s, dtype=d, device=v)} → {@code zeros(s, d, None, v)}), as PyTorch's schema
     * matching emits them: nodes bind their inputs by position. The first overload that takes every
     * keyword wins; returns false (arguments unchanged) when none does.
     */
    private boolean normalizeKeywords(String kind, List<Value> args, List<String> keywords, SourceRange r) {
        if (keywords.isEmpty()) return false;
        int positional = args.size() - keywords.size();
        for (dev.jitscope.ir.schema.FunctionSchema s : dev.jitscope.ir.schema.SchemaRegistry.global().overloads(kind)) {
            List<dev.jitscope.ir.schema.Argument> ps = s.arguments();
            if (positional > ps.size()) continue;
            boolean ok = true;
            for (int i = 0; i < positional && ok; i++) if (ps.get(i).kwargOnly()) ok = false;
            Value[] slots = new Value[ps.size()];
            int last = positional - 1;
            for (int k = 0; k < keywords.size() && ok; k++) {
                int j = -1;
                for (int i = positional; i < ps.size(); i++) if (ps.get(i).name().equals(keywords.get(k))) j = i;
                if (j < 0 || slots[j] != null) ok = false;
                else { slots[j] = args.get(positional + k); last = Math.max(last, j); }
            }
            // every parameter without a default must be given (one past the last keyword cannot be skipped)
            for (int i = positional; i < ps.size() && ok; i++)
                if (slots[i] == null && !ps.get(i).hasDefault()) ok = false;
            if (!ok) continue;
            List<Value> out = new ArrayList<>(args.subList(0, positional));
            for (int i = positional; i <= last; i++)
                out.add(slots[i] != null ? slots[i] : constant(ps.get(i).defaultValue(), r));
            args.clear();
            args.addAll(out);
            return true;
        }
        return false;
    }

    /**
     * {@code torch.zeros(2, 3)}, {@code x.view(a, b)}, {@code x.permute(0, 2, 1)}: ints given one by one
     * where the operator's only positional parameter (after self) is an int list are packed into a
     * prim::ListConstruct, as PyTorch's schema matching accepts varargs for a trailing list.
     */
    private void packVarargs(String kind, List<Value> args, int keywordCount, int offset, SourceRange r) {
        int positional = args.size() - keywordCount;
        if (positional <= offset) return;
        for (int i = offset; i < positional; i++) if (!(args.get(i).type() instanceof IntType)) return;
        boolean listOverload = false;
        for (dev.jitscope.ir.schema.FunctionSchema s : dev.jitscope.ir.schema.SchemaRegistry.global().overloads(kind)) {
            int slots = 0;
            while (slots < s.arguments().size() && !s.arguments().get(slots).kwargOnly()) slots++;
            // an overload taking the ints themselves (size(self, int dim), unsqueeze(self, int dim)) wins
            if (slots >= positional && s.arguments().get(offset).type() instanceof IntType) return;
            if (slots == offset + 1 && s.arguments().get(offset).type() instanceof ListType lt && lt.element() instanceof IntType)
                listOverload = true;
        }
        if (!listOverload) return;
        List<Value> items = new ArrayList<>(args.subList(offset, positional));
        Value list = node(Node.LIST_CONSTRUCT, items, r).addOutput(ListType.of(IntType.INSTANCE));
        args.subList(offset, positional).clear();
        args.add(offset, list);
    }

    /**
     * A tuple (or, for an {@code int[N]} parameter, a scalar) passed where every overload of the
     * operator takes a list becomes a prim::ListConstruct, as PyTorch's schema matching converts it:
     * {@code torch.conv2d(x, w, b, self.stride)} with a constant {@code (1, 1)} stride.
     */
    private void convertListArguments(String kind, List<Value> args, List<String> keywords, SourceRange r) {
        List<dev.jitscope.ir.schema.FunctionSchema> overloads = dev.jitscope.ir.schema.SchemaRegistry.global().overloads(kind);
        if (overloads.isEmpty()) return;
        int positional = args.size() - keywords.size();
        for (int i = 0; i < args.size(); i++) {
            Value v = args.get(i);
            boolean tuple = v.type() instanceof TupleType;
            boolean scalar = v.type() instanceof IntType;
            if (!tuple && !scalar) continue;
            JitType listType = null;
            int size = 0;
            boolean all = true;
            for (dev.jitscope.ir.schema.FunctionSchema s : overloads) {
                dev.jitscope.ir.schema.Argument a = null;
                if (i < positional) {
                    if (i < s.arguments().size() && !s.arguments().get(i).kwargOnly()) a = s.arguments().get(i);
                } else {
                    String name = keywords.get(i - positional);
                    for (dev.jitscope.ir.schema.Argument x : s.arguments()) if (x.name().equals(name)) a = x;
                }
                if (a == null) continue;
                JitType t = a.type() instanceof OptionalType o ? o.element() : a.type();
                if (t instanceof StringType) continue;   // conv2d.padding(str): a tuple or int never matches it
                if (!(t instanceof ListType) || scalar && (a.listSize() == null || a.listSize() < 1)) {
                    // a tuple fits no schema type but a list: one overload taking a list is enough
                    if (!tuple) { all = false; break; }
                    continue;
                }
                listType = t;
                size = a.listSize() == null ? 0 : a.listSize();
            }
            if (!all || listType == null) continue;
            args.set(i, coerceToList(v, listType, scalar ? size : 0, r));
        }
    }

    /** {@code torch.relu} → aten::relu, {@code ops.prim.X} → prim::X, {@code math.sqrt} → aten::sqrt. */
    private static String operatorKind(String path, SourceRange r) {
        String[] parts = path.split("\\.");
        String last = parts[parts.length - 1];
        if (path.equals("warnings.warn")) return "aten::warn";
        if (parts[0].equals("ops") && parts.length == 3) return parts[1] + "::" + parts[2];
        if (path.startsWith("torch.ops.") && parts.length == 4) return parts[2] + "::" + parts[3];
        if (parts[0].equals("torch") || parts[0].equals("math")) return "aten::" + last;
        throw new JitScopeException("unknown function '" + path + "'", r);
    }

    private Value emitMethodCall(Sugar.BoundMethod m, Call c) {
        Value self = m.self();
        if (self.type() instanceof ClassType ct) {
            Function f = ct.method(m.name());
            if (f == null) f = globals.lazyMethod(ct, m.name());
            if (f == null) throw new JitScopeException("'" + ct.simpleName() + "' has no method '" + m.name() + "'", c.func().range());
            FunctionSignature sig = (FunctionSignature) f.schema();
            List<Value> args = matchArguments(sig, c, 1);
            args.add(0, self);
            Node n = node(Node.CALL_METHOD, args, c.range());
            n.setAttr("name", m.name());
            return n.addOutput(sig.returnType() != null ? sig.returnType() : TensorType.INSTANCE);
        }
        List<Value> args = operatorArgs(c);
        args.add(0, self);
        if (self.type() instanceof TensorType) {
            List<String> kw = new ArrayList<>();
            for (Keyword k : c.keywords()) kw.add(k.name());
            packVarargs("aten::" + m.name(), args, kw.size(), 1, c.range());
            if (normalizeKeywords("aten::" + m.name(), args, kw, c.range())) kw = new ArrayList<>();
            convertListArguments("aten::" + m.name(), args, kw, c.range());
        }
        String kind;
        if (self.type() instanceof ListType) {
            kind = "aten::" + m.name();
        } else if (self.type() instanceof DictType) {
            kind = "aten::" + m.name();
        } else {
            kind = "aten::" + m.name();
        }
        Node n = node(kind, args, c.range());
        return n.addOutput(ReturnTypes.infer(kind, args));
    }

    private Value emitFunctionCall(Function f, Call c) {
        FunctionSignature sig = (FunctionSignature) f.schema();
        List<Value> args = matchArguments(sig, c, 0);
        Node fn = graph.create(Node.CONSTANT);
        fn.setAttr("name", f.qualifiedName());
        fn.setAttr("value", f);
        fn.addOutput(AnyType.INSTANCE);
        insert(fn, c.func().range());
        args.add(0, fn.output());
        Node n = node(Node.CALL_FUNCTION, args, c.range());
        return n.addOutput(sig.returnType() != null ? sig.returnType() : TensorType.INSTANCE);
    }

    /** Positional and keyword arguments matched to a script signature; missing ones take defaults. */
    private List<Value> matchArguments(FunctionSignature sig, Call c, int skip) {
        int n = sig.params().size() - skip;
        Value[] slots = new Value[n];
        if (c.args().size() > n)
            throw new JitScopeException(sig.name() + "() expected at most " + n + " argument(s) but received " + c.args().size(), c.range());
        for (int i = 0; i < c.args().size(); i++) {
            FunctionSignature.Parameter p = sig.params().get(i + skip);
            slots[i] = coerceToList(emitValue(c.args().get(i), p.type()), p.type(), p.broadcast(), c.args().get(i).range());
            checkArgument(slots[i], p, c.args().get(i).range());
        }
        for (Keyword k : c.keywords()) {
            int i = sig.indexOf(k.name()) - skip;
            if (i < 0) throw new JitScopeException(sig.name() + "() got an unexpected keyword argument '" + k.name() + "'", k.range());
            if (slots[i] != null) throw new JitScopeException(sig.name() + "() got multiple values for argument '" + k.name() + "'", k.range());
            FunctionSignature.Parameter p = sig.params().get(i + skip);
            slots[i] = coerceToList(emitValue(k.value(), p.type()), p.type(), p.broadcast(), k.value().range());
            checkArgument(slots[i], p, k.value().range());
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FunctionSignature.Parameter p = sig.params().get(i + skip);
            if (slots[i] == null) {
                if (p.defaultValue() == null)
                    throw new JitScopeException(sig.name() + "() is missing value for argument '" + p.name() + "'", c.range());
                slots[i] = coerceToList(emitValue(p.defaultValue(), p.type()), p.type(), p.broadcast(), c.range());
            }
            out.add(slots[i]);
        }
        return out;
    }

    /**
     * PyTorch's argument conversions into a list parameter: a scalar into a BroadcastingListN (N
     * copies) and a homogeneous tuple into a list, each a prim::ListConstruct.
     */
    private Value coerceToList(Value v, JitType param, int broadcast, SourceRange r) {
        JitType target = param instanceof OptionalType o ? o.element() : param;
        if (!(target instanceof ListType lt)) return v;
        if (broadcast > 0 && (v.type() instanceof IntType || v.type() instanceof FloatType)) {
            List<Value> copies = new ArrayList<>();
            for (int k = 0; k < broadcast; k++) copies.add(v);
            return node(Node.LIST_CONSTRUCT, copies, r).addOutput(ListType.of(v.type()));
        }
        if (v.type() instanceof TupleType tt && !tt.elements().isEmpty()
                && tt.elements().stream().allMatch(e -> e.isSubtypeOf(lt.element()) || e instanceof TensorType && lt.element() instanceof TensorType)) {
            List<Value> items = new ArrayList<>();
            if (v.node().kind().equals(Node.TUPLE_CONSTRUCT)) {
                items.addAll(v.node().inputs());
            } else {
                Node unpack = node(Node.TUPLE_UNPACK, List.of(v), r);
                for (JitType e : tt.elements()) items.add(unpack.addOutput(e));
            }
            return node(Node.LIST_CONSTRUCT, items, r).addOutput(ListType.of(lt.element()));
        }
        return v;
    }

    private void checkArgument(Value v, FunctionSignature.Parameter p, SourceRange r) {
        JitType t = v.type();
        if (t.isSubtypeOf(p.type()) || (t instanceof TensorType && p.type() instanceof TensorType)) return;
        if (t instanceof ListType && p.type() instanceof ListType && (v.node().kind().equals(Node.LIST_CONSTRUCT))) return;
        if (t instanceof IntType && p.type() instanceof FloatType) return;
        if (t instanceof ClassType && p.type() instanceof ClassType) return;   // interfaces and mangled variants
        throw new JitScopeException("Expected a value of type '" + p.type().annotation() + "' for argument '" + p.name()
                + "' but instead found type '" + t.annotation() + "'", r);
    }

    private Value emitConstruct(ClassType type, Call c) {
        Function init = type.method("__init__");
        if (init == null) {
            // Named tuples: the constructor builds a tuple typed by the class
            List<Value> args = operatorArgs(c);
            Node n = node(Node.TUPLE_CONSTRUCT, args, c.range());
            return n.addOutput(isNamedTuple(type) ? type : TupleType.of(args.stream().map(Value::type).toArray(JitType[]::new)));
        }
        Node create = node("prim::CreateObject", List.of(), c.range());
        Value obj = create.addOutput(type);
        emitMethodCall(new Sugar.BoundMethod(obj, "__init__"), c);
        return obj;
    }

    private Sugar emitBuiltinCall(String name, Call c, JitType expected) {
        return sv(emitBuiltinValue(name, c, expected));
    }

    private Value emitBuiltinValue(String name, Call c, JitType expected) {
        SourceRange r = c.range();
        switch (name) {
            case "annotate": {
                arity(c, 2);
                JitType t = types.parse(c.args().get(0));
                Value v = emitValue(c.args().get(1), t);
                if (v.node().kind().equals(Node.LIST_CONSTRUCT) || v.node().kind().equals(Node.DICT_CONSTRUCT)
                        || v.node().kind().equals(Node.CONSTANT) && v.type() instanceof NoneType) {
                    if (v.node().kind().equals(Node.CONSTANT)) {
                        Node cn = graph.create(Node.CONSTANT);
                        cn.setAttr("value", null);
                        cn.addOutput(t);
                        insert(cn, r);
                        return cn.output();
                    }
                    v.setType(t);
                    return v;
                }
                if (!v.type().isSubtypeOf(t) && !(v.type() instanceof TensorType && t instanceof TensorType))
                    throw new JitScopeException("Expected an expression of type " + t.annotation() + " but found " + v.type().annotation(), c.args().get(1).range());
                return v;
            }
            case "unchecked_cast": {
                arity(c, 2);
                JitType t = types.parse(c.args().get(0));
                Value v = emitValue(c.args().get(1), null);
                Node n = node("prim::unchecked_cast", List.of(v), r);
                return n.addOutput(t);
            }
            case "uninitialized": {
                arity(c, 1);
                Node n = node("prim::Uninitialized", List.of(), r);
                return n.addOutput(types.parse(c.args().get(0)));
            }
            case "isinstance": {
                arity(c, 2);
                Value v = emitValue(c.args().get(0), null);
                Expr te = c.args().get(1);
                String typeName = TypeParser.dotted(te);
                if (v.type() instanceof ClassType vc && typeName != null && typeName.contains(".")) {
                    // isinstance(first_layer, torch.nn.TransformerEncoderLayer): decided by class name
                    String simple = typeName.substring(typeName.lastIndexOf('.') + 1);
                    return constant(vc.simpleName().equals(simple), r);
                }
                List<JitType> candidates = new ArrayList<>();
                if (te instanceof TupleLit tl) for (Expr x : tl.elts()) candidates.add(isinstanceType(x));
                else candidates.add(isinstanceType(te));
                boolean any = false;
                for (JitType t : candidates) any |= t == null ? v.type() instanceof ListType
                        : t instanceof TupleType tt0 && tt0.elements().isEmpty() ? v.type() instanceof TupleType   // bare `tuple`
                        : v.type().isSubtypeOf(t)
                        || (v.type() instanceof TensorType && t instanceof TensorType);
                if (!any && v.type() instanceof OptionalType o) {
                    for (JitType t : candidates) if (t != null && o.element().isSubtypeOf(t)) {
                        // only known at run time
                        Node n = node("prim::isinstance", List.of(v), r);
                        return n.addOutput(BoolType.INSTANCE);
                    }
                }
                return constant(any, r);
            }
            case "hasattr": {
                arity(c, 2);
                Value v = emitValue(c.args().get(0), null);
                String attr = constString(c.args().get(1));
                boolean has = v.type() instanceof ClassType ct && (ct.attribute(attr) != null || ct.method(attr) != null || ct.constants().containsKey(attr));
                return constant(has, r);
            }
            case "getattr": {
                if (c.args().size() != 2) throw new JitScopeException("getattr expects 2 arguments", r);
                String attr = constString(c.args().get(1));
                return emitValue(new Attribute(r, c.args().get(0), attr, c.args().get(1).range()), null);
            }
            case "len": {
                arity(c, 1);
                Value v = emitValue(c.args().get(0), null);
                if (v.type() instanceof TupleType tt) return constant((long) tt.elements().size(), r);
                if (isModuleContainer(v.type())) return constant((long) submodules((ClassType) v.type()).size(), r);
                if (v.type() instanceof ClassType) return emitMethodCall(new Sugar.BoundMethod(v, "__len__"), new Call(r, c.func(), List.of(), List.of()));
                return op("aten::len", List.of(v), IntType.INSTANCE, r);
            }
            case "int": case "float": case "bool": case "str": {
                JitType target = switch (name) { case "int" -> IntType.INSTANCE; case "float" -> FloatType.INSTANCE;
                    case "bool" -> BoolType.INSTANCE; default -> StringType.INSTANCE; };
                if (c.args().isEmpty()) return constant(switch (name) { case "int" -> 0L; case "float" -> 0.0; case "bool" -> false; default -> ""; }, r);
                Value v = emitValue(c.args().get(0), null);
                if (v.type().equals(target)) return v;
                String kind = switch (name) { case "int" -> "aten::Int"; case "float" -> "aten::Float"; case "bool" -> "aten::Bool"; default -> "aten::str"; };
                return op(kind, List.of(v), target, r);
            }
            case "print": {
                List<Value> args = positional(c);
                node("prim::Print", args, r);
                return constant(null, r);
            }
            case "min": case "max": case "abs": {
                List<Value> args = positional(c);
                String kind = "prim::" + name;
                if (args.size() == 1 && args.get(0).type() instanceof TensorType) kind = "aten::" + name;
                if (args.size() == 2 && args.stream().allMatch(v -> v.type() instanceof TensorType)) kind = name.equals("max") ? "aten::maximum" : "aten::minimum";
                return op(kind, args, ReturnTypes.infer(kind, args), r);
            }
            case "range": throw new JitScopeException("range() can only be used as the iterable of a for loop", r);
            case "enumerate": case "zip": throw new JitScopeException(name + "() is only supported in for loops (not yet)", r);
            default: {
                List<Value> args = positional(c);
                String kind = "aten::" + name;
                return op(kind, args, ReturnTypes.infer(kind, args), r);
            }
        }
    }

    /** Type in an isinstance check; null stands for the bare {@code list}. */
    private JitType isinstanceType(Expr e) {
        if (e instanceof Name n) {
            switch (n.id()) {
                case "list": case "List": return null;
                case "int": return IntType.INSTANCE;
                case "float": return FloatType.INSTANCE;
                case "bool": return BoolType.INSTANCE;
                case "str": return StringType.INSTANCE;
                case "tuple": return TupleType.of();
                case "dict": return DictType.of(AnyType.INSTANCE, AnyType.INSTANCE);
                default: break;
            }
        }
        return types.parse(e);
    }

    private static String constString(Expr e) {
        if (e instanceof Const k && k.value() instanceof String s) return s;
        throw new JitScopeException("expected a string literal", e.range());
    }

    private static void arity(Call c, int n) {
        if (c.args().size() != n) throw new JitScopeException("expected " + n + " argument(s) but found " + c.args().size(), c.range());
    }

    private void requireType(Value v, JitType t, String what, SourceRange r) {
        if (!v.type().isSubtypeOf(t))
            throw new JitScopeException("Expected a value of type '" + t.annotation() + "' for argument of " + what
                    + " but instead found type '" + v.type().annotation() + "'", r);
    }

    // ---------------------------------------------------------------- operators

    private String binaryKind(TokenKind op, Value l, Value r, SourceRange range) {
        boolean tensor = l.type() instanceof TensorType || r.type() instanceof TensorType;
        return switch (op) {
            case PLUS -> "aten::add";
            case MINUS -> "aten::sub";
            case STAR -> "aten::mul";
            case SLASH -> "aten::div";
            case FLOORDIV -> tensor ? "aten::floor_divide" : "aten::floordiv";
            case PERCENT -> l.type() instanceof StringType ? "aten::percentFormat" : "aten::remainder";
            case POW -> "aten::pow";
            case AT -> "aten::matmul";
            case AMP -> "aten::__and__";
            case PIPE -> "aten::__or__";
            case CARET -> "aten::__xor__";
            case LSHIFT -> "aten::__lshift__";
            case RSHIFT -> "aten::__rshift__";
            default -> throw new JitScopeException("unsupported operator " + op.display(), range);
        };
    }

    private Value emitBinOp(BinOp b) {
        Value l = emitValue(b.left(), null);
        Value r = emitValue(b.right(), null);
        checkOperand(l, b.op(), b.left().range());
        checkOperand(r, b.op(), b.right().range());
        Value reversed = emitScalarTensorOp(b.op(), l, r, b.range());
        if (reversed != null) return reversed;
        String kind = binaryKind(b.op(), l, r, b.range());
        OverloadCheck.require(kind, List.of(l, r), List.of(), b.range());
        return op(kind, List.of(l, r), ReturnTypes.infer(kind, List.of(l, r)), b.range());
    }

    /**
     * {@code 2 * x}, {@code 2 + x}, {@code 2 - x}, {@code 2 / x} with a number on the left: no
     * operator takes (Scalar, Tensor), so PyTorch calls its builtin script functions, which compute
     * {@code x * 2}, {@code x + 2}, {@code neg(x) + 2}, {@code reciprocal(x) * 2}; null for other operands.
     */
    private Value emitScalarTensorOp(TokenKind op, Value l, Value r, SourceRange range) {
        boolean number = l.type() instanceof IntType || l.type() instanceof FloatType;
        if (!number || !(r.type() instanceof TensorType)) return null;
        return switch (op) {
            case PLUS -> op("aten::add", List.of(r, l), TensorType.INSTANCE, range);
            case STAR -> op("aten::mul", List.of(r, l), TensorType.INSTANCE, range);
            case MINUS -> op("aten::add", List.of(op("aten::neg", List.of(r), TensorType.INSTANCE, range), l),
                    TensorType.INSTANCE, range);
            case SLASH -> op("aten::mul", List.of(op("aten::reciprocal", List.of(r), TensorType.INSTANCE, range), l),
                    TensorType.INSTANCE, range);
            default -> null;
        };
    }

    private void checkOperand(Value v, TokenKind op, SourceRange r) {
        JitType t = v.type();
        if (t instanceof NoneType || t instanceof OptionalType || t instanceof ClassType)
            throw new JitScopeException("unsupported operand type for " + op.display() + ": '" + t.annotation() + "'", r);
    }

    private Value emitUnary(UnaryOp u) {
        if (u.op() == TokenKind.MINUS && u.operand() instanceof Const c && c.value() instanceof Number num) {
            // fold negative literals, as PyTorch's parser does
            return constant(num instanceof Long l ? (Object) (-l) : (Object) (-num.doubleValue()), u.range());
        }
        if (u.op() == TokenKind.NOT) {
            Value v = emitCondition(u.operand());
            Boolean k = constantBool(v);
            if (k != null) return constant(!k, u.range());
            return op("aten::__not__", List.of(v), BoolType.INSTANCE, u.range());
        }
        Value v = emitValue(u.operand(), null);
        if (u.op() == TokenKind.MINUS && v.node().kind().equals(Node.CONSTANT) && v.node().attr("value") instanceof Number num
                && !(v.type() instanceof AnyType)) {
            // -inf, -CONSTANT: negated at compile time like any literal
            return constant(num instanceof Long l ? (Object) (-l) : (Object) (-num.doubleValue()), u.range());
        }
        return switch (u.op()) {
            case MINUS -> op("aten::neg", List.of(v), v.type() instanceof TensorType ? TensorType.INSTANCE : v.type(), u.range());
            case TILDE -> op(v.type() instanceof TensorType ? "aten::bitwise_not" : "aten::__invert__", List.of(v), v.type(), u.range());
            default -> v;
        };
    }

    /** {@code a and b} lowers to {@code if a: b else: False}, PyTorch's short-circuit form. */
    private Value emitBoolOp(BoolOp b) {
        Value l = emitCondition(b.left());
        Boolean known = constantBool(l);
        boolean isAnd = b.op() == TokenKind.AND;
        if (known != null) {
            if (known == isAnd) return emitCondition(b.right());
            return l;
        }
        Refinement refine = refinementOf(b.left());
        Node ifNode = node(Node.IF, List.of(l), b.range());
        Environment saved = env;
        Block thenB = ifNode.addBlock(), elseB = ifNode.addBlock();
        env = new Environment(saved, isAnd ? thenB : elseB);
        applyRefinement(refine, isAnd, b.range());
        Value rv = emitCondition(b.right());
        Boolean rightKnown = constantBool(rv);
        if (rightKnown != null && (isAnd ? thenB : elseB).nodes().stream().allMatch(n -> n.kind().equals(Node.CONSTANT))) {
            // `a and True` is a, `a or True` is True, ...: PyTorch's cleanup folds the If away, and so do we
            env = saved;
            ifNode.destroy();
            return rightKnown == isAnd ? l : constant(rightKnown, b.range());
        }
        (isAnd ? thenB : elseB).addOutput(rv);
        env = new Environment(saved, isAnd ? elseB : thenB);
        (isAnd ? elseB : thenB).addOutput(constant(!isAnd, b.range()));
        env = saved;
        return ifNode.addOutput(BoolType.INSTANCE);
    }

    private Value emitIfExp(IfExp e, JitType expected) {
        Value cond = emitCondition(e.test());
        Boolean known = constantBool(cond);
        if (known != null) return emitValue(known ? e.body() : e.orElse(), expected);
        Refinement refine = refinementOf(e.test());
        Node ifNode = node(Node.IF, List.of(cond), e.range());
        Environment saved = env;
        Block tb = ifNode.addBlock(), eb = ifNode.addBlock();
        env = new Environment(saved, tb);
        applyRefinement(refine, true, e.range());
        Value tv = emitValue(e.body(), expected);
        tb.addOutput(tv);
        env = new Environment(saved, eb);
        applyRefinement(refine, false, e.range());
        Value ev = emitValue(e.orElse(), expected);
        eb.addOutput(ev);
        env = saved;
        return ifNode.addOutput(unify(tv, ev, expected, "<ternary>", e.range()));
    }

    private Value emitCompare(Compare c) {
        Value left = emitValue(c.left(), null);
        Value result = null;
        for (int i = 0; i < c.ops().size(); i++) {
            Value right = emitValue(c.comparators().get(i), null);
            Value cmp = emitComparison(c.ops().get(i), left, right, c.range());
            // a < b < c  ==  (a < b) and (b < c)
            result = result == null ? cmp : op("aten::__and__", List.of(result, cmp), BoolType.INSTANCE, c.range());
            left = right;
        }
        return result;
    }

    private Value emitComparison(CmpOp op, Value l, Value r, SourceRange range) {
        switch (op) {
            case IS: case IS_NOT: {
                boolean isNot = op == CmpOp.IS_NOT;
                Boolean known = staticIs(l.type(), r.type());
                if (known != null) return constant(known != isNot, range);
                return op(isNot ? "aten::__isnot__" : "aten::__is__", List.of(l, r), BoolType.INSTANCE, range);
            }
            case IN: case NOT_IN: {
                if (isModuleContainer(r.type()) && l.node().kind().equals(Node.CONSTANT) && l.node().attr("value") instanceof String key) {
                    boolean has = submodules((ClassType) r.type()).stream().anyMatch(a -> a.name().equals(key));
                    return constant(has == (op == CmpOp.IN), range);
                }
                if (r.type() instanceof TupleType tt && !tt.elements().isEmpty())
                    r = coerceToList(r, ListType.of(tt.elements().get(0)), 0, range);   // x in (2, 3): a list, as in PyTorch
                Value v = r.type() instanceof StringType && l.type() instanceof StringType
                        ? substringTest(r, l, range)
                        : op("aten::__contains__", List.of(r, l), BoolType.INSTANCE, range);
                return op == CmpOp.IN ? v : op("aten::__not__", List.of(v), BoolType.INSTANCE, range);
            }
            default: {
                // list == tuple compares elementwise: the tuple becomes a list (hx.size() != (a, b, c))
                if (l.type() instanceof ListType && r.type() instanceof TupleType) r = coerceToList(r, l.type(), 0, range);
                else if (r.type() instanceof ListType && l.type() instanceof TupleType) l = coerceToList(l, r.type(), 0, range);
                String kind = switch (op) { case EQ -> "aten::eq"; case NE -> "aten::ne"; case LT -> "aten::lt";
                    case LE -> "aten::le"; case GT -> "aten::gt"; default -> "aten::ge"; };
                return op(kind, List.of(l, r), ReturnTypes.infer(kind, List.of(l, r)), range);
            }
        }
    }

    /**
     * {@code key in s} for two strings: PyTorch has no str-in-str operator; its builtin
     * {@code __contains__(self: str, key: str)} is TorchScript source that scripting inlines, so the
     * graph (and a saved archive's code) holds {@code find(s, key, 0, len(s)) != -1}.
     */
    private Value substringTest(Value s, Value key, SourceRange range) {
        Value len = op("aten::len", List.of(s), IntType.INSTANCE, range);
        Value at = op("aten::find", List.of(s, key, constant(0L, range), len), IntType.INSTANCE, range);
        return op("aten::ne", List.of(at, constant(-1L, range)), BoolType.INSTANCE, range);
    }

    /** {@code x is None} is decided at compile time unless x is Optional (or Any). */
    private static Boolean staticIs(JitType a, JitType b) {
        if (a instanceof NoneType && b instanceof NoneType) return true;
        boolean aMaybeNone = a instanceof OptionalType || a instanceof NoneType || a instanceof AnyType;
        boolean bMaybeNone = b instanceof OptionalType || b instanceof NoneType || b instanceof AnyType;
        if (b instanceof NoneType && !aMaybeNone) return false;
        if (a instanceof NoneType && !bMaybeNone) return false;
        return null;
    }

    // ---------------------------------------------------------------- module containers

    /** Sequential, ModuleList, ModuleDict: the scripter handles len(), indexing and `in` on them itself. */
    private static boolean isModuleContainer(JitType t) {
        if (!(t instanceof ClassType ct) || !ct.isModule()) return false;
        String n = ct.simpleName();
        return n.equals("Sequential") || n.equals("ModuleList") || n.equals("ModuleDict");
    }

    private static List<ClassType.Attribute> submodules(ClassType ct) {
        List<ClassType.Attribute> out = new ArrayList<>();
        for (ClassType.Attribute a : ct.attributes()) if (a.type() instanceof ClassType sub && sub.isModule()) out.add(a);
        return out;
    }

    /** {@code self.layers[0]}, {@code self.heads["name"]}: the submodule, chosen at compile time. */
    private Value containerItem(Value base, ClassType ct, Expr idx, SourceRange r) {
        List<ClassType.Attribute> subs = submodules(ct);
        ClassType.Attribute chosen = null;
        Long k = constLong(idx);
        if (k != null) {
            long i = k < 0 ? k + subs.size() : k;
            if (i < 0 || i >= subs.size()) throw new JitScopeException("index " + k + " is out of range", idx.range());
            chosen = subs.get((int) i);
        } else if (idx instanceof Const c && c.value() instanceof String key) {
            chosen = subs.stream().filter(a -> a.name().equals(key)).findFirst()
                    .orElseThrow(() -> new JitScopeException("Key Error, " + key, idx.range()));
        } else {
            throw new JitScopeException("Index to a module container must be a literal integer or string", idx.range());
        }
        Node get = node(Node.GET_ATTR, List.of(base), r);
        get.setAttr("name", chosen.name());
        return get.addOutput(chosen.type());
    }

    // ---------------------------------------------------------------- subscripts and literals

    private Value emitSubscript(Subscript s) {
        Value base = emitValue(s.value(), null);
        JitType t = base.type();
        if (t instanceof TensorType) return emitTensorIndex(base, s.indices(), s.range());
        if (s.indices().size() != 1) throw new JitScopeException("multi-dimensional indexing is only supported on tensors", s.range());
        Expr idx = s.indices().get(0);
        if (t instanceof TupleType tt) {
            if (idx instanceof Slice sl) {
                Node n = node("prim::TupleSlice", List.of(base), s.range());
                return n.addOutput(tt);
            }
            Long k = constLong(idx);
            if (k != null) {
                int i = (int) (k < 0 ? k + tt.elements().size() : k);
                if (i < 0 || i >= tt.elements().size()) throw new JitScopeException("tuple index out of range", idx.range());
                Node n = node("prim::TupleIndex", List.of(base, constant((long) i, idx.range())), s.range());
                return n.addOutput(tt.elements().get(i));
            }
            Value iv = emitValue(idx, null);
            Node n = node("prim::TupleIndex", List.of(base, iv), s.range());
            return n.addOutput(AnyType.INSTANCE);
        }
        if (idx instanceof Slice sl) {
            List<Value> args = new ArrayList<>(List.of(base));
            args.add(sl.lower() == null ? constant(null, s.range()) : emitValue(sl.lower(), null));
            args.add(sl.upper() == null ? constant(null, s.range()) : emitValue(sl.upper(), null));
            args.add(sl.step() == null ? constant(1L, s.range()) : emitValue(sl.step(), null));
            return op("aten::slice", args, t, s.range());
        }
        if (isModuleContainer(t)) return containerItem(base, (ClassType) t, idx, s.range());
        if (t instanceof ClassType ct) {
            if (ct.method("__getitem__") != null)
                return emitMethodCall(new Sugar.BoundMethod(base, "__getitem__"), new Call(s.range(), s.value(), List.of(idx), List.of()));
            throw new JitScopeException("'" + ct.simpleName() + "' object is not subscriptable", s.range());
        }
        if (!(t instanceof ListType || t instanceof DictType || t instanceof StringType))
            throw new JitScopeException("'" + t.annotation() + "' object is not subscriptable", s.value().range());
        Value iv = emitValue(idx, null);
        return op("aten::__getitem__", List.of(base, iv), ReturnTypes.infer("aten::__getitem__", List.of(base, iv)), s.range());
    }

    /** PyTorch's tensor indexing: int → select, slice → slice, None → unsqueeze, tensors → index. */
    private Value emitTensorIndex(Value base, List<Expr> indices, SourceRange r) {
        Value cur = base;
        int dim = 0;
        List<Value> tensorIndices = new ArrayList<>();
        boolean sawTensor = false;
        for (Expr idx : indices) {
            if (idx instanceof EllipsisLit) {
                // dims after the ellipsis count from the end; we only need relative positions for
                // select/slice, which PyTorch emits with negative dims after an ellipsis
                dim = -(indices.size() - indices.indexOf(idx) - 1);
                continue;
            }
            if (idx instanceof Const k && k.value() == null) {
                cur = op("aten::unsqueeze", List.of(cur, constant((long) dim, r)), TensorType.INSTANCE, r);
                dim = dim < 0 ? dim : dim + 1;
                tensorIndices.add(constant(null, r));
                continue;
            }
            if (idx instanceof Slice sl) {
                boolean full = sl.lower() == null && sl.upper() == null && sl.step() == null;
                if (!full) {
                    List<Value> args = new ArrayList<>(List.of(cur, constant((long) dim, r)));
                    args.add(sl.lower() == null ? constant(null, r) : emitValue(sl.lower(), null));
                    args.add(sl.upper() == null ? constant(null, r) : emitValue(sl.upper(), null));
                    args.add(sl.step() == null ? constant(1L, r) : emitValue(sl.step(), null));
                    cur = op("aten::slice", args, TensorType.INSTANCE, r);
                }
                dim = dim < 0 ? dim + 1 : dim + 1;
                tensorIndices.add(constant(null, r));
                continue;
            }
            Value iv = emitValue(idx, null);
            if (iv.type() instanceof IntType) {
                cur = op("aten::select", List.of(cur, constant((long) dim, r), iv), TensorType.INSTANCE, r);
                if (dim < 0) dim++;
                continue;
            }
            if (iv.type() instanceof TensorType || iv.type() instanceof ListType) {
                if (iv.type() instanceof ListType) iv = op("aten::tensor", List.of(iv), TensorType.INSTANCE, r);
                tensorIndices.add(iv);
                sawTensor = true;
                dim++;
                continue;
            }
            throw new JitScopeException("unsupported index type " + iv.type().annotation() + " for a tensor", idx.range());
        }
        if (sawTensor) {
            Node list = node(Node.LIST_CONSTRUCT, tensorIndices, r);
            Value lv = list.addOutput(ListType.of(OptionalType.of(TensorType.INSTANCE)));
            cur = op("aten::index", List.of(cur, lv), TensorType.INSTANCE, r);
        }
        return cur;
    }

    private static Long constLong(Expr e) {
        if (e instanceof Const k && k.value() instanceof Long l) return l;
        if (e instanceof UnaryOp u && u.op() == TokenKind.MINUS && u.operand() instanceof Const k && k.value() instanceof Long l) return -l;
        return null;
    }

    private Value emitList(ListLit l, JitType expected) {
        JitType elemExpected = expected instanceof ListType lt ? lt.element() : null;
        List<Value> elts = new ArrayList<>();
        for (Expr e : l.elts()) elts.add(emitValue(e, elemExpected));
        JitType elem;
        if (elemExpected != null) elem = elemExpected;
        else if (elts.isEmpty()) elem = TensorType.INSTANCE;
        else {
            elem = elts.get(0).type();
            for (Value v : elts) {
                if (v.type().equals(elem) || (v.type() instanceof TensorType && elem instanceof TensorType)) continue;
                if (elem instanceof NoneType) elem = OptionalType.of(v.type());
                else if (v.type() instanceof NoneType) elem = elem instanceof OptionalType ? elem : OptionalType.of(elem);
                else if (!v.type().isSubtypeOf(elem))
                    throw new JitScopeException("Lists must contain only a single type, expected: " + elem.annotation()
                            + " but found " + v.type().annotation() + " instead", l.range());
            }
            if (elem instanceof TensorType) elem = TensorType.INSTANCE;
        }
        Node n = node(Node.LIST_CONSTRUCT, elts, l.range());
        return n.addOutput(ListType.of(elem));
    }

    private Value emitTuple(TupleLit t, JitType expected) {
        List<Value> elts = new ArrayList<>();
        for (int i = 0; i < t.elts().size(); i++) {
            JitType ex = expected instanceof TupleType tt && i < tt.elements().size() ? tt.elements().get(i) : null;
            elts.add(emitValue(t.elts().get(i), ex));
        }
        Node n = node(Node.TUPLE_CONSTRUCT, elts, t.range());
        return n.addOutput(new TupleType(elts.stream().map(Value::type).toList()));
    }

    private Value emitDict(DictLit d, JitType expected) {
        List<Value> ins = new ArrayList<>();
        JitType k = expected instanceof DictType dt ? dt.key() : null, v = expected instanceof DictType dt2 ? dt2.value() : null;
        for (int i = 0; i < d.keys().size(); i++) {
            Value kv = emitValue(d.keys().get(i), k), vv = emitValue(d.values().get(i), v);
            ins.add(kv);
            ins.add(vv);
            if (k == null) k = kv.type();
            if (v == null) v = vv.type();
        }
        Node n = node(Node.DICT_CONSTRUCT, ins, d.range());
        return n.addOutput(DictType.of(k != null ? k : StringType.INSTANCE, v != null ? v : TensorType.INSTANCE));
    }

    /** {@code [elt for x in xs if c]} → an empty list, then a loop appending to it (PyTorch's lowering). */
    private Value emitListComp(ListComp lc, JitType expected) {
        Value seq = emitValue(lc.iter(), null);
        Node ln = node(Node.LIST_CONSTRUCT, List.of(), lc.range());
        Value list = ln.addOutput(expected != null ? expected : ListType.of(TensorType.INSTANCE));
        Value trip;
        java.util.function.Function<Value, Value> element;
        if (seq.type() instanceof ListType lt) {
            trip = op("aten::len", List.of(seq), IntType.INSTANCE, lc.iter().range());
            element = idx -> op("aten::__getitem__", List.of(seq, idx), lt.element(), lc.iter().range());
        } else if (seq.type() instanceof TensorType) {
            trip = op("aten::len", List.of(seq), IntType.INSTANCE, lc.iter().range());
            element = idx -> op("aten::select", List.of(seq, constant(0L, lc.range()), idx), TensorType.INSTANCE, lc.iter().range());
        } else {
            throw new JitScopeException("'" + seq.type().annotation() + "' object is not iterable", lc.iter().range());
        }
        Node loop = node(Node.LOOP, List.of(trip, constant(true, lc.range())), lc.range());
        Block b = loop.addBlock();
        Value idx = b.addInput(IntType.INSTANCE);
        Environment saved = env;
        env = new Environment(saved, b);
        assign(lc.target(), element.apply(idx), lc.target().range());
        if (lc.cond() != null) {
            Value c = emitCondition(lc.cond());
            Node ifNode = node(Node.IF, List.of(c), lc.range());
            Environment loopEnv = env;
            env = new Environment(loopEnv, ifNode.addBlock());
            Value v = emitValue(lc.elt(), null);
            if (expected == null) list.setType(ListType.of(v.type()));
            op("aten::append", List.of(list, v), list.type(), lc.range());
            ifNode.addBlock();
            env = loopEnv;
        } else {
            Value v = emitValue(lc.elt(), null);
            if (expected == null) list.setType(ListType.of(v.type()));
            op("aten::append", List.of(list, v), list.type(), lc.range());
        }
        b.addOutput(constant(true, lc.range()));
        env = saved;
        return list;
    }

    // ---------------------------------------------------------------- node helpers

    private static Boolean constantBool(Value v) {
        if (v.node().kind().equals(Node.CONSTANT) && v.node().attr("value") instanceof Boolean b) return b;
        return null;
    }

    Value constant(Object value, SourceRange r) {
        Node n = graph.create(Node.CONSTANT);
        n.setAttr("value", value);
        JitType t;
        if (value == null) t = NoneType.INSTANCE;
        else if (value instanceof Long) t = IntType.INSTANCE;
        else if (value instanceof Integer i) { t = IntType.INSTANCE; n.setAttr("value", (long) i); }
        else if (value instanceof Double) t = FloatType.INSTANCE;
        else if (value instanceof Boolean) t = BoolType.INSTANCE;
        else if (value instanceof String) t = StringType.INSTANCE;
        else if (value instanceof dev.jitscope.tensor.Tensor) t = TensorType.INSTANCE;
        else if (value instanceof dev.jitscope.ir.value.Device) t = DeviceType.INSTANCE;
        else if (value instanceof List<?> l) t = ListType.of(l.isEmpty() || l.get(0) instanceof Long ? IntType.INSTANCE
                : l.get(0) instanceof Double ? FloatType.INSTANCE : l.get(0) instanceof Boolean ? BoolType.INSTANCE : TensorType.INSTANCE);
        else if (value instanceof dev.jitscope.ir.value.Tuple tu) {
            List<Value> items = new ArrayList<>();
            for (Object o : tu.items()) items.add(constant(o, r));
            Node tn = node(Node.TUPLE_CONSTRUCT, items, r);
            return tn.addOutput(new TupleType(items.stream().map(Value::type).toList()));
        }
        else t = AnyType.INSTANCE;
        n.addOutput(t);
        insert(n, r);
        return n.output();
    }

    private Node node(String kind, List<Value> inputs, SourceRange r) {
        Node n = graph.create(kind);
        for (Value v : inputs) n.addInput(v);
        insert(n, r);
        return n;
    }

    private Value op(String kind, List<Value> inputs, JitType out, SourceRange r) {
        return node(kind, inputs, r).addOutput(out);
    }

    private void insert(Node n, SourceRange r) {
        n.setRange(r);
        env.block.append(n);
    }
}
