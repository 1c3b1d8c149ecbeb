package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The modules a model file imports: torch (operators by name, dtypes, creation and random
 * functions), torch.nn (Module, Parameter, and the library's classes), torch.nn.functional and
 * torch.nn.init (the library's sources, else the aten operator of the same name), torch.jit, math,
 * typing, collections, warnings; and import statements binding them.
 */
final class Namespaces {
    /** torch.no_grad() / torch.enable_grad(): the only context managers `with` accepts (no-ops here). */
    static final Object GRAD_MODE = new Object() { @Override public String toString() { return "<grad mode>"; } };

    /** A typing name (List, Optional, Final, ...): subscripting it gives itself; it means nothing at runtime. */
    record TypingName(String name) { }

    /** torch.jit.export/ignore/unused imported by name: decorators recognise it. */
    record JitMarker(String name) implements NativeFunction {
        @Override public Object call(List<Object> args, Map<String, Object> kwargs, SourceRange range) {
            return args.isEmpty() ? null : args.get(0);
        }
    }

    private final Evaluator ev;
    final NativeNamespace torch, nn, jit, math, typing;
    private final NativeNamespace functionalFallback, initFallback, collections, warnings, empty, copy;

    Namespaces(Evaluator ev) {
        this.ev = ev;
        this.torch = new NativeNamespace("torch", this::torchAttr);
        this.nn = new NativeNamespace("torch.nn", this::nnAttr);
        this.jit = new NativeNamespace("torch.jit", this::jitAttr);
        this.math = new NativeNamespace("math", (n, r) -> MathFunctions.get(n));
        this.typing = new NativeNamespace("typing", (n, r) -> new TypingName(n));
        this.functionalFallback = new NativeNamespace("torch.nn.functional", (n, r) -> atenFunction(n));
        this.initFallback = new NativeNamespace("torch.nn.init", (n, r) -> atenFunction(n));
        this.collections = new NativeNamespace("collections", (n, r) -> n.equals("OrderedDict") ? BuiltinType.DICT : PyClass.MISSING);
        this.warnings = new NativeNamespace("warnings", (n, r) -> n.equals("warn") ? (NativeFunction) (a, k, rr) -> null : PyClass.MISSING);
        this.empty = new NativeNamespace("__future__", (n, r) -> null);
        this.copy = new NativeNamespace("copy", (n, r) -> switch (n) {
            case "deepcopy" -> (NativeFunction) (a, k, rr) -> new DeepCopy(ev).copy(a.get(0));
            case "copy" -> (NativeFunction) (a, k, rr) -> shallowCopy(a.get(0));
            default -> PyClass.MISSING;
        });
    }

    // ---------------------------------------------------------------- imports

    void importStmt(Ast.Import im, Frame f) {
        SourceRange r = im.range();
        if (im.module() == null) {
            for (Ast.ImportName n : im.names()) {
                Object m = module(n.name(), r);
                if (n.asName() != null) f.vars.put(n.asName(), m);
                else {
                    String top = n.name().contains(".") ? n.name().substring(0, n.name().indexOf('.')) : n.name();
                    f.vars.put(top, module(top, r));
                }
            }
            return;
        }
        String mod = absolute(im.module(), f.module, r);
        Object m = module(mod, r);
        for (Ast.ImportName n : im.names()) {
            if (n.name().equals("*")) throw new JitScopeException("'from " + im.module() + " import *' is not supported", r);
            Object v;
            try {
                v = ev.getAttr(m, n.name(), r);
            } catch (JitScopeException e) {
                Object sub = tryModule(mod + "." + n.name());
                if (sub == null) throw new JitScopeException("ImportError: cannot import name '" + n.name() + "' from '" + mod + "'", r);
                v = sub;
            }
            f.vars.put(n.asName() != null ? n.asName() : n.name(), v);
        }
    }

    /** Resolves a relative module name ('.module', '..functional') against the importing module. */
    private static String absolute(String module, ModuleScope from, SourceRange r) {
        if (!module.startsWith(".")) return module;
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') dots++;
        List<String> parts = new ArrayList<>(List.of(from.dottedName.isEmpty() ? new String[0] : from.dottedName.split("\\.")));
        for (int i = 0; i < dots && !parts.isEmpty(); i++) parts.remove(parts.size() - 1);
        if (parts.isEmpty() && dots > 0 && from.dottedName.isEmpty())
            throw new JitScopeException("ImportError: attempted relative import with no known parent package", r);
        String rest = module.substring(dots);
        String base = String.join(".", parts);
        return rest.isEmpty() ? base : base.isEmpty() ? rest : base + "." + rest;
    }

    Object module(String dotted, SourceRange r) {
        Object m = tryModule(dotted);
        if (m == null) throw new JitScopeException("ModuleNotFoundError: No module named '" + dotted + "' (the eager interpreter knows torch, "
                + "torch.nn, torch.nn.functional, torch.nn.init, torch.jit, math, typing, collections, copy, warnings)", r);
        return m;
    }

    private Object tryModule(String dotted) {
        switch (dotted) {
            case "torch": return torch;
            case "torch.nn", "torch.nn.modules": return nn;
            case "torch.nn.functional": return functional();
            case "torch.nn.init": return init();
            case "torch.jit": return jit;
            case "math": return math;
            case "typing", "typing_extensions": return typing;
            case "collections": return collections;
            case "warnings": return warnings;
            case "copy": return copy;
            case "__future__": return empty;
            case "torch.nn.parameter": return new NativeNamespace(dotted, (n, r) -> n.equals("Parameter") ? nnAttr(n, r) : PyClass.MISSING);
            case "torch.nn.modules.module": return new NativeNamespace(dotted, (n, r) -> n.equals("Module") ? BuiltinType.MODULE : PyClass.MISSING);
            case "torch.types", "torch._jit_internal": return typing;
            default: {
                ModuleScope lib = ev.libraryModule(dotted);
                return lib;
            }
        }
    }

    private Object functional() {
        ModuleScope lib = ev.libraryModule("torch.nn.functional");
        return lib != null ? lib : functionalFallback;
    }

    private Object init() {
        ModuleScope lib = ev.libraryModule("torch.nn.init");
        return lib != null ? lib : initFallback;
    }

    @SuppressWarnings("unchecked")
    private static Object shallowCopy(Object v) {
        if (v instanceof List<?> l) return new ArrayList<>(l);
        if (v instanceof Map<?, ?> m) return new java.util.LinkedHashMap<>((Map<Object, Object>) m);
        return v;
    }

    // ---------------------------------------------------------------- torch

    private Object torchAttr(String name, SourceRange r) {
        DType dt = dtype(name);
        if (dt != null) return ev.dtypeValue(dt.code);
        switch (name) {
            case "nn": return nn;
            case "jit": return jit;
            case "Tensor": return BuiltinType.TENSOR;
            case "Size": return BuiltinType.TUPLE;
            case "device": return (NativeFunction) (a, k, rr) -> a.get(0) instanceof Device d ? d : OpDispatcher.parseDevice((String) a.get(0));
            case "manual_seed": return (NativeFunction) (a, k, rr) -> { ev.manualSeed((Long) a.get(0)); return null; };
            case "no_grad": case "enable_grad": case "inference_mode": return (NativeFunction) (a, k, rr) -> GRAD_MODE;
            case "is_tensor": return (NativeFunction) (a, k, rr) -> a.get(0) instanceof Tensor;
            case "is_grad_enabled": return (NativeFunction) (a, k, rr) -> false;
            case "tensor": case "as_tensor": return (NativeFunction) this::tensor;
            case "empty": return atenFunctionRenamed("empty");
            case "functional": return functional();
            case "set_grad_enabled": return (NativeFunction) (a, k, rr) -> GRAD_MODE;
            default: return atenFunction(name);
        }
    }

    static DType dtype(String name) {
        return switch (name) {
            case "float32", "float" -> DType.FLOAT32;
            case "float64", "double" -> DType.FLOAT64;
            case "float16", "half" -> DType.FLOAT16;
            case "bfloat16" -> DType.BFLOAT16;
            case "int64", "long" -> DType.INT64;
            case "int32", "int" -> DType.INT32;
            case "int16", "short" -> DType.INT16;
            case "int8" -> DType.INT8;
            case "uint8" -> DType.UINT8;
            case "bool" -> DType.BOOL;
            default -> null;
        };
    }

    /** torch.tensor(data): nested lists/tuples (or a number) with Python's dtype inference. */
    private Object tensor(List<Object> a, Map<String, Object> k, SourceRange r) {
        if (a.isEmpty()) throw new JitScopeException("TypeError: tensor() missing required argument 'data'", r);
        Object data = lists(a.get(0));
        if (data instanceof Tensor t) return ev.ops.call("aten::clone", List.of(t), Map.of(), r);
        Map<String, Object> kw = new HashMap<>(k);
        kw.remove("requires_grad");
        return ev.ops.call("aten::tensor", List.of(data), kw, r);
    }

    private static Object lists(Object v) {
        if (v instanceof Tuple t) v = t.items();
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(lists(o));
            return out;
        }
        return v;
    }

    /** torch.xxx / F.xxx without a source definition: the aten operator of that name, or MISSING. */
    private Object atenFunction(String name) {
        String op = "aten::" + name;
        boolean known = ev.ops.has(op) || (name.endsWith("_") && ev.ops.has(op.substring(0, op.length() - 1)))
                // PyTorch has it but JitScope has no kernel: the name resolves, a call reports the missing kernel
                || !dev.jitscope.ir.schema.SchemaRegistry.global().overloads(op).isEmpty();
        if (!known) return PyClass.MISSING;
        return new OperatorFunction(op, (a, k, r) -> ev.ops.call(op, a, k, r));
    }

    private Object atenFunctionRenamed(String name) {
        return (NativeFunction) (a, k, r) -> ev.ops.call("aten::" + name, a, k, r);
    }

    // ---------------------------------------------------------------- torch.nn

    private Object nnAttr(String name, SourceRange r) {
        switch (name) {
            case "Module": return BuiltinType.MODULE;
            case "Parameter": return (NativeFunction) this::parameter;
            case "functional": return functional();
            case "init": return init();
            case "modules": return nn;
            default: break;
        }
        String dotted = ev.library.definingModule(name);
        if (dotted == null) return PyClass.MISSING;
        ModuleScope m = ev.libraryModule(dotted);
        if (m == null) return PyClass.MISSING;
        Object v = m.globals.get(name);
        return v == null ? PyClass.MISSING : v;
    }

    /** nn.Parameter(t): a tensor sharing t's storage, remembered as a parameter. */
    private Object parameter(List<Object> a, Map<String, Object> k, SourceRange r) {
        Object data = a.isEmpty() ? k.get("data") : a.get(0);
        if (data == null) data = Tensor.zeros(DType.FLOAT32, 0);
        if (!(data instanceof Tensor t)) throw new JitScopeException("TypeError: Parameter() expects a tensor, got " + PyRepr.typeName(data), r);
        Tensor p = new Tensor(t.storage(), t.shape().clone(), t.strides().clone(), t.offset());
        boolean grad = a.size() > 1 ? ev.truthy(a.get(1), r) : !k.containsKey("requires_grad") || ev.truthy(k.get("requires_grad"), r);
        p.setRequiresGrad(grad);
        ev.parameterTensors.add(p);
        return p;
    }

    // ---------------------------------------------------------------- torch.jit

    private Object jitAttr(String name, SourceRange r) {
        return switch (name) {
            case "export", "ignore", "unused", "script", "script_method", "interface", "_overload_method", "_overload" -> new JitMarker(name);
            case "is_scripting", "is_tracing" -> (NativeFunction) (a, k, rr) -> false;
            case "annotate" -> (NativeFunction) (a, k, rr) -> a.get(1);
            case "Attribute" -> (NativeFunction) (a, k, rr) -> a.get(0);
            case "Final" -> new TypingName("Final");
            default -> PyClass.MISSING;
        };
    }
}
