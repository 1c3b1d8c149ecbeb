package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Source;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes in a model source are one JitScopeException at the offending source range. */
class EagerDiagnosticsTest {
    private static final String HEADER = "import torch\nimport torch.nn as nn\n\n";

    private static EagerSession load(String body) {
        return EagerSources.load(new Source("model.py", HEADER + body), LibraryResolver.standard(), new ByteArrayOutputStream());
    }

    private static Tensor ones(int... shape) {
        float[] v = new float[Tensor.numel(shape)];
        java.util.Arrays.fill(v, 1f);
        return Tensor.contiguous(Storage.wrap(v), shape);
    }

    /** Runs M().forward(inputs) and returns the diagnostic it must raise. */
    private static JitScopeException forwardFails(String body, Object... inputs) {
        return assertThrows(JitScopeException.class, () -> {
            EagerSession s = load(body);
            ModuleInstance m = s.instantiate("M", List.of(), Map.of());
            s.call(m, "forward", List.of(inputs));
        });
    }

    private static void assertAt(JitScopeException e, String rangeText, String messagePart) {
        assertNotNull(e.range(), "a source range: " + e.getMessage());
        assertEquals(rangeText, e.range().text(), e.render());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertTrue(e.render().startsWith("model.py:" + e.range().line() + ":"), e.render());
    }

    @Test
    void unsupportedPythonFeatureIsReportedWhereItIs() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> load("f = lambda x: x + 1\n"));
        assertEquals(4, e.range().line());
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());

        JitScopeException y = assertThrows(JitScopeException.class, () -> load("def gen():\n    yield 1\n"));
        assertAt(y, "yield", "'yield' is not supported");

        JitScopeException w = forwardFails("class M(nn.Module):\n    def forward(self, x):\n        with open('f') as fh:\n            pass\n        return x\n", ones(1));
        assertAt(w, "open('f') as fh", "'with' is not supported");

        JitScopeException d = assertThrows(JitScopeException.class,
                () -> load("class M(nn.Module):\n    @property\n    def size(self):\n        return 1\n"));
        assertAt(d, "property", "decorator 'property' is not supported");
    }

    @Test
    void nameAndAttributeErrors() {
        assertAt(forwardFails("class M(nn.Module):\n    def forward(self, x):\n        return x + undefined_name\n", ones(2)),
                "undefined_name", "NameError: name 'undefined_name' is not defined");
        assertAt(forwardFails("class M(nn.Module):\n    def forward(self, x):\n        return self.missing(x)\n", ones(2)),
                "self.missing", "AttributeError: 'M' object has no attribute 'missing'");
        JitScopeException imp = assertThrows(JitScopeException.class, () -> load("import numpy as np\n"));
        assertTrue(imp.getMessage().contains("No module named 'numpy'"), imp.getMessage());
    }

    @Test
    void wrongArgumentsAreTypeErrorsAtTheCall() {
        assertAt(forwardFails("class Inner(nn.Module):\n    def forward(self, x):\n        return x\n\n"
                        + "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.inner = Inner()\n\n"
                        + "    def forward(self, x):\n        return self.inner(x, x)\n", ones(2)),
                "self.inner(x, x)", "TypeError: forward() takes 2 positional argument(s) but 3 were given");
        JitScopeException ctor = assertThrows(JitScopeException.class, () -> load("class M(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n")
                .instantiate("M", List.of(), Map.of()));
        assertTrue(ctor.getMessage().contains("missing required argument 'n'"), ctor.getMessage());
    }

    @Test
    void raiseAssertAndFailingOperatorsPointAtTheirStatement() {
        assertAt(forwardFails("class M(nn.Module):\n    def forward(self, x):\n        raise ValueError('bad input {}'.format(x.dim()))\n", ones(2, 2)),
                "raise ValueError('bad input {}'.format(x.dim()))", "ValueError: bad input 2");
        assertAt(forwardFails("class M(nn.Module):\n    def forward(self, x):\n        assert x.dim() == 3, 'need 3-d input'\n        return x\n", ones(2)),
                "assert x.dim() == 3, 'need 3-d input'", "AssertionError: need 3-d input");
        JitScopeException op = forwardFails("class M(nn.Module):\n    def forward(self, x):\n        return torch.matmul(x, x)\n", ones(2, 3));
        assertAt(op, "torch.matmul(x, x)", "");
        JitScopeException overload = forwardFails("class M(nn.Module):\n    def forward(self, x):\n        return torch.relu(x, 'no')\n", ones(2));
        assertAt(overload, "torch.relu(x, 'no')", "no overload of aten::relu");
    }

    @Test
    void aRunawayLoopStopsWhenInterrupted() throws Exception {
        EagerSession s = load("class M(nn.Module):\n    def forward(self, x):\n        while True:\n            x = x + 1\n        return x\n");
        ModuleInstance m = s.instantiate("M", List.of(), Map.of());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                s.call(m, "forward", List.of(ones(1)));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(10_000);
        assertTrue(!t.isAlive(), "the loop stopped");
        assertTrue(failure.get() instanceof JitScopeException je && je.getMessage().equals("interrupted"), String.valueOf(failure.get()));
    }

    @Test
    void runawayRecursionAndBadBuiltinArgumentsAreDiagnostics() {
        JitScopeException deep = assertThrows(JitScopeException.class,
                () -> load("def f(n):\n    return f(n + 1)\n\nf(0)\n"));
        assertTrue(deep.getMessage().startsWith("RecursionError"), deep.getMessage());
        assertAt(forwardFails("class M(nn.Module):\n    def forward(self, x):\n        return enumerate(x, 'one')\n", ones(2)),
                "enumerate(x, 'one')", "TypeError");
    }
}
