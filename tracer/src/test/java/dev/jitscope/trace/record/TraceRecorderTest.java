package dev.jitscope.trace.record;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.runtime.OpSchema;
import dev.jitscope.runtime.OperatorRegistry;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder driven by hand, as the eager interpreter's observer drives it. */
class TraceRecorderTest {
    private static final OperatorRegistry OPS = OperatorRegistry.global();
    private static final Source SRC = new Source("m.py", "y = torch.tanh(self.linear(x))\nif x.mean() > 0.5:\n    z = torch.cat([y, y * 2.0], 1)\n");
    private final Random random = new Random(7);

    private Tensor rand(int... shape) {
        float[] a = new float[Tensor.numel(shape)];
        for (int i = 0; i < a.length; i++) a[i] = random.nextFloat() * 2 - 1;
        return Tensor.contiguous(Storage.wrap(a), shape);
    }

    /** Runs the operator's kernel, as eager execution would, and returns its result. */
    private static Object run(String schema, Object... args) {
        OperatorRegistry.Entry e = OPS.overloads(OpSchema.parse(schema).name()).stream()
                .filter(c -> c.schema().qualifiedName().equals(OpSchema.parse(schema).qualifiedName())).findFirst().orElseThrow();
        Object[] full = new Object[e.schema().args().size()];
        for (int i = 0; i < full.length; i++) full[i] = i < args.length ? args[i] : e.schema().args().get(i).defaultValue();
        return e.kernel().run(full);
    }

    private static OpSchema schema(String qualified) {
        int dot = qualified.indexOf('.');
        String name = dot < 0 ? qualified : qualified.substring(0, dot);
        return OPS.overloads(name).stream().filter(c -> c.schema().qualifiedName().equals(qualified)).findFirst().orElseThrow().schema();
    }

    private static SourceRange at(String text) {
        int i = SRC.text().indexOf(text);
        return SRC.range(i, i + text.length());
    }

    private record Traced(Graph graph, ScriptObject self, Tensor weight, Tensor bias) { }

    /** forward(x): y = tanh(linear(x)); the mean/gt condition is recorded but feeds only a Python bool. */
    private Traced traceLinearTanh(Tensor x) {
        ClassType linearType = new ClassType("__torch__.torch.nn.modules.linear.Linear", true);
        linearType.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        linearType.addAttribute("bias", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        ClassType rootType = new ClassType("__torch__.M", true);
        rootType.addAttribute("linear", linearType, ClassType.AttributeKind.PLAIN);
        ScriptObject linear = new ScriptObject(linearType);
        Tensor weight = rand(4, 4), bias = rand(4);
        linear.setAttr("weight", weight);
        linear.setAttr("bias", bias);
        ScriptObject self = new ScriptObject(rootType);
        self.setAttr("linear", linear);

        TraceRecorder r = new TraceRecorder(rootType);
        r.declareModule("linear", linearType);
        r.declareAttribute(weight, "linear", "weight");
        r.declareAttribute(bias, "linear", "bias");
        r.addInput("x", x);
        Object lin = run("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor", x, weight, bias);
        r.recordOp(schema("aten::linear"), new Object[] {x, weight, bias}, lin, at("self.linear(x)"));
        Object y = run("aten::tanh(Tensor self) -> Tensor", lin);
        r.recordOp(schema("aten::tanh"), new Object[] {lin}, y, at("torch.tanh(self.linear(x))"));
        Object mean = run("aten::mean(Tensor self, *, ScalarType? dtype=None) -> Tensor", x);
        r.recordOp(schema("aten::mean"), new Object[] {x, null}, mean, at("x.mean()"));
        Object item = run("aten::item(Tensor self) -> Scalar", mean);
        r.recordOp(schema("aten::item"), new Object[] {mean}, item, at("x.mean()"));
        Graph g = r.finish(y, at("torch.tanh(self.linear(x))"));
        return new Traced(g, self, weight, bias);
    }

    @Test
    void recordsOperatorsWithParametersReachedThroughGetAttrChains() {
        Traced t = traceLinearTanh(rand(3, 4));
        String printed = GraphPrinter.printWithoutRanges(t.graph());
        assertTrue(printed.contains("prim::GetAttr[name=\"linear\"](%self)"), printed);
        assertTrue(printed.contains("aten::linear(%x, %weight, %bias)"), printed);
        assertTrue(printed.contains("Float(3, 4, strides=[4, 1]"), printed);
        assertTrue(printed.contains("aten::tanh("), printed);
        // the condition's operators only fed a Python bool: dead in the trace, as in PyTorch's
        assertFalse(printed.contains("aten::mean"), printed);
        assertFalse(printed.contains("aten::item"), printed);
    }

    @Test
    void recordedGraphReplaysTheComputationOnAnotherInput() {
        Traced t = traceLinearTanh(rand(3, 4));
        Tensor other = rand(3, 4);
        List<Object> out = new Interpreter().run(t.graph(), List.of(t.self(), other));
        Tensor expected = (Tensor) run("aten::tanh(Tensor self) -> Tensor",
                run("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor", other, t.weight(), t.bias()));
        Tensor actual = (Tensor) out.get(0);
        assertArrayEquals(expected.shape(), actual.shape());
        for (int i = 0; i < expected.numel(); i++) assertEquals(expected.getDouble(i), actual.getDouble(i), 1e-6);
    }

    @Test
    void recordedModuleSavesAsAnArchivePyTorchRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        dev.jitscope.testsupport.PythonReference.requirePyTorch();
        Traced t = traceLinearTanh(rand(3, 4));
        ClassType root = t.self().type();
        root.addMethod(new dev.jitscope.ir.Function("forward", root.qualifiedName() + ".forward", t.graph(), null));
        java.nio.file.Path archive = dir.resolve("traced.pt");
        dev.jitscope.frontend.archive.ModelExporter.save(t.self(), archive);
        Tensor other = rand(5, 4);
        java.nio.file.Path in = dir.resolve("x.npy");
        dev.jitscope.tensor.Npy.write(in, other);
        dev.jitscope.testsupport.PythonReference.runResource(TraceRecorderTest.class, "run_archive.py", dir,
                List.of(archive.toString(), dir.resolve("out").toString(), in.toString()), 120);
        Tensor theirs = dev.jitscope.tensor.Npy.read(dir.resolve("out0.npy"));
        Tensor ours = (Tensor) new Interpreter().run(t.graph(), List.of(t.self(), other)).get(0);
        assertArrayEquals(ours.shape(), theirs.shape());
        for (int i = 0; i < ours.numel(); i++) assertEquals(theirs.getDouble(i), ours.getDouble(i), 1e-5);
    }

    @Test
    void pythonValuesBecomeConstantsAndListsListConstruct() {
        ClassType rootType = new ClassType("__torch__.M", true);
        TraceRecorder r = new TraceRecorder(rootType);
        Tensor x = rand(2, 3);
        r.addInput("x", x);
        Object doubled = run("aten::mul.Scalar(Tensor self, Scalar other) -> Tensor", x, 2.0);
        r.recordOp(schema("aten::mul.Scalar"), new Object[] {x, 2.0}, doubled, at("y * 2.0"));
        List<Object> parts = new ArrayList<>(List.of(x, doubled));
        Object cat = run("aten::cat(Tensor[] tensors, int dim=0) -> Tensor", parts, 1L);
        r.recordOp(schema("aten::cat"), new Object[] {parts, 1L}, cat, at("torch.cat([y, y * 2.0], 1)"));
        Graph g = r.finish(dev.jitscope.ir.value.Tuple.of(cat, x), null);
        String printed = GraphPrinter.printWithoutRanges(g);
        assertTrue(printed.contains("prim::Constant[value=2.]()"), printed);
        assertTrue(printed.contains("Tensor[] = prim::ListConstruct(%x, "), printed);
        assertTrue(printed.contains("Float(2, 6, strides=[6, 1]"), printed);
        assertTrue(printed.contains("prim::TupleConstruct("), printed);
        assertTrue(GraphPrinter.print(g).contains("# m.py:3:"), GraphPrinter.print(g));

        Tensor other = rand(2, 3);
        dev.jitscope.ir.value.Tuple out = (dev.jitscope.ir.value.Tuple) new Interpreter().run(g, List.of(new ScriptObject(rootType), other)).get(0);
        Tensor expected = (Tensor) run("aten::cat(Tensor[] tensors, int dim=0) -> Tensor",
                new ArrayList<>(List.of(other, run("aten::mul.Scalar(Tensor self, Scalar other) -> Tensor", other, 2.0))), 1L);
        Tensor actual = (Tensor) out.get(0);
        for (int i = 0; i < expected.numel(); i++) assertEquals(expected.getDouble(i), actual.getDouble(i), 1e-6);
    }
}
