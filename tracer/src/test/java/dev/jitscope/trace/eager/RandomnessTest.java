package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** torch.manual_seed makes random creation, nn.init and training-mode dropout reproducible. */
class RandomnessTest {
    private static final String SRC = """
            import torch
            import torch.nn as nn
            import torch.nn.functional as F


            class R(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(8, 8)

                def forward(self, x):
                    a = torch.randn(4, 5)
                    b = torch.rand(100)
                    c = torch.randint(3, 7, (50,))
                    d = F.dropout(x, 0.25, self.training)
                    return a, b, c, d, self.fc.weight
            """;

    private static Tuple run(long seed) {
        EagerSession s = EagerSession.load(new Source("r.py", SRC), LibraryResolver.standard(), new java.io.PrintStream(new ByteArrayOutputStream()));
        s.manualSeed(seed);
        ModuleInstance m = s.instantiate("R", List.of(), Map.of());
        float[] ones = new float[4000];
        java.util.Arrays.fill(ones, 1f);
        return (Tuple) s.call(m, "forward", List.of(Tensor.contiguous(dev.jitscope.tensor.Storage.wrap(ones), 4000)));
    }

    private static double[] values(Object t) {
        Tensor x = (Tensor) t;
        double[] v = new double[x.numel()];
        for (int i = 0; i < v.length; i++) v[i] = x.getDouble(i);
        return v;
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        Tuple a = run(3), b = run(3), c = run(4);
        for (int i = 0; i < a.size(); i++) assertEquals(List.of(boxed(values(a.get(i)))), List.of(boxed(values(b.get(i)))), "output " + i);
        assertNotEquals(List.of(boxed(values(a.get(0)))), List.of(boxed(values(c.get(0)))));
    }

    @Test
    void distributionsHaveTheirRanges() {
        Tuple t = run(11);
        for (double v : values(t.get(1))) assertTrue(v >= 0 && v < 1, "rand in [0, 1): " + v);
        for (double v : values(t.get(2))) assertTrue(v >= 3 && v < 7 && v == Math.rint(v), "randint in [3, 7): " + v);
        double bound = 1 / Math.sqrt(8);
        for (double v : values(t.get(4))) assertTrue(Math.abs(v) <= bound, "Linear init within 1/sqrt(fan_in): " + v);
        double[] d = values(t.get(3));
        long dropped = java.util.Arrays.stream(d).filter(v -> v == 0).count();
        for (double v : d) assertTrue(v == 0 || Math.abs(v - 1 / 0.75) < 1e-6, "kept values scaled by 1/(1-p): " + v);
        assertTrue(dropped > 0.2 * d.length && dropped < 0.3 * d.length, "about a quarter dropped: " + dropped);
    }

    @Test
    void userCodeReachesNnInitUnderNoGrad() {
        String src = """
                import torch
                from torch import nn
                from torch.nn import functional as F


                class W(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.w = nn.Parameter(torch.empty(3, 4))
                        self.v = nn.Parameter(torch.empty(5))
                        with torch.no_grad():
                            nn.init.constant_(self.w, 0.5)
                            nn.init.zeros_(self.v)

                    @torch.jit.unused
                    def debug(self):
                        return torch.jit.is_scripting()

                    def forward(self, x):
                        return F.linear(x, self.w)
                """;
        EagerSession s = EagerSession.load(new Source("w.py", src), LibraryResolver.standard(), new java.io.PrintStream(new ByteArrayOutputStream()));
        ModuleInstance m = s.instantiate("W", List.of(), Map.of());
        for (double v : values(m.parameters().get("w"))) assertEquals(0.5, v);
        for (double v : values(m.parameters().get("v"))) assertEquals(0.0, v);
        assertEquals(java.util.Set.of("debug"), m.type().ignoredMethods());
        assertEquals(false, s.call(m, "debug", List.of()));
    }

    private static Double[] boxed(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
