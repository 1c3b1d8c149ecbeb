package dev.jitscope.trace.record;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.schema.Argument;
import dev.jitscope.ir.transform.DeadCodeElimination;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.runtime.OpSchema;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the graph of a trace from the operators an eager run executes, as PyTorch's tracer does:
 * every tensor object is mapped (by identity) to the graph value that produced it; an operator whose
 * result holds a tensor becomes a node of its schema's kind with all of the schema's arguments
 * (Python values as {@code prim::Constant}, lists as {@code prim::ListConstruct}); parameters and
 * buffers are reached from {@code self} through {@code prim::GetAttr} chains, created where they are
 * first used. Everything else a Python value computed is baked in as a constant.
 *
 * <pre>
 *   y = self.linear(x)     %linear = prim::GetAttr[name="linear"](%self)
 *                          %weight = prim::GetAttr[name="weight"](%linear)  ...
 *                          %y : Float(3, 4) = aten::linear(%x, %weight, %bias)
 * </pre>
 *
 * <p>Sizes stay symbolic as in PyTorch's tracer: {@code x.size(0)} / {@code x.shape} record
 * {@code aten::size} and the int it returned maps to that node, so {@code torch.zeros(x.size(1), 6)}
 * follows the batch size. NB: Python ints are plain {@code Long}s and small ones are shared boxes
 * ({@code Long.valueOf}), so only a size the eager interpreter boxed afresh (it marks every
 * tensor-derived number that way) can be told apart from a literal; arithmetic on sizes is done in
 * Python and its result is a constant here (the eager run reports it as a divergence site).
 */
public final class TraceRecorder {
    private final Graph graph = new Graph();
    private final Value self;
    private final Map<Object, Value> tensors = new IdentityHashMap<>();
    /** Sizes read from tensors, by identity of the boxed number the eager run handed out. */
    private final Map<Object, Value> sizes = new IdentityHashMap<>();
    private final Map<Object, AttributePath> attributes = new IdentityHashMap<>();
    private final Map<String, JitType> moduleTypes = new HashMap<>();
    private final Map<String, Value> moduleValues = new HashMap<>();
    private boolean finished;
    /** Tells whether a tensor this frame does not know belongs to an enclosing frame (a capture). */
    private java.util.function.Predicate<Object> enclosingKnows = t -> false;
    private boolean captured;

    /** Where a parameter or buffer lives: the dotted path of its module ("" = root) and its name. */
    private record AttributePath(String module, String name) { }

    public TraceRecorder(JitType selfType) {
        self = graph.addInput("self", selfType);
        moduleTypes.put("", selfType);
        moduleValues.put("", self);
    }

    public Graph graph() { return graph; }

    /** For a submodule's frame: how to recognise tensors of the frames around it. */
    void setEnclosing(java.util.function.Predicate<Object> knows) { enclosingKnows = knows; }

    /** Whether this frame used a tensor of an enclosing frame that was not passed in. */
    boolean captured() { return captured; }

    /** Whether {@code t} has a value here (an input, a recorded result or a declared attribute). */
    boolean knows(Object t) { return tensors.containsKey(t) || attributes.containsKey(t) || enclosingKnows.test(t); }

    /** Whether {@code v} can be a graph input of a submodule's traced forward. */
    static boolean traceable(Object v) {
        if (v instanceof Tensor) return true;
        if (v instanceof Tuple t) return !t.items().isEmpty() && t.items().stream().allMatch(TraceRecorder::traceable);
        if (v instanceof List<?> l) return !l.isEmpty() && l.stream().allMatch(o -> o instanceof Tensor);
        return false;
    }

    /**
     * Records {@code prim::CallMethod[name=method]} on the submodule at {@code modulePath} with the
     * argument values, and maps what the call returned (a tensor, or a tuple of tensors) to its output.
     */
    void recordCall(String modulePath, String method, List<Object> args, Object result, JitType resultType, SourceRange range) {
        List<Value> inputs = new ArrayList<>();
        inputs.add(moduleValue(modulePath));
        for (Object a : args) inputs.add(valueOf(a, null, range));
        Node call = append(graph.create(Node.CALL_METHOD, inputs, 0), range);
        call.setAttr("name", method);
        Value out = call.addOutput(resultType);
        bindStructure(out, result);
    }

    /** Declares the submodule at {@code path} ("linear", "block.0") and its type, for GetAttr chains. */
    public void declareModule(String path, JitType type) {
        moduleTypes.put(path, type);
    }

    /** Declares a parameter or buffer tensor reachable as {@code <modulePath>.<name>} from self. */
    public void declareAttribute(Tensor tensor, String modulePath, String name) {
        if (tensor != null) attributes.putIfAbsent(tensor, new AttributePath(modulePath, name));
    }

    /**
     * Adds a forward argument. Tensors become typed graph inputs; tuples and lists of tensors become
     * one input unpacked right away (PyTorch flattens nested inputs the same way).
     */
    public Value addInput(String name, Object value) {
        JitType type = inputType(value, name);
        Value in = graph.addInput(name, type);
        bindStructure(in, value);
        return in;
    }

    private JitType inputType(Object v, String name) {
        if (v instanceof Tensor t) return tensorType(t);
        if (v instanceof Tuple t) {
            List<JitType> el = new ArrayList<>();
            for (Object o : t.items()) el.add(inputType(o, name));
            return new TupleType(el);
        }
        if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(o -> o instanceof Tensor))
            return ListType.of(TensorType.INSTANCE);
        throw new JitScopeException("cannot trace argument '" + name + "': only tensors and tuples or lists of tensors"
                + " can be trace inputs, got " + describe(v), name);
    }

    private void bindStructure(Value v, Object value) {
        if (value instanceof Tensor) {
            tensors.put(value, v);
        } else if (value instanceof Tuple t) {
            Node unpack = append(graph.create(Node.TUPLE_UNPACK, List.of(v), 0), null);
            for (int i = 0; i < t.size(); i++) bindStructure(unpack.addOutput(((TupleType) v.type()).elements().get(i)), t.get(i));
        } else if (value instanceof List<?> l) {
            Node unpack = append(graph.create(Node.LIST_UNPACK, List.of(v), 0), null);
            for (Object o : l) bindStructure(unpack.addOutput(tensorType((Tensor) o)), o);
        }
    }

    /** Whether a result of an operator holds a tensor (only those operators are recorded). */
    static boolean holdsTensor(Object v) {
        if (v instanceof Tensor) return true;
        if (v instanceof Tuple t) return t.items().stream().anyMatch(TraceRecorder::holdsTensor);
        if (v instanceof List<?> l) return l.stream().anyMatch(TraceRecorder::holdsTensor);
        return false;
    }

    /**
     * Records one executed operator. {@code args} are in the schema's order; missing trailing
     * arguments take the schema's defaults. Operators that produce no tensor are not recorded: their
     * Python results are constants wherever they are used later.
     */
    public void recordOp(OpSchema schema, Object[] args, Object result, SourceRange range) {
        if (finished) return;
        boolean size = schema.name().equals("aten::size") && args != null && args.length > 0
                && args[0] instanceof Tensor && distinctSizes(result);
        if (!holdsTensor(result) && !size) return;
        List<Argument> formals = schema.schema().arguments();
        List<Value> inputs = new ArrayList<>();
        for (int i = 0; i < formals.size(); i++) {
            Object a;
            if (args != null && i < args.length) a = args[i];
            else if (schema.args().get(i).hasDefault()) a = schema.args().get(i).defaultValue();
            else throw new IllegalArgumentException(schema.qualifiedName() + ": argument " + formals.get(i).name() + " missing");
            inputs.add(valueOf(a, formals.get(i).type(), range));
        }
        Node n = graph.create(schema.name(), inputs, 0);
        n.setSchema(schema.schema());
        append(n, range);
        List<Argument> returns = schema.schema().returns();
        if (returns.size() == 1) {
            bindOutput(n.addOutput(typeOf(result, returns.get(0).type())), result, range);
        } else {
            List<?> items = result instanceof Tuple t ? t.items() : result instanceof List<?> l ? l : List.of(result);
            for (int i = 0; i < returns.size(); i++) {
                Object item = i < items.size() ? items.get(i) : null;
                bindOutput(n.addOutput(typeOf(item, returns.get(i).type())), item, range);
            }
        }
    }

    /** A size result whose numbers are boxes of their own (not shared with literals of the same value). */
    private static boolean distinctSizes(Object result) {
        if (result instanceof Long l) return l != Long.valueOf(l.longValue());
        if (result instanceof List<?> list) return !list.isEmpty() && list.stream().allMatch(TraceRecorder::distinctSizes);
        return false;
    }

    /** Maps the tensors of an operator's output to it; a list of tensors is unpacked so each has a value. */
    private void bindOutput(Value out, Object result, SourceRange range) {
        if (result instanceof Long && distinctSizes(result)) {
            sizes.put(result, out);
        } else if (result instanceof List<?> l && !l.isEmpty() && distinctSizes(l)) {
            Node unpack = append(graph.create(Node.LIST_UNPACK, List.of(out), 0), range);
            for (Object o : l) sizes.put(o, unpack.addOutput(IntType.INSTANCE));
        } else if (result instanceof Tensor) {
            tensors.put(result, out);
        } else if (result instanceof List<?> l && holdsTensor(l)) {
            Node unpack = append(graph.create(Node.LIST_UNPACK, List.of(out), 0), range);
            for (Object o : l) {
                Value v = unpack.addOutput(o instanceof Tensor t ? tensorType(t) : TensorType.INSTANCE);
                if (o instanceof Tensor) tensors.put(o, v);
            }
        }
    }

    /** Registers what forward returned as the graph's output and removes what it does not need. */
    public Graph finish(Object result, SourceRange range) {
        if (finished) throw new IllegalStateException("trace already finished");
        graph.registerOutput(valueOf(result, null, range));
        finished = true;
        DeadCodeElimination.run(graph);
        return graph;
    }

    /** The value standing for {@code v} at this point of the trace. */
    Value valueOf(Object v, JitType expected, SourceRange range) {
        if (v instanceof Tensor t) return tensorValue(t, range);
        Value size = v == null ? null : sizes.get(v);
        if (size != null) return size;
        if (v instanceof List<?> l) {
            JitType element = listElement(expected, l);
            List<Value> items = new ArrayList<>();
            for (Object o : l) items.add(valueOf(o, element, range));
            Node n = append(graph.create(Node.LIST_CONSTRUCT, items, 0), range);
            n.addOutput(ListType.of(element));
            return n.output();
        }
        if (v instanceof Tuple t) {
            List<Value> items = new ArrayList<>();
            List<JitType> types = new ArrayList<>();
            for (Object o : t.items()) {
                Value iv = valueOf(o, null, range);
                items.add(iv);
                types.add(iv.type());
            }
            Node n = append(graph.create(Node.TUPLE_CONSTRUCT, items, 0), range);
            n.addOutput(new TupleType(types));
            return n.output();
        }
        return constant(v, range);
    }

    private Value tensorValue(Tensor t, SourceRange range) {
        Value known = tensors.get(t);
        if (known != null) return known;
        AttributePath path = attributes.get(t);
        if (path != null) {
            Node get = append(graph.create(Node.GET_ATTR, List.of(moduleValue(path.module())), 0), null);
            get.setAttr("name", path.name());
            Value v = get.addOutput(TensorType.INSTANCE).setDebugName(path.name());
            tensors.put(t, v);
            return v;
        }
        if (enclosingKnows.test(t)) captured = true;
        // a tensor no operator produced (a plain tensor attribute, a literal): PyTorch bakes it in too
        return constant(t, range);
    }

    private Value moduleValue(String path) {
        Value known = moduleValues.get(path);
        if (known != null) return known;
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        String name = path.substring(dot + 1);
        JitType type = moduleTypes.get(path);
        if (type == null) throw new IllegalStateException("submodule " + path + " was not declared");
        Node get = append(graph.create(Node.GET_ATTR, List.of(moduleValue(parent)), 0), null);
        get.setAttr("name", name);
        Value v = get.addOutput(type);
        if (Character.isJavaIdentifierStart(name.charAt(0))) v.setDebugName(name);
        moduleValues.put(path, v);
        return v;
    }

    private Value constant(Object v, SourceRange range) {
        JitType type;
        Object stored = v;
        if (v == null) type = NoneType.INSTANCE;
        else if (v instanceof Long) type = IntType.INSTANCE;
        else if (v instanceof Integer i) { type = IntType.INSTANCE; stored = i.longValue(); }
        else if (v instanceof Double) type = FloatType.INSTANCE;
        else if (v instanceof Float f) { type = FloatType.INSTANCE; stored = f.doubleValue(); }
        else if (v instanceof Boolean) type = BoolType.INSTANCE;
        else if (v instanceof String) type = StringType.INSTANCE;
        else if (v instanceof Device) type = DeviceType.INSTANCE;
        else if (v instanceof Tensor t) type = tensorType(t);
        else throw new JitScopeException("cannot record " + describe(v) + " in a trace: only tensors, numbers, strings,"
                    + " devices and lists or tuples of them can be traced", range);
        Node n = append(graph.create(Node.CONSTANT), range);
        n.setAttr("value", stored);
        n.addOutput(type);
        return n.output();
    }

    private static JitType listElement(JitType expected, List<?> items) {
        JitType e = expected instanceof OptionalType o ? o.element() : expected;
        if (e instanceof ListType l) return l.element() instanceof OptionalType ? l.element() : plain(l.element());
        if (items.stream().anyMatch(o -> o instanceof Tensor)) return TensorType.INSTANCE;
        if (!items.isEmpty() && items.stream().allMatch(o -> o instanceof Long || o instanceof Integer)) return IntType.INSTANCE;
        if (!items.isEmpty() && items.stream().allMatch(o -> o instanceof Double)) return FloatType.INSTANCE;
        if (!items.isEmpty() && items.stream().allMatch(o -> o instanceof Boolean)) return BoolType.INSTANCE;
        return TensorType.INSTANCE;
    }

    private static JitType plain(JitType t) {
        return t instanceof TensorType ? TensorType.INSTANCE : t;
    }

    /** The type of an operator output: the example's dtype and shape for tensors, else the schema's. */
    private static JitType typeOf(Object result, JitType declared) {
        if (result instanceof Tensor t) return tensorType(t);
        return declared;
    }

    static TensorType tensorType(Tensor t) {
        return TensorType.of(t.dtype(), t.shape().clone(), t.strides().clone());
    }

    private Node append(Node n, SourceRange range) {
        if (range != null) n.setRange(range);
        graph.block().append(n);
        return n;
    }

    private static String describe(Object v) {
        if (v == null) return "None";
        if (v instanceof Long) return "int " + v;
        if (v instanceof Double) return "float " + v;
        return v.getClass().getSimpleName();
    }
}
