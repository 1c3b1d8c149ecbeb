package dev.jitscope.trace.diff;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's parts the workbench shows: sites, per-input comparisons, and what the trace dropped. */
class TraceScriptDiffTest {
    private static final Source MODEL = new Source("branchy.py", String.join("\n",
            "import torch",
            "import torch.nn as nn",
            "",
            "class Branchy(nn.Module):",
            "    def __init__(self):",
            "        super().__init__()",
            "        self.linear = nn.Linear(4, 4)",
            "",
            "    def forward(self, x):",
            "        if x.mean() > 0.5:",
            "            y = self.linear(x)",
            "        else:",
            "            y = x * 2.0 - 1.0",
            "        return torch.tanh(y)",
            ""));

    private final Random random = new Random(11);

    private Tensor uniform(double lo, double hi, int... shape) {
        float[] a = new float[Tensor.numel(shape)];
        for (int i = 0; i < a.length; i++) a[i] = (float) (lo + (hi - lo) * random.nextDouble());
        return Tensor.contiguous(Storage.wrap(a), shape);
    }

    private static int line(Node n) { return n.range().line(); }

    @Test
    void theUntakenBranchIsWhatOnlyTheScriptedGraphHas() {
        DiffReport r = TraceScriptDiff.run(MODEL, "Branchy", List.of(), List.of(uniform(1, 2, 3, 4)),
                List.of(List.of(uniform(-2, -1, 3, 4))));
        assertEquals(1, r.sites().size());
        assertEquals(10, r.sites().get(0).line());
        assertTrue(r.diverges());
        assertFalse(r.inputs().get(0).diverges());
        assertEquals(List.of(0), r.inputs().get(1).flippedSites());

        Set<String> dropped = r.scriptedOnly().stream().map(n -> n.kind() + "@" + line(n)).collect(Collectors.toSet());
        assertTrue(dropped.contains("prim::If@10"), dropped.toString());
        assertTrue(dropped.contains("aten::mul@13"), dropped.toString());
        assertTrue(dropped.contains("aten::sub@13"), dropped.toString());
        // what the example ran is in both graphs
        assertTrue(r.scriptedOnly().stream().noneMatch(n -> n.kind().equals("aten::tanh")), dropped.toString());
        assertTrue(r.scriptedOnly().stream().noneMatch(n -> n.kind().equals("aten::linear")), dropped.toString());
        assertTrue(r.scriptedOnly().stream().noneMatch(n -> n.kind().equals(Node.CONSTANT)), dropped.toString());
    }

    @Test
    void theHumanReportNamesTheBranchAndEveryInput() {
        DiffReport r = TraceScriptDiff.run(MODEL, "Branchy", List.of(), List.of(uniform(-2, -1, 3, 4)),
                List.of(List.of(uniform(-3, -2, 3, 4)), List.of(uniform(1, 2, 3, 4))));
        String text = DiffReportText.render(r);
        assertTrue(text.contains("branchy.py:10:"), text);
        assertTrue(text.contains("if x.mean() > 0.5:"), text);
        assertTrue(text.contains("took the else-branch"), text);
        assertTrue(text.contains("0 (example)"), text);
        assertTrue(text.contains("DIVERGES from the scripted model on 1 of 3 input sets"), text);
    }

    @Test
    void aModelThatCannotBeScriptedStillGetsItsSites() {
        Source unscriptable = new Source("fn.py", String.join("\n",
                "import torch",
                "import torch.nn as nn",
                "",
                "def double(t, **options):",
                "    return t * 2.0",
                "",
                "class Fn(nn.Module):",
                "    def __init__(self):",
                "        super().__init__()",
                "        self.f = double",
                "",
                "    def forward(self, x):",
                "        if x.sum() > 0:",
                "            return self.f(x)",
                "        return x",
                ""));
        DiffReport r = TraceScriptDiff.run(unscriptable, "Fn", List.of(), List.of(uniform(0, 1, 2, 3)),
                List.of(List.of(uniform(-1, 0, 2, 3))));
        assertEquals(1, r.sites().size());
        assertEquals(13, r.sites().get(0).line());
        for (InputComparison c : r.inputs()) {
            assertFalse(c.diverges());
            assertTrue(c.reason().startsWith(TraceScriptDiff.NOT_SCRIPTED), c.reason());
        }
        assertEquals(List.of(0), r.inputs().get(1).flippedSites());
        assertTrue(DiffReportText.render(r).contains("outputs not compared"), DiffReportText.render(r));
    }
}
