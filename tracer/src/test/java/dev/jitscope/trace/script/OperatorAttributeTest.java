package dev.jitscope.trace.script;

import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A module attribute holding a builtin (F.gelu is torch.gelu, torch.tanh) scripts into the operator
 * itself, as PyTorch's function attributes do; one holding a script function (F.relu) stays a call.
 */
class OperatorAttributeTest {
    static final String SOURCE = """
            import torch
            import torch.nn as nn
            import torch.nn.functional as F

            class Gelu(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.act = F.gelu

                def forward(self, x):
                    return self.act(x)

            class Tanh(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.act = torch.tanh

                def forward(self, x):
                    return self.act(x) * 2

            class Relu(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.act = F.relu

                def forward(self, x):
                    return self.act(x)
            """;

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"Gelu", "Tanh", "Relu"})
    void scriptsAsPyTorchDoesAndComputesTheSame(String className) throws Exception {
        ScriptReference ref = new ScriptReference(dir, SOURCE, className);
        float[] v = new float[9];
        for (int i = 0; i < v.length; i++) v[i] = -2f + 0.5f * i;
        Tensor x = Tensor.contiguous(Storage.wrap(v), 3, 3);
        ScriptReference.Answer pyTorch = ref.askPyTorch(List.of(List.of(x)));
        assertEquals(pyTorch.ops(), ref.ourOps());
        // the attribute was compile-time only: no slot, nothing saved
        assertFalse(ref.scripted.type().constants().containsKey("act"));
        assertNull(ref.scripted.type().attribute("act"));
        List<Object> ours = ref.run(List.of(x));
        ScriptReference.assertSameValues(pyTorch.scripted().get(0), ours, className + " scripted by PyTorch");
        ScriptReference.assertSameValues(pyTorch.loaded().get(0), ours, className + " saved here, loaded by PyTorch");
    }
}
