package dev.jitscope.runtime;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.*;
import dev.jitscope.ir.type.*;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class InterpreterTest {
    @TempDir Path dir;

    /** Appends a node to block b. */
    private static Node node(Block b, String kind, JitType outType, Value... inputs) {
        Node n = b.graph().create(kind);
        for (Value v : inputs) n.addInput(v);
        if (outType != null) n.addOutput(outType);
        b.append(n);
        return n;
    }

    private static Value constant(Block b, Object value, JitType type) {
        Node n = node(b, Node.CONSTANT, type);
        n.setAttr("value", value);
        return n.output();
    }

    @Test
    void everyRegisteredSchemaParsesAndNamesItsArguments() {
        OperatorRegistry r = OperatorRegistry.global();
        OperatorRegistry.Entry add = r.overloads("aten::add").stream().filter(e -> e.schema().overload().equals("Tensor")).findFirst().orElseThrow();
        assertEquals(List.of("self", "other", "alpha"), add.schema().args().stream().map(OpSchema.Arg::name).toList());
        assertTrue(add.schema().args().get(2).kwargOnly());
        assertEquals(1L, add.schema().args().get(2).defaultValue());
        OpSchema conv = r.overloads("aten::conv2d").get(0).schema();
        assertEquals(List.of(1L, 1L), conv.args().get(3).defaultValue(), "int[2] stride=1 means [1, 1]");
        assertEquals(List.of("Tensor", "Tensor"), r.overloads("aten::max").stream().filter(e -> e.schema().overload().equals("dim")).findFirst().orElseThrow().schema().returns());
    }

    @Test
    void runsTensorOpsWithSchemaDefaultsAgainstPyTorch() throws Exception {
        python("import torch, numpy as np\ntorch.manual_seed(0)\nx = torch.randn(2, 3, 8, 8); w = torch.randn(4, 3, 3, 3); lw = torch.randn(5, 4)\n"
                + "y = torch.nn.functional.linear(torch.flatten(torch.nn.functional.adaptive_avg_pool2d(torch.relu(torch.nn.functional.conv2d(x, w, None, 1, 1)), 1), 1), lw)\n"
                + "for n, t in [('x', x), ('w', w), ('lw', lw), ('y', torch.softmax(y, -1))]: np.save(n + '.npy', t.numpy())");
        Graph g = new Graph();
        Block b = g.block();
        Value x = g.addInput("x", TensorType.INSTANCE), w = g.addInput("w", TensorType.INSTANCE), lw = g.addInput("lw", TensorType.INSTANCE);
        Value none = constant(b, null, NoneType.INSTANCE), one = constant(b, 1L, IntType.INSTANCE), minus1 = constant(b, -1L, IntType.INSTANCE);
        Value pad = node(b, Node.LIST_CONSTRUCT, ListType.of(IntType.INSTANCE), one, one).output();
        Value stride = node(b, Node.LIST_CONSTRUCT, ListType.of(IntType.INSTANCE), one, one).output();
        // conv2d(x, w, None, stride, padding): dilation and groups come from the schema defaults
        Value c = node(b, "aten::conv2d", TensorType.INSTANCE, x, w, none, stride, pad).output();
        Value r = node(b, "aten::relu", TensorType.INSTANCE, c).output();
        Value p = node(b, "aten::adaptive_avg_pool2d", TensorType.INSTANCE, r, node(b, Node.LIST_CONSTRUCT, ListType.of(IntType.INSTANCE), one, one).output()).output();
        Value f = node(b, "aten::flatten", TensorType.INSTANCE, p, one).output();
        Value l = node(b, "aten::linear", TensorType.INSTANCE, f, lw, none).output();
        Value s = node(b, "aten::softmax", TensorType.INSTANCE, l, minus1, none).output();
        g.registerOutput(s);

        List<String> profiled = new ArrayList<>();
        Interpreter in = new Interpreter();
        in.setProfiler((n, nanos, outs) -> profiled.add(n.kind() + " " + java.util.Arrays.toString(((Tensor) outs[0]).shape())));
        Tensor out = (Tensor) in.run(g, List.of(Npy.read(dir.resolve("x.npy")), Npy.read(dir.resolve("w.npy")), Npy.read(dir.resolve("lw.npy")))).get(0);
        Tensor expected = Npy.read(dir.resolve("y.npy"));
        assertArrayEquals(expected.shape(), out.shape());
        for (int i = 0; i < expected.numel(); i++) assertEquals(expected.getDouble(i), out.getDouble(i), 1e-5);
        assertEquals(List.of("aten::conv2d [2, 4, 8, 8]", "aten::relu [2, 4, 8, 8]", "aten::adaptive_avg_pool2d [2, 4, 1, 1]",
                "aten::flatten [2, 4]", "aten::linear [2, 5]", "aten::softmax [2, 5]"), profiled);
    }

    /**
     * conv2d → hardtanh_ runs as one fused call (the profile still lists both nodes); a convolution whose
     * output has another use keeps its own result (relu is not applied to it in place).
     */
    @Test
    void convolutionThenActivationMatchesPyTorchFusedOrNot() throws Exception {
        python("import torch, numpy as np\nimport torch.nn.functional as F\ntorch.manual_seed(0)\n"
                + "x = torch.randn(1, 4, 9, 7); w = torch.randn(4, 1, 3, 3); bias = torch.randn(4); w2 = torch.randn(3, 4, 1, 1)\n"
                + "h = F.hardtanh(F.conv2d(x, w, bias, 2, 1, 1, 4), 0.0, 6.0); c2 = F.conv2d(h, w2)\n"
                + "for n, t in [('x', x), ('w', w), ('bias', bias), ('w2', w2), ('h', h), ('s', c2 + F.relu(c2))]: np.save(n + '.npy', t.numpy())");
        Graph g = new Graph();
        Block b = g.block();
        Value x = g.addInput("x", TensorType.INSTANCE), w = g.addInput("w", TensorType.INSTANCE),
                bias = g.addInput("bias", TensorType.INSTANCE), w2 = g.addInput("w2", TensorType.INSTANCE);
        Value one = constant(b, 1L, IntType.INSTANCE), two = constant(b, 2L, IntType.INSTANCE), four = constant(b, 4L, IntType.INSTANCE);
        Value ones = node(b, Node.LIST_CONSTRUCT, ListType.of(IntType.INSTANCE), one, one).output();
        Value twos = node(b, Node.LIST_CONSTRUCT, ListType.of(IntType.INSTANCE), two, two).output();
        Value lo = constant(b, 0.0, FloatType.INSTANCE), hi = constant(b, 6.0, FloatType.INSTANCE);
        Value c = node(b, "aten::conv2d", TensorType.INSTANCE, x, w, bias, twos, ones, ones, four).output();
        Value h = node(b, "aten::hardtanh_", TensorType.INSTANCE, c, lo, hi).output();
        Value none = constant(b, null, NoneType.INSTANCE);
        Value c2 = node(b, "aten::conv2d", TensorType.INSTANCE, h, w2, none).output();
        Value r = node(b, "aten::relu", TensorType.INSTANCE, c2).output();
        Value s = node(b, "aten::add", TensorType.INSTANCE, c2, r, one).output();
        g.registerOutput(h);
        g.registerOutput(s);
        List<String> profiled = new ArrayList<>();
        Interpreter in = new Interpreter();
        in.setProfiler((n, nanos, outs) -> profiled.add(n.kind()));
        List<Object> out = in.run(g, List.of(Npy.read(dir.resolve("x.npy")), Npy.read(dir.resolve("w.npy")),
                Npy.read(dir.resolve("bias.npy")), Npy.read(dir.resolve("w2.npy"))));
        for (int k = 0; k < 2; k++) {
            Tensor expected = Npy.read(dir.resolve((k == 0 ? "h" : "s") + ".npy")), actual = (Tensor) out.get(k);
            assertArrayEquals(expected.shape(), actual.shape());
            for (int i = 0; i < expected.numel(); i++) assertEquals(expected.getDouble(i), actual.getDouble(i), 1e-4);
        }
        assertEquals(List.of("aten::conv2d", "aten::hardtanh_", "aten::conv2d", "aten::relu", "aten::add"), profiled);
    }

    /** Σ i for i < n with a prim::Loop carrying the sum, and an If choosing how much to add. */
    private static Graph loopGraph() {
        Graph g = new Graph();
        Block b = g.block();
        Value n = g.addInput("n", IntType.INSTANCE);
        Value t = constant(b, true, BoolType.INSTANCE), zero = constant(b, 0L, IntType.INSTANCE);
        Node loop = node(b, Node.LOOP, null, n, t, zero);
        Value acc = loop.addOutput(IntType.INSTANCE);
        Block body = loop.addBlock();
        Value i = body.addInput("i", IntType.INSTANCE), carried = body.addInput("acc", IntType.INSTANCE);
        Value three = constant(body, 3L, IntType.INSTANCE);
        Value small = node(body, "aten::lt", BoolType.INSTANCE, i, three).output();
        Node iff = node(body, Node.IF, null, small);
        Value added = iff.addOutput(IntType.INSTANCE);
        Block thenB = iff.addBlock(), elseB = iff.addBlock();
        thenB.addOutput(node(thenB, "aten::add", IntType.INSTANCE, carried, i).output());
        Value twice = node(elseB, "aten::mul", IntType.INSTANCE, i, constant(elseB, 2L, IntType.INSTANCE)).output();
        elseB.addOutput(node(elseB, "aten::add", IntType.INSTANCE, carried, twice).output());
        body.addOutput(t);
        body.addOutput(added);
        g.registerOutput(acc);
        return g;
    }

    @Test
    void loopsAndIfsCarryValues() {
        Interpreter in = new Interpreter();
        long n = 10, expected = 0;
        for (long i = 0; i < n; i++) expected += i < 3 ? i : 2 * i;
        assertEquals(List.of(expected), in.run(loopGraph(), List.of(n)));
        assertEquals(List.of(0L), in.run(loopGraph(), List.of(0L)));
    }

    @Test
    void cancelStopsAnEndlessLoop() throws Exception {
        Graph g = loopGraph();
        Interpreter in = new Interpreter();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try { in.run(g, List.of(Long.MAX_VALUE)); } catch (Throwable e) { thrown.set(e); }
        });
        worker.start();
        Thread.sleep(200);
        assertTrue(worker.isAlive(), "the loop runs until cancelled");
        in.cancel();
        worker.join(5000);
        assertFalse(worker.isAlive());
        assertInstanceOf(Interpreter.CancelledException.class, thrown.get());
    }

    @Test
    void raiseAndMissingKernelsReportTheSourceLocation() {
        Source src = new Source("model.py", "def f(x):\n    raise ValueError('bad input')\n    return torch.frobnicate(x)\n");
        Graph g = new Graph();
        Block b = g.block();
        Value x = g.addInput("x", TensorType.INSTANCE);
        Value flag = g.addInput("flag", BoolType.INSTANCE);
        Node iff = node(b, Node.IF, null, flag);
        Block raise = iff.addBlock(), skip = iff.addBlock();
        Node r = node(raise, Node.RAISE, null, constant(raise, "ValueError: bad input", StringType.INSTANCE));
        r.setRange(src.range(src.text().indexOf("raise"), src.text().indexOf("raise") + 5));
        Node fro = node(b, "aten::frobnicate", TensorType.INSTANCE, x);
        fro.setRange(src.range(src.text().indexOf("torch.frob"), src.text().indexOf("(x)")));
        g.registerOutput(fro.output());
        Interpreter in = new Interpreter();
        Tensor t = Tensor.zeros(dev.jitscope.tensor.DType.FLOAT32, 2);
        JitScopeException e = assertThrows(JitScopeException.class, () -> in.run(g, List.of(t, true)));
        assertTrue(e.render().startsWith("model.py:2:5: error: ValueError: bad input"), e.render());
        e = assertThrows(JitScopeException.class, () -> in.run(g, List.of(t, false)));
        assertTrue(e.render().startsWith("model.py:3:12: error: no kernel for operator aten::frobnicate"), e.render());
    }

    @Test
    void kernelErrorsCarryTheNodeLocation() {
        Source src = new Source("m.py", "y = x + z\n");
        Graph g = new Graph();
        Value x = g.addInput("x", TensorType.INSTANCE), z = g.addInput("z", TensorType.INSTANCE);
        Node add = node(g.block(), "aten::add", TensorType.INSTANCE, x, z);
        add.setRange(src.range(4, 9));
        g.registerOutput(add.output());
        JitScopeException e = assertThrows(JitScopeException.class, () -> new Interpreter().run(g,
                List.of(Tensor.zeros(dev.jitscope.tensor.DType.FLOAT32, 2, 3), Tensor.zeros(dev.jitscope.tensor.DType.FLOAT32, 4))));
        assertEquals("m.py:1:5: error: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", e.render().split("\n")[0]);
    }

    @Test
    void methodsReadAndWriteModuleAttributes() {
        ClassType counter = new ClassType("__torch__.Counter", true);
        counter.addAttribute("count", IntType.INSTANCE, ClassType.AttributeKind.PLAIN);
        // def bump(self, k): self.count = self.count + k; return self.count
        Graph bump = new Graph();
        Value self = bump.addInput("self", counter), k = bump.addInput("k", IntType.INSTANCE);
        Node get = node(bump.block(), Node.GET_ATTR, IntType.INSTANCE, self);
        get.setAttr("name", "count");
        Value sum = node(bump.block(), "aten::add", IntType.INSTANCE, get.output(), k).output();
        node(bump.block(), Node.SET_ATTR, null, self, sum).setAttr("name", "count");
        bump.registerOutput(sum);
        counter.addMethod(new Function("bump", "__torch__.Counter.bump", bump, null));
        // def forward(self): return self.bump(2) + self.bump(5)
        Graph fwd = new Graph();
        Value s2 = fwd.addInput("self", counter);
        Node c1 = node(fwd.block(), Node.CALL_METHOD, IntType.INSTANCE, s2, constant(fwd.block(), 2L, IntType.INSTANCE));
        c1.setAttr("name", "bump");
        Node c2 = node(fwd.block(), Node.CALL_METHOD, IntType.INSTANCE, s2, constant(fwd.block(), 5L, IntType.INSTANCE));
        c2.setAttr("name", "bump");
        fwd.registerOutput(node(fwd.block(), Node.TUPLE_CONSTRUCT, TupleType.of(IntType.INSTANCE, IntType.INSTANCE), c1.output(), c2.output()).output());
        ScriptObject obj = new ScriptObject(counter);
        obj.setAttr("count", 10L);
        Object out = new Interpreter().run(fwd, List.of(obj)).get(0);
        assertEquals(dev.jitscope.ir.value.Tuple.of(12L, 17L), out);
        assertEquals(17L, obj.getAttr("count"));
    }

    private void python(String code) throws Exception {
        PythonReference.runCode(dir, code, 300);
    }

    @Test
    void overloadFollowsRuntimeValuesWhenStaticTypesFitNone() {
        // A graph typing a list as str (as an imprecise frontend may): no overload fits statically, yet the
        // int[] overload is found from the value at run time.
        Graph g = new Graph();
        Block b = g.block();
        Value xs = g.addInput("xs", StringType.INSTANCE);
        Node sum = node(b, "aten::sum", IntType.INSTANCE, xs);
        g.registerOutput(sum.output());
        Interpreter in = new Interpreter();
        assertEquals(List.of(6L), in.run(g, List.of(new ArrayList<>(List.of(1L, 2L, 3L)))));
        JitScopeException e = assertThrows(JitScopeException.class, () -> in.run(g, List.of("abc")));
        assertTrue(e.getMessage().contains("no overload of aten::sum accepts arguments (String)"), e.getMessage());
    }
}
