package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.ast.Ast.*;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.frontend.parser.Parser;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.kernels.cpu.RandomOps;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.Tensor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes the scripter's AST dynamically, as CPython would: statements over {@link Frame}s, Python
 * values, tensors through {@link OpDispatcher}. Everything the user wrote wrong is a
 * {@link JitScopeException} at the offending range.
 */
final class Evaluator {
    EagerObserver observer;
    PrintStream out;
    final LibraryResolver library;
    final OpDispatcher ops;
    final Taint taint = new Taint();
    final PyOps pyOps = new PyOps(this);
    final TensorAccess tensors = new TensorAccess(this);
    final ModuleSemantics modules = new ModuleSemantics(this);
    final Builtins builtins = new Builtins(this);
    final Namespaces namespaces;
    /** Tensors created by nn.Parameter(...): assignment to a module attribute registers them as parameters. */
    final Set<Tensor> parameterTensors = Collections.newSetFromMap(new IdentityHashMap<>());
    /** dtype values (torch.float32, x.dtype): plain Long ScalarType codes, remembered by identity so print() names them. */
    private final Set<Object> dtypeValues = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, ModuleScope> libraryModules = new HashMap<>();
    private int depth;

    private static final int MAX_DEPTH = 400;

    Evaluator(LibraryResolver library, PrintStream out) {
        this.library = library;
        this.out = out;
        this.ops = new OpDispatcher(OperatorRegistry.global(), this);
        this.namespaces = new Namespaces(this);
    }

    // ---------------------------------------------------------------- entry points

    ModuleScope loadMain(Source source) {
        ModuleScope scope = new ModuleScope("", source);
        run(scope);
        return scope;
    }

    /** A library module (an nn resource) by dotted name, loaded and run once per session; null if unknown. */
    ModuleScope libraryModule(String dotted) {
        ModuleScope m = libraryModules.get(dotted);
        if (m != null) return m;
        Source src = library.module(dotted);
        if (src == null) return null;
        m = new ModuleScope(dotted, src);
        libraryModules.put(dotted, m);   // before running: modules importing each other see it
        run(m);
        return m;
    }

    private void run(ModuleScope scope) {
        SourceFile file;
        try {
            file = Parser.parse(scope.source);
        } catch (JitScopeException e) {
            throw unsupportedKeyword(e);
        }
        scope.globals.put("__name__", scope.dottedName.isEmpty() ? "__main__" : scope.dottedName);
        Flow f = execBlock(file.body(), scope.frame);
        if (f != Flow.NORMAL) throw new JitScopeException("'" + f.name().toLowerCase() + "' outside function", scope.source.name());
    }

    /** The parser stops at Python keywords the language lacks with "expected ..."; say what is unsupported instead. */
    private static JitScopeException unsupportedKeyword(JitScopeException e) {
        for (String kw : List.of("yield", "async", "await")) {
            if (e.range() != null && e.getMessage().contains("found '" + kw + "'"))
                return new JitScopeException("'" + kw + "' is not supported (generators and coroutines cannot run in JitScope)", e.range());
        }
        return e;
    }

    Object instantiate(ModuleScope scope, String className, List<Object> args, Map<String, Object> kwargs) {
        Object c = scope.globals.get(className);
        if (!(c instanceof PyClass pc))
            throw new JitScopeException("no class '" + className + "' at the top level of " + scope.source.name(), scope.source.name());
        taint.clear();
        return construct(pc, args, kwargs == null ? Map.of() : kwargs, pc.definition().range());
    }

    Object callMethod(ModuleInstance self, String method, List<Object> args) {
        taint.clear();
        SourceRange r = self.type().definition().range();
        if (method.equals("forward")) return modules.callModule(self, new ArrayList<>(args), Map.of(), r);
        Object m = getAttr(self, method, r);
        return call(m, new ArrayList<>(args), Map.of(), r);
    }

    Object callGlobal(ModuleScope scope, String name, List<Object> args, Map<String, Object> kwargs) {
        Object f = scope.globals.get(name);
        if (f == null) throw new JitScopeException("no function '" + name + "' at the top level of " + scope.source.name(), scope.source.name());
        taint.clear();
        SourceRange r = f instanceof PyFunction fn ? fn.definition().range() : new SourceRange(scope.source, 0, 0);
        return call(f, new ArrayList<>(args), new LinkedHashMap<>(kwargs), r);
    }

    void manualSeed(long seed) { RandomOps.manualSeed(seed); }

    void checkInterrupted(SourceRange r) {
        if (Thread.currentThread().isInterrupted()) throw new JitScopeException("interrupted", r);
    }

    // ---------------------------------------------------------------- statements

    enum Flow { NORMAL, BREAK, CONTINUE, RETURN }

    Flow execBlock(List<Stmt> body, Frame f) {
        for (Stmt s : body) {
            Flow fl = exec(s, f);
            if (fl != Flow.NORMAL) return fl;
        }
        return Flow.NORMAL;
    }

    private Flow exec(Stmt s, Frame f) {
        if (s instanceof ExprStmt e) {
            eval(e.value(), f);
        } else if (s instanceof Assign a) {
            Object v = eval(a.value(), f);
            for (Expr t : a.targets()) assign(t, v, f);
        } else if (s instanceof AnnAssign a) {
            if (a.value() != null) assign(a.target(), eval(a.value(), f), f);
        } else if (s instanceof AugAssign a) {
            augAssign(a, f);
        } else if (s instanceof If i) {
            boolean c = condition(i.test(), f, DivergenceEvent.Kind.IF);
            return execBlock(c ? i.body() : i.orElse(), f);
        } else if (s instanceof While w) {
            while (condition(w.test(), f, DivergenceEvent.Kind.WHILE)) {
                checkInterrupted(w.range());
                Flow fl = execBlock(w.body(), f);
                if (fl == Flow.BREAK) break;
                if (fl == Flow.RETURN) return fl;
            }
        } else if (s instanceof For fo) {
            Iterator<Object> it = iterate(eval(fo.iter(), f), fo.iter().range());
            while (it.hasNext()) {
                checkInterrupted(fo.range());
                assign(fo.target(), it.next(), f);
                Flow fl = execBlock(fo.body(), f);
                if (fl == Flow.BREAK) break;
                if (fl == Flow.RETURN) return fl;
            }
        } else if (s instanceof Return r) {
            f.returnValue = r.value() == null ? null : eval(r.value(), f);
            return Flow.RETURN;
        } else if (s instanceof Break) {
            return Flow.BREAK;
        } else if (s instanceof Continue) {
            return Flow.CONTINUE;
        } else if (s instanceof FunctionDef d) {
            defineFunction(d, f);
        } else if (s instanceof ClassDef c) {
            defineClass(c, f);
        } else if (s instanceof Import im) {
            namespaces.importStmt(im, f);
        } else if (s instanceof Assert a) {
            if (!truthy(eval(a.test(), f), a.test().range())) {
                String msg = a.message() == null ? "" : ": " + PyRepr.str(eval(a.message(), f));
                throw new JitScopeException("AssertionError" + msg, a.range());
            }
        } else if (s instanceof Raise r) {
            throw raise(r, f);
        } else if (s instanceof Delete d) {
            for (Expr t : d.targets()) delete(t, f);
        } else if (s instanceof With w) {
            for (WithItem item : w.items()) {
                String path = item.context() instanceof Call c ? dottedPath(c.func()) : null;
                String last = path == null ? "" : path.substring(path.lastIndexOf('.') + 1);
                boolean gradMode = last.equals("no_grad") || last.equals("enable_grad") || last.equals("inference_mode")
                        || last.equals("set_grad_enabled");
                Object ctx = gradMode ? eval(item.context(), f) : null;
                if (ctx != Namespaces.GRAD_MODE)
                    throw new JitScopeException("'with' is not supported by the eager interpreter (only torch.no_grad() and torch.enable_grad())", item.range());
                if (item.target() != null) assign(item.target(), null, f);
            }
            return execBlock(w.body(), f);
        }
        return Flow.NORMAL;
    }

    private JitScopeException raise(Raise r, Frame f) {
        if (r.exception() == null) return new JitScopeException("RuntimeError: No active exception to reraise", r.range());
        Object e = eval(r.exception(), f);
        if (e instanceof PyException pe) return new JitScopeException(pe.toString(), r.range());
        if (e instanceof ExceptionType et) return new JitScopeException(et.name(), r.range());
        return new JitScopeException("TypeError: exceptions must derive from BaseException (raised " + PyRepr.typeName(e) + ")", r.range());
    }

    private void augAssign(AugAssign a, Frame f) {
        Object cur = eval(a.target(), f);
        Object rhs = eval(a.value(), f);
        Object v;
        if (cur instanceof Tensor t && inPlaceName(a.op()) != null) {
            // Python's __iadd__ on tensors writes in place (aliases see it)
            v = ops.call("aten::" + inPlaceName(a.op()), java.util.Arrays.asList(t, rhs), Map.of(), a.range());
        } else if (cur instanceof List<?> l && a.op() == TokenKind.PLUS) {
            @SuppressWarnings("unchecked") List<Object> lo = (List<Object>) l;
            Iterator<Object> it = iterate(rhs, a.value().range());
            while (it.hasNext()) lo.add(it.next());
            v = lo;
        } else {
            v = pyOps.binary(a.op(), cur, rhs, a.range());
        }
        assign(a.target(), v, f);
    }

    private static String inPlaceName(TokenKind op) {
        return switch (op) {
            case PLUS -> "add_"; case MINUS -> "sub_"; case STAR -> "mul_"; case SLASH -> "div_";
            default -> null;
        };
    }

    void assign(Expr target, Object v, Frame f) {
        if (target instanceof Name n) f.vars.put(n.id(), v);
        else if (target instanceof Attribute a) setAttr(eval(a.value(), f), a.name(), v, a.range());
        else if (target instanceof Subscript sub) setItem(eval(sub.value(), f), indexValues(sub, f), v, sub.range());
        else if (target instanceof TupleLit t) unpack(t.elts(), v, f, t.range());
        else if (target instanceof ListLit l) unpack(l.elts(), v, f, l.range());
        else throw new JitScopeException("cannot assign to this expression", target.range());
    }

    private void unpack(List<Expr> targets, Object v, Frame f, SourceRange r) {
        List<Object> items = new ArrayList<>();
        Iterator<Object> it = iterate(v, r);
        while (it.hasNext()) items.add(it.next());
        int star = -1;
        for (int i = 0; i < targets.size(); i++) if (targets.get(i) instanceof Starred) star = i;
        if (star < 0) {
            if (items.size() != targets.size())
                throw new JitScopeException("ValueError: " + (items.size() > targets.size() ? "too many values to unpack (expected "
                        + targets.size() + ")" : "not enough values to unpack (expected " + targets.size() + ", got " + items.size() + ")"), r);
            for (int i = 0; i < targets.size(); i++) assign(targets.get(i), items.get(i), f);
            return;
        }
        int after = targets.size() - star - 1;
        if (items.size() < targets.size() - 1)
            throw new JitScopeException("ValueError: not enough values to unpack (expected at least " + (targets.size() - 1) + ", got " + items.size() + ")", r);
        for (int i = 0; i < star; i++) assign(targets.get(i), items.get(i), f);
        assign(((Starred) targets.get(star)).value(), new ArrayList<>(items.subList(star, items.size() - after)), f);
        for (int i = 0; i < after; i++) assign(targets.get(star + 1 + i), items.get(items.size() - after + i), f);
    }

    private void delete(Expr t, Frame f) {
        if (t instanceof Name n) {
            if (!f.vars.containsKey(n.id())) throw new JitScopeException("NameError: name '" + n.id() + "' is not defined", t.range());
            f.vars.remove(n.id());
        } else if (t instanceof Subscript sub) {
            Object base = eval(sub.value(), f);
            List<Object> idx = indexValues(sub, f);
            if (base instanceof Map<?, ?> m) {
                Object k = PyOps.dictKey(idx.get(0));
                if (!m.containsKey(k)) throw new JitScopeException("KeyError: " + PyRepr.repr(idx.get(0)), sub.range());
                m.remove(k);
            } else if (base instanceof List<?> l && idx.get(0) instanceof Long i) {
                l.remove(normIndex(i, l.size(), sub.range()));
            } else {
                throw new JitScopeException("TypeError: '" + PyRepr.typeName(base) + "' object doesn't support item deletion", sub.range());
            }
        } else if (t instanceof Attribute a) {
            Object o = eval(a.value(), f);
            if (o instanceof PyObject po) po.attributes().remove(a.name());
        } else {
            throw new JitScopeException("cannot delete this expression", t.range());
        }
    }

    // ---------------------------------------------------------------- definitions

    private void defineFunction(FunctionDef d, Frame f) {
        Decorations dec = decorations(d.decorators(), f);
        if (dec.overloadOnly) return;
        PyFunction fn = new PyFunction(d, f, null, defaults(d, f));
        f.vars.put(d.name(), dec.staticMethod ? new StaticMethod(fn) : fn);
    }

    private List<Object> defaults(FunctionDef d, Frame f) {
        List<Object> out = new ArrayList<>();
        for (Param p : d.params()) out.add(p.defaultValue() == null ? PyFunction.NO_DEFAULT : eval(p.defaultValue(), f));
        return out;
    }

    private record Decorations(boolean export, boolean ignore, boolean staticMethod, boolean overloadOnly) { }

    /** torch.jit decorators are recorded; staticmethod works; any other decorator is unsupported. */
    private Decorations decorations(List<Expr> decorators, Frame f) {
        boolean export = false, ignore = false, stat = false, overload = false;
        for (Expr e : decorators) {
            Expr target = e instanceof Call c ? c.func() : e;
            String path = dottedPath(target);
            String last = path == null ? "" : path.substring(path.lastIndexOf('.') + 1);
            boolean jit = path != null && (path.startsWith("torch.jit.") || path.startsWith("jit.") || isJitImport(path, f));
            if (jit && last.equals("export")) export = true;
            else if (jit && (last.equals("ignore") || last.equals("unused"))) ignore = true;
            else if (jit && (last.equals("_overload_method") || last.equals("_overload"))) overload = true;
            else if (jit && (last.equals("script") || last.equals("script_method") || last.equals("interface"))) { }
            else if ("staticmethod".equals(path)) stat = true;
            else throw new JitScopeException("decorator '" + (path == null ? "?" : path) + "' is not supported (only @torch.jit.export, "
                        + "@torch.jit.ignore, @torch.jit.unused and @staticmethod)", e.range());
        }
        return new Decorations(export, ignore, stat, overload);
    }

    private static boolean isJitImport(String path, Frame f) {
        // `from torch.jit import export` style: the name is bound to a jit marker
        Object v = f.lookup(path);
        return v instanceof Namespaces.JitMarker;
    }

    static String dottedPath(Expr e) {
        if (e instanceof Name n) return n.id();
        if (e instanceof Attribute a) {
            String p = dottedPath(a.value());
            return p == null ? null : p + "." + a.name();
        }
        return null;
    }

    private void defineClass(ClassDef c, Frame outer) {
        if (!c.decorators().isEmpty()) throw new JitScopeException("class decorators are not supported", c.decorators().get(0).range());
        PyClass base = null;
        boolean module = false;
        for (Expr b : c.bases()) {
            Object bv = eval(b, outer);
            if (bv instanceof PyClass pc) {
                if (base != null) throw new JitScopeException("multiple inheritance is not supported", b.range());
                base = pc;
                module |= pc.isModule();
            } else if (bv == BuiltinType.MODULE) {
                module = true;
            } else if (bv != BuiltinType.OBJECT) {
                throw new JitScopeException("unsupported base class " + PyRepr.str(bv) + " (a class may derive from nn.Module or a class of this file)", b.range());
            }
        }
        ModuleScope scope = outer.module;
        PyClass cls = new PyClass(c.name(), scope.qualifiedPrefix() + c.name(), scope.source, c, base, module);
        Frame body = new Frame(new LinkedHashMap<>(), outer, scope, null, null);
        for (Stmt s : c.body()) {
            if (s instanceof FunctionDef d) {
                Decorations dec = decorations(d.decorators(), outer);
                if (dec.overloadOnly) continue;
                PyFunction fn = new PyFunction(d, outer, cls, defaults(d, body));
                if (dec.staticMethod) cls.classAttributes.put(d.name(), new StaticMethod(fn));
                else cls.methods.put(d.name(), fn);
                if (dec.export) cls.exported.add(d.name());
                if (dec.ignore) cls.ignored.add(d.name());
            } else if (s instanceof AnnAssign a && a.target() instanceof Name n) {
                cls.annotations.put(n.id(), a.annotation());
                if (isFinal(a.annotation())) cls.constants.add(n.id());
                if (a.value() != null) {
                    Object v = eval(a.value(), body);
                    body.vars.put(n.id(), v);
                    cls.classAttributes.put(n.id(), v);
                }
            } else if (s instanceof Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Name n) {
                Object v = eval(a.value(), body);
                body.vars.put(n.id(), v);
                cls.classAttributes.put(n.id(), v);
                if (n.id().equals("__constants__")) {
                    Iterator<Object> it = iterate(v, a.value().range());
                    while (it.hasNext()) if (it.next() instanceof String str) cls.constants.add(str);
                }
            } else if (s instanceof ExprStmt e && e.value() instanceof Const) {
                // docstring
            } else if (!(s instanceof Pass)) {
                Flow fl = exec(s, body);
                if (fl != Flow.NORMAL) throw new JitScopeException("'" + fl.name().toLowerCase() + "' outside function", s.range());
            }
        }
        outer.vars.put(c.name(), cls);
    }

    private static boolean isFinal(Expr ann) {
        Expr head = ann instanceof Subscript s ? s.value() : ann;
        String p = dottedPath(head);
        return p != null && (p.equals("Final") || p.endsWith(".Final"));
    }

    // ---------------------------------------------------------------- calls

    Object call(Object callee, List<Object> args, Map<String, Object> kw, SourceRange r) {
        checkInterrupted(r);
        if (callee instanceof PyFunction fn) return invoke(fn, args, kw, r);
        if (callee instanceof BoundMethod bm) {
            List<Object> a = new ArrayList<>(args.size() + 1);
            a.add(bm.self());
            a.addAll(args);
            return invoke(bm.function(), a, kw, r);
        }
        if (callee instanceof StaticMethod sm) return invoke(sm.function(), args, kw, r);
        if (callee instanceof NativeFunction nf) {
            try {
                return nf.call(args, kw, r);
            } catch (JitScopeException e) {
                throw e;
            } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
                // a builtin given arguments of the wrong kind or number
                throw new JitScopeException("TypeError: bad arguments (" + describeArgs(args) + ") for this call", r, null, e);
            }
        }
        if (callee instanceof PyClass pc) return construct(pc, args, kw, r);
        if (callee instanceof BuiltinType bt) return builtins.convert(bt, args, kw, r);
        if (callee instanceof ExceptionType et) return new PyException(et.name(), args.isEmpty() ? "" : PyRepr.str(args.get(0)));
        if (callee instanceof ModuleInstance m) return modules.callModule(m, args, kw, r);
        if (callee instanceof PyObject o && o.type().findMethod("__call__") != null)
            return call(new BoundMethod(o, o.type().findMethod("__call__")), args, kw, r);
        if (callee instanceof Namespaces.TypingName) return args.isEmpty() ? null : args.get(0);
        throw new JitScopeException("TypeError: '" + PyRepr.typeName(callee) + "' object is not callable", r);
    }

    private static String describeArgs(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (Object a : args) sb.append(sb.length() > 0 ? ", " : "").append(PyRepr.typeName(a));
        return sb.toString();
    }

    Object construct(PyClass pc, List<Object> args, Map<String, Object> kw, SourceRange r) {
        PyObject obj = pc.isModule() ? new ModuleInstance(pc) : new PyObject(pc);
        PyFunction init = pc.findMethod("__init__");
        if (init != null) {
            List<Object> a = new ArrayList<>(args.size() + 1);
            a.add(obj);
            a.addAll(args);
            invoke(init, a, kw, r);
        } else {
            if (!args.isEmpty() || !kw.isEmpty()) throw new JitScopeException("TypeError: " + pc.name() + "() takes no arguments", r);
            if (obj instanceof ModuleInstance m) m.markInitialized();
        }
        return obj;
    }

    /** Binds arguments to the def's parameters (positional, *args, keyword, **kwargs, defaults) and runs the body. */
    Object invoke(PyFunction fn, List<Object> args, Map<String, Object> kw, SourceRange r) {
        FunctionDef d = fn.definition();
        List<Param> params = d.params();
        Object[] slots = new Object[params.size()];
        boolean[] set = new boolean[params.size()];
        int varArgs = -1, varKw = -1, positional = 0;
        for (int i = 0; i < params.size(); i++) {
            Ast.ParamKind kind = params.get(i).kind();
            if (kind == Ast.ParamKind.VAR_POSITIONAL) varArgs = i;
            else if (kind == Ast.ParamKind.VAR_KEYWORD) varKw = i;
            else if (!params.get(i).keywordOnly() && varArgs < 0) positional++;
        }
        if (args.size() > positional && varArgs < 0)
            throw new JitScopeException("TypeError: " + d.name() + "() takes " + positional + " positional argument(s) but "
                    + args.size() + " were given", r);
        for (int i = 0; i < Math.min(args.size(), positional); i++) { slots[i] = args.get(i); set[i] = true; }
        if (varArgs >= 0) {
            slots[varArgs] = new Tuple(new ArrayList<>(args.subList(Math.min(args.size(), positional), args.size())));
            set[varArgs] = true;
        }
        Map<Object, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> k : kw.entrySet()) {
            int i = -1;
            for (int j = 0; j < params.size(); j++)
                if (params.get(j).kind() == Ast.ParamKind.PLAIN && params.get(j).name().equals(k.getKey())) i = j;
            if (i < 0) {
                if (varKw < 0) throw new JitScopeException("TypeError: " + d.name() + "() got an unexpected keyword argument '" + k.getKey() + "'", r);
                extra.put(k.getKey(), k.getValue());
                continue;
            }
            if (set[i]) throw new JitScopeException("TypeError: " + d.name() + "() got multiple values for argument '" + k.getKey() + "'", r);
            slots[i] = k.getValue();
            set[i] = true;
        }
        if (varKw >= 0) { slots[varKw] = extra; set[varKw] = true; }
        for (int i = 0; i < slots.length; i++) {
            if (set[i]) continue;
            Object dflt = fn.defaults().get(i);
            if (dflt == PyFunction.NO_DEFAULT)
                throw new JitScopeException("TypeError: " + d.name() + "() missing required argument '" + params.get(i).name() + "'", r);
            slots[i] = dflt;
        }
        if (++depth > MAX_DEPTH) {
            depth = 0;
            throw new JitScopeException("RecursionError: maximum recursion depth exceeded in " + d.name() + "()", r);
        }
        try {
            Frame frame = Frame.call(fn.closure(), fn.owner(), slots.length > 0 ? slots[0] : null);
            for (int i = 0; i < slots.length; i++) frame.vars.put(params.get(i).name(), slots[i]);
            Flow fl = execBlock(d.body(), frame);
            return fl == Flow.RETURN ? frame.returnValue : null;
        } finally {
            depth = Math.max(0, depth - 1);
        }
    }

    // ---------------------------------------------------------------- attributes and items

    Object getAttr(Object obj, String name, SourceRange r) {
        if (obj instanceof ModuleScope m) {
            Object v = m.globals.getOrDefault(name, PyClass.MISSING);
            if (v != PyClass.MISSING) return v;
            ModuleScope sub = libraryModule(m.dottedName + "." + name);
            if (sub != null) return sub;
            throw new JitScopeException("AttributeError: module '" + m.dottedName + "' has no attribute '" + name + "'", r);
        }
        if (obj instanceof NativeNamespace ns) {
            Object v = ns.get(name, r);
            if (v == PyClass.MISSING) throw new JitScopeException("AttributeError: module '" + ns.name + "' has no attribute '" + name + "'", r);
            return v;
        }
        if (obj instanceof ModuleInstance m) return modules.getAttr(m, name, r);
        if (obj instanceof PyObject o) {
            Object v = o.attributes().getOrDefault(name, PyClass.MISSING);
            if (v != PyClass.MISSING) return v;
            Object c = classMember(o.type(), o, name);
            if (c != PyClass.MISSING) return c;
            if (name.equals("__class__")) return o.type();
            throw noAttribute(obj, name, r);
        }
        if (obj instanceof PyClass c) {
            if (name.equals("__name__") || name.equals("__qualname__")) return c.name();
            PyFunction f = c.findMethod(name);
            if (f != null) return f;
            Object v = c.findClassAttribute(name);
            if (v != PyClass.MISSING) return v;
            throw new JitScopeException("AttributeError: type object '" + c.name() + "' has no attribute '" + name + "'", r);
        }
        if (obj instanceof SuperProxy s) return superAttr(s, name, r);
        if (obj instanceof Tensor t) return tensors.getAttr(t, name, r);
        if (obj instanceof PyException e) {
            if (name.equals("args")) return Tuple.of(e.message());
            throw noAttribute(obj, name, r);
        }
        if (obj instanceof Tuple t) {
            Object field = ops.namedField(t, name);
            if (field != PyClass.MISSING) return field;
        }
        Object v = builtins.method(obj, name, r);
        if (v != PyClass.MISSING) return v;
        throw noAttribute(obj, name, r);
    }

    /** A method (bound), static method or class attribute found on the class chain, or MISSING. */
    Object classMember(PyClass type, Object self, String name) {
        PyFunction f = type.findMethod(name);
        if (f != null) return new BoundMethod(self, f);
        Object v = type.findClassAttribute(name);
        if (v instanceof StaticMethod sm) return sm.function();
        return v;
    }

    private Object superAttr(SuperProxy s, String name, SourceRange r) {
        PyClass base = s.owner().base();
        if (base != null) {
            PyFunction f = base.findMethod(name);
            if (f != null) return new BoundMethod(s.self(), f);
            Object v = base.findClassAttribute(name);
            if (v != PyClass.MISSING) return v;
        }
        if (s.owner().isModule() && s.self() instanceof ModuleInstance m) {
            Object v = modules.nativeMethod(m, name, r);
            if (v != PyClass.MISSING) return v;
        }
        if (name.equals("__init__")) return (NativeFunction) (a, k, rr) -> null;   // object.__init__
        throw new JitScopeException("AttributeError: 'super' object has no attribute '" + name + "'", r);
    }

    JitScopeException noAttribute(Object obj, String name, SourceRange r) {
        return new JitScopeException("AttributeError: '" + PyRepr.typeName(obj) + "' object has no attribute '" + name + "'", r);
    }

    void setAttr(Object obj, String name, Object v, SourceRange r) {
        if (obj instanceof ModuleInstance m) modules.setAttr(m, name, v, r);
        else if (obj instanceof PyObject o) o.attributes().put(name, v);
        else if (obj instanceof ModuleScope m) m.globals.put(name, v);
        else if (obj instanceof PyClass c) c.classAttributes.put(name, v);
        else if (obj instanceof Tensor t && name.equals("requires_grad")) t.setRequiresGrad(truthy(v, r));
        else if (obj instanceof Tensor t && name.equals("data") && v instanceof Tensor src) ops.call("aten::copy_", java.util.Arrays.asList(t, src), Map.of(), r);
        else throw new JitScopeException("AttributeError: cannot set attribute '" + name + "' of '" + PyRepr.typeName(obj) + "' object", r);
    }

    /** Index values of a subscript: slices become {@link PySlice}, '...' becomes {@link #ELLIPSIS}. */
    List<Object> indexValues(Subscript s, Frame f) {
        List<Object> out = new ArrayList<>(s.indices().size());
        for (Expr e : s.indices()) out.add(indexValue(e, f));
        return out;
    }

    private Object indexValue(Expr e, Frame f) {
        if (e instanceof Slice sl) {
            return new PySlice(sl.lower() == null ? null : eval(sl.lower(), f), sl.upper() == null ? null : eval(sl.upper(), f),
                    sl.step() == null ? null : eval(sl.step(), f));
        }
        if (e instanceof EllipsisLit) return ELLIPSIS;
        return eval(e, f);
    }

    static final Object ELLIPSIS = new Object() { @Override public String toString() { return "Ellipsis"; } };

    Object getItem(Object base, List<Object> idx, SourceRange r) {
        if (base instanceof Tensor t) return tensors.index(t, idx, r);
        if (idx.size() != 1) {
            if (base instanceof Map<?, ?> m) return dictGet(m, new Tuple(new ArrayList<>(idx)), r);
            throw new JitScopeException("TypeError: '" + PyRepr.typeName(base) + "' indices must be integers or slices, not tuple", r);
        }
        Object i = idx.get(0);
        if (base instanceof List<?> l) {
            if (i instanceof PySlice sl) return new ArrayList<>(sl.apply(l, r, this));
            return l.get(normIndex(intIndex(i, r), l.size(), r));
        }
        if (base instanceof Tuple t) {
            if (i instanceof PySlice sl) return new Tuple(new ArrayList<>(sl.apply(t.items(), r, this)));
            return t.get(normIndex(intIndex(i, r), t.size(), r));
        }
        if (base instanceof String str) {
            if (i instanceof PySlice sl) {
                List<Object> chars = new ArrayList<>();
                for (char c : str.toCharArray()) chars.add(String.valueOf(c));
                StringBuilder sb = new StringBuilder();
                for (Object c : sl.apply(chars, r, this)) sb.append(c);
                return sb.toString();
            }
            return String.valueOf(str.charAt(normIndex(intIndex(i, r), str.length(), r)));
        }
        if (base instanceof Map<?, ?> m) return dictGet(m, i, r);
        if (base instanceof PyObject o && o.type().findMethod("__getitem__") != null)
            return call(new BoundMethod(o, o.type().findMethod("__getitem__")), new ArrayList<>(java.util.Arrays.asList(i)), Map.of(), r);
        if (base instanceof ModuleInstance m) return modules.getItem(m, i, r);
        if (base instanceof PyClass || base instanceof Namespaces.TypingName || base instanceof BuiltinType) return base;   // List[int] and friends
        throw new JitScopeException("TypeError: '" + PyRepr.typeName(base) + "' object is not subscriptable", r);
    }

    private Object dictGet(Map<?, ?> m, Object key, SourceRange r) {
        Object k = PyOps.dictKey(key);
        if (!m.containsKey(k)) throw new JitScopeException("KeyError: " + PyRepr.repr(key), r);
        return m.get(k);
    }

    long intIndex(Object i, SourceRange r) {
        if (i instanceof Long l) return l;
        if (i instanceof Boolean b) return b ? 1 : 0;
        if (i instanceof Tensor t && t.numel() == 1 && !t.dtype().isFloatingPoint()) return (long) t.getDouble(0);
        throw new JitScopeException("TypeError: indices must be integers or slices, not " + PyRepr.typeName(i), r);
    }

    static int normIndex(long i, int size, SourceRange r) {
        long k = i < 0 ? i + size : i;
        if (k < 0 || k >= size) throw new JitScopeException("IndexError: index " + i + " is out of range", r);
        return (int) k;
    }

    @SuppressWarnings("unchecked")
    void setItem(Object base, List<Object> idx, Object v, SourceRange r) {
        if (base instanceof Tensor t) {
            tensors.setIndex(t, idx, v, r);
        } else if (base instanceof List<?> l && idx.size() == 1) {
            List<Object> lo = (List<Object>) l;
            if (idx.get(0) instanceof PySlice sl) sl.assign(lo, iterateToList(v, r), r, this);
            else lo.set(normIndex(intIndex(idx.get(0), r), l.size(), r), v);
        } else if (base instanceof Map<?, ?> m) {
            ((Map<Object, Object>) m).put(PyOps.dictKey(idx.size() == 1 ? idx.get(0) : new Tuple(new ArrayList<>(idx))), v);
        } else if (base instanceof PyObject o && o.type().findMethod("__setitem__") != null) {
            call(new BoundMethod(o, o.type().findMethod("__setitem__")), new ArrayList<>(java.util.Arrays.asList(idx.get(0), v)), Map.of(), r);
        } else {
            throw new JitScopeException("TypeError: '" + PyRepr.typeName(base) + "' object does not support item assignment", r);
        }
    }

    // ---------------------------------------------------------------- iteration and truth

    /** Python iteration over a value; iterating a tensor is a LOOP divergence (its length is baked in). */
    @SuppressWarnings("unchecked")
    Iterator<Object> iterate(Object v, SourceRange r) {
        if (v instanceof List<?> l) return (Iterator<Object>) new ArrayList<>(l).iterator();
        if (v instanceof Tuple t) return t.items().iterator();
        if (v instanceof PyRange pr) return pr.iterator();
        if (v instanceof Map<?, ?> m) return (Iterator<Object>) new ArrayList<>(m.keySet()).iterator();
        if (v instanceof String s) {
            List<Object> chars = new ArrayList<>();
            for (char c : s.toCharArray()) chars.add(String.valueOf(c));
            return chars.iterator();
        }
        if (v instanceof Tensor t) {
            if (t.dim() == 0) throw new JitScopeException("TypeError: iteration over a 0-d tensor", r);
            long n = t.shape()[0];
            divergence(DivergenceEvent.Kind.LOOP, r, n, "iterating over a tensor of length " + n);
            List<Object> rows = new ArrayList<>();
            for (long i = 0; i < n; i++) rows.add(ops.call("aten::select", java.util.Arrays.asList(t, 0L, i), Map.of(), r));
            return rows.iterator();
        }
        if (v instanceof PyObject o && o.type().findMethod("__iter__") != null)
            return iterate(call(new BoundMethod(o, o.type().findMethod("__iter__")), new ArrayList<>(), Map.of(), r), r);
        if (v instanceof ModuleInstance m) return modules.iterate(m, r);
        if (v instanceof Iterator<?> it) return (Iterator<Object>) it;
        throw new JitScopeException("TypeError: '" + PyRepr.typeName(v) + "' object is not iterable", r);
    }

    List<Object> iterateToList(Object v, SourceRange r) {
        List<Object> out = new ArrayList<>();
        Iterator<Object> it = iterate(v, r);
        while (it.hasNext()) out.add(it.next());
        return out;
    }

    /** An if/while condition: a tensor or a tensor-derived bool is reported as a divergence of that kind. */
    private boolean condition(Expr test, Frame f, DivergenceEvent.Kind kind) {
        Object v = eval(test, f);
        if (v instanceof Tensor t) {
            boolean b = tensors.toBool(t, test.range());
            divergence(kind, test.range(), b, "bool() of a tensor decides the " + (kind == DivergenceEvent.Kind.IF ? "branch" : "loop"));
            return b;
        }
        boolean b = truthy(v, test.range());
        if (taint.is(v))
            divergence(kind, test.range(), b, "a value computed from a tensor's shape or data decides the "
                    + (kind == DivergenceEvent.Kind.IF ? "branch" : "loop"));
        return b;
    }

    /** Python truthiness; bool() of a tensor outside a condition is a SCALAR divergence. */
    boolean truthy(Object v, SourceRange r) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Long l) return l != 0;
        if (v instanceof Double d) return d != 0;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof List<?> l) return !l.isEmpty();
        if (v instanceof Tuple t) return t.size() > 0;
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        if (v instanceof PyRange pr) return pr.length() > 0;
        if (v instanceof Tensor t) {
            boolean b = tensors.toBool(t, r);
            divergence(DivergenceEvent.Kind.SCALAR, r, b, "bool() of a tensor");
            return b;
        }
        if (v instanceof PyObject o && o.type().findMethod("__len__") != null) return builtins.len(o, r) != 0;
        return true;
    }

    /** str(v): nn modules print their tree as PyTorch does; everything else as {@link PyRepr#str}. */
    String str(Object v, SourceRange r) {
        if (v instanceof ModuleInstance m) return modules.repr(m, r);
        if (v instanceof Long code && dtypeValues.contains(v)) return "torch." + dev.jitscope.tensor.DType.fromCode((int) (long) code).torchName;
        if (v instanceof PyObject o && o.type().findMethod("__str__") != null)
            return PyRepr.str(call(classMember(o.type(), o, "__str__"), new ArrayList<>(), Map.of(), r));
        if (v instanceof PyObject o && o.type().findMethod("__repr__") != null)
            return PyRepr.str(call(classMember(o.type(), o, "__repr__"), new ArrayList<>(), Map.of(), r));
        return PyRepr.str(v);
    }

    @SuppressWarnings({"removal", "deprecation"})
    Object dtypeValue(long code) {
        Object v = new Long(code);
        dtypeValues.add(v);
        return v;
    }

    void divergence(DivergenceEvent.Kind kind, SourceRange r, Object value, String detail) {
        if (observer != null) observer.onDivergence(new DivergenceEvent(kind, r, value, detail));
    }

    // ---------------------------------------------------------------- expressions

    Object eval(Expr e, Frame f) {
        if (e instanceof Name n) return lookup(n, f);
        if (e instanceof Const c) return c.value();
        if (e instanceof Call c) return evalCall(c, f);
        if (e instanceof Attribute a) return getAttr(eval(a.value(), f), a.name(), a.range());
        if (e instanceof BinOp b) return pyOps.binary(b.op(), eval(b.left(), f), eval(b.right(), f), b.range());
        if (e instanceof Subscript s) return getItem(eval(s.value(), f), indexValues(s, f), s.range());
        if (e instanceof Compare c) {
            Object left = eval(c.left(), f);
            Object result = Boolean.TRUE;
            for (int i = 0; i < c.ops().size(); i++) {
                Object right = eval(c.comparators().get(i), f);
                result = pyOps.compare(c.ops().get(i), left, right, c.range());
                if (i + 1 < c.ops().size() && !truthy(result, c.range())) return result;
                left = right;
            }
            return result;
        }
        if (e instanceof UnaryOp u) return pyOps.unary(u.op(), eval(u.operand(), f), u.range());
        if (e instanceof BoolOp b) {
            Object l = eval(b.left(), f);
            boolean lt = truthy(l, b.left().range());
            if (b.op() == TokenKind.AND) return lt ? eval(b.right(), f) : l;
            return lt ? l : eval(b.right(), f);
        }
        if (e instanceof IfExp i) return truthy(eval(i.test(), f), i.test().range()) ? eval(i.body(), f) : eval(i.orElse(), f);
        if (e instanceof ListLit l) return elements(l.elts(), f);
        if (e instanceof TupleLit t) return new Tuple(elements(t.elts(), f));
        if (e instanceof DictLit d) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) m.put(PyOps.dictKey(eval(d.keys().get(i), f)), eval(d.values().get(i), f));
            return m;
        }
        if (e instanceof FString fs) {
            List<Object> vals = new ArrayList<>();
            for (Expr x : fs.values()) vals.add(eval(x, f));
            return PyFormat.format(fs.template(), vals, Map.of(), fs.range());
        }
        if (e instanceof ListComp lc) {
            List<Object> outList = new ArrayList<>();
            Frame inner = new Frame(new HashMap<>(), f, f.module, f.ownerClass, f.self);
            Iterator<Object> it = iterate(eval(lc.iter(), f), lc.iter().range());
            while (it.hasNext()) {
                checkInterrupted(lc.range());
                assign(lc.target(), it.next(), inner);
                if (lc.cond() == null || truthy(eval(lc.cond(), inner), lc.cond().range())) outList.add(eval(lc.elt(), inner));
            }
            return outList;
        }
        if (e instanceof DictComp dc) {
            Map<Object, Object> m = new LinkedHashMap<>();
            Frame inner = new Frame(new HashMap<>(), f, f.module, f.ownerClass, f.self);
            Iterator<Object> it = iterate(eval(dc.iter(), f), dc.iter().range());
            while (it.hasNext()) {
                checkInterrupted(dc.range());
                assign(dc.target(), it.next(), inner);
                if (dc.cond() == null || truthy(eval(dc.cond(), inner), dc.cond().range()))
                    m.put(PyOps.dictKey(eval(dc.key(), inner)), eval(dc.value(), inner));
            }
            return m;
        }
        if (e instanceof EllipsisLit) return ELLIPSIS;
        if (e instanceof SetLit s) throw new JitScopeException("set literals are not supported", s.range());
        if (e instanceof Slice s) throw new JitScopeException("a slice is only valid inside []", s.range());
        if (e instanceof Starred s) throw new JitScopeException("can't use starred expression here", s.range());
        throw new JitScopeException("unsupported expression", e.range());
    }

    private List<Object> elements(List<Expr> elts, Frame f) {
        List<Object> out = new ArrayList<>(elts.size());
        for (Expr x : elts) {
            if (x instanceof Starred s) out.addAll(iterateToList(eval(s.value(), f), s.range()));
            else out.add(eval(x, f));
        }
        return out;
    }

    private Object lookup(Name n, Frame f) {
        Object v = f.lookup(n.id());
        if (v != PyClass.MISSING) return v;
        if (n.id().equals("super")) return builtins.superFunction(f);
        v = builtins.get(n.id());
        if (v != PyClass.MISSING) return v;
        throw new JitScopeException("NameError: name '" + n.id() + "' is not defined", n.range());
    }

    private Object evalCall(Call c, Frame f) {
        Object callee;
        // super() needs the calling frame; everything else is an ordinary value
        if (c.func() instanceof Name n && n.id().equals("super") && f.lookup("super") == PyClass.MISSING) {
            return builtins.makeSuper(c, f, this);
        }
        callee = eval(c.func(), f);
        List<Object> args = new ArrayList<>(c.args().size());
        for (Expr a : c.args()) {
            if (a instanceof Starred s) args.addAll(iterateToList(eval(s.value(), f), s.range()));
            else args.add(eval(a, f));
        }
        Map<String, Object> kw = c.keywords().isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (Keyword k : c.keywords()) kw.put(k.name(), eval(k.value(), f));
        return call(callee, args, kw, c.range());
    }
}
