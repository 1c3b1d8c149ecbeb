package dev.jitscope.trace.record;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.runtime.Interpreter;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.trace.diff.DivergenceSite;
import dev.jitscope.trace.eager.DivergenceEvent;
import dev.jitscope.trace.eager.EagerSession;
import dev.jitscope.trace.eager.ModuleInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracing models the eager interpreter runs: what the graph holds and what the sites say. */
class TracerTest {
    private static final String CONTROL_FLOW = String.join("\n",
            "import torch",
            "import torch.nn as nn",
            "",
            "class Gate(nn.Module):",
            "    def forward(self, x):",
            "        if x.sum() > 0:",
            "            return x",
            "        return -x",
            "",
            "class Model(nn.Module):",
            "    def __init__(self):",
            "        super().__init__()",
            "        self.gate = Gate()",
            "        self.linear = nn.Linear(4, 4)",
            "        self.other = nn.Linear(4, 4)",
            "",
            "    def forward(self, x):",
            "        if x.mean() > 0.5:",
            "            y = self.linear(x)",
            "        else:",
            "            y = x * 2.0 - 1.0",
            "        for i in range(x.size(0)):",
            "            y = y + 1",
            "        return torch.tanh(self.gate(y)), y",
            "");

    private final Random random = new Random(3);

    private Tensor uniform(double lo, double hi, int... shape) {
        float[] a = new float[Tensor.numel(shape)];
        for (int i = 0; i < a.length; i++) a[i] = (float) (lo + (hi - lo) * random.nextDouble());
        return Tensor.contiguous(Storage.wrap(a), shape);
    }

    private static ModuleInstance instance(EagerSession s) {
        s.manualSeed(0);
        ModuleInstance m = s.instantiate("Model", List.of(), Map.of());
        m.train(false);
        return m;
    }

    @Test
    void theTraceReplaysTheEagerRunAndReportsEachDecision() {
        EagerSession session = EagerSession.load(new Source("model.py", CONTROL_FLOW));
        ModuleInstance m = instance(session);
        Tensor x = uniform(1, 2, 3, 4);
        TraceResult t = Tracer.trace(session, m, List.of(x));

        String printed = GraphPrinter.print(t.graph());
        // module structure as PyTorch keeps it: the submodule's call, its own traced forward
        assertTrue(printed.contains("prim::GetAttr[name=\"linear\"](%self)"), printed);
        assertTrue(printed.contains("prim::CallMethod[name=\"forward\"](%linear, %x)"), printed);
        ScriptObject linear = (ScriptObject) t.module().getAttr("linear");
        String linearForward = GraphPrinter.print(linear.type().method("forward").graph());
        assertTrue(linearForward.contains("aten::linear(%input, %weight, %bias)"), linearForward);
        assertTrue(GraphPrinter.print(dev.jitscope.ir.transform.Inliner.inline(t.graph())).contains("aten::linear("));
        assertTrue(printed.contains("Float(3, 4, strides=[4, 1]"), printed);
        assertFalse(printed.contains("prim::If"), printed);
        assertFalse(printed.contains("aten::mean"), printed);
        assertTrue(printed.contains("# model.py:24:"), printed);   // tanh: ranges point into the source
        assertEquals(3, t.graph().block().nodes().stream().filter(n -> n.kind().equals("aten::add")).count(), printed);

        List<DivergenceSite> sites = t.sites();
        assertEquals(List.of(DivergenceEvent.Kind.IF, DivergenceEvent.Kind.LOOP, DivergenceEvent.Kind.IF),
                sites.stream().map(DivergenceSite::kind).toList(), sites.toString());
        assertEquals(18, sites.get(0).line());
        assertEquals("then-branch", sites.get(0).traced());
        assertEquals(22, sites.get(1).line());
        assertEquals("3 iterations", sites.get(1).traced());
        assertEquals(6, sites.get(2).line());

        // the traced module on the example reproduces the eager result
        Object eager = session.call(m, "forward", List.of(x));
        List<Object> replay = new Interpreter().run(t.graph(), List.of(t.module(), x));
        Tensor a = (Tensor) ((dev.jitscope.ir.value.Tuple) eager).get(0);
        Tensor b = (Tensor) ((dev.jitscope.ir.value.Tuple) replay.get(0)).get(0);
        assertArrayEquals(a.shape(), b.shape());
        for (int i = 0; i < a.numel(); i++) assertEquals(a.getDouble(i), b.getDouble(i), 1e-6);
    }

    @Test
    void theObjectTreeHoldsTheInstancesTensorsAndSubmodules() {
        EagerSession session = EagerSession.load(new Source("model.py", CONTROL_FLOW));
        ModuleInstance m = instance(session);
        TraceResult t = Tracer.trace(session, m, List.of(uniform(-2, -1, 3, 4)));
        ScriptObject root = t.module();
        ScriptObject linear = (ScriptObject) root.getAttr("linear");
        assertTrue(linear.getAttr("weight") == m.modules().get("linear").parameters().get("weight"));
        assertEquals(Boolean.FALSE, root.getAttr("training"));
        // each instance has a class of its own (its traced forward is its own), mangled as PyTorch does
        ScriptObject other = (ScriptObject) root.getAttr("other");
        assertEquals("__torch__.torch.nn.modules.linear.Linear", linear.type().qualifiedName());
        assertTrue(other.type().qualifiedName().matches("__torch__\\.torch\\.nn\\.modules\\.linear\\.___torch_mangle_\\d+\\.Linear"),
                other.type().qualifiedName());
        assertTrue(root.type().method("forward") != null);
        assertTrue(((ScriptObject) root.getAttr("gate")).type().method("forward") != null);
        // the else-branch was taken: the linear layer is never called, so it has no traced forward
        assertTrue(t.graph().block().nodes().stream().noneMatch(n -> n.kind().equals(Node.GET_ATTR)
                && "linear".equals(n.attr("name"))), GraphPrinter.print(t.graph()));
        assertTrue(linear.type().method("forward") == null);
        assertEquals("else-branch", t.sites().get(0).traced());
    }

    @Test
    void sizesReadFromTensorsStaySymbolic() {
        EagerSession session = EagerSession.load(new Source("flat.py", String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "",
                "class Flat(nn.Module):",
                "    def forward(self, x):",
                "        return x.view(x.size(0), -1) + torch.zeros(x.shape[0], 1)",
                "")));
        ModuleInstance m = session.instantiate("Flat", List.of(), Map.of());
        TraceResult t = Tracer.trace(session, m, List.of(uniform(0, 1, 2, 3, 4)));
        assertTrue(t.sites().isEmpty(), t.sites().toString());
        Tensor other = uniform(0, 1, 5, 3, 4);
        Tensor out = (Tensor) new Interpreter().run(t.graph(), List.of(t.module(), other)).get(0);
        assertArrayEquals(new int[] {5, 12}, out.shape(), GraphPrinter.print(t.graph()));
        for (int i = 0; i < out.numel(); i++) assertEquals(other.getDouble(i), out.getDouble(i), 1e-6);
    }
}
