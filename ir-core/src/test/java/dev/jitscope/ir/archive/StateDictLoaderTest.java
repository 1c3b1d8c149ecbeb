package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The state_dict of module instances and loading weights into them (PyTorch archives: ModelExporterPyTorchTest). */
class StateDictLoaderTest {
    static ScriptObject linear(Tensor weight, Tensor bias) {
        ClassType t = new ClassType("__torch__.Lin", true);
        t.addAttribute("steps", TensorType.INSTANCE, ClassType.AttributeKind.BUFFER);
        t.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        t.addAttribute("bias", OptionalType.of(TensorType.INSTANCE), ClassType.AttributeKind.PARAMETER);
        ScriptObject o = new ScriptObject(t);
        o.setAttr("steps", Tensor.contiguous(Storage.wrap(new long[] {0})));
        o.setAttr("weight", weight);
        o.setAttr("bias", bias);
        return o;
    }

    static ScriptObject net(ScriptObject a, ScriptObject b) {
        ClassType t = new ClassType("__torch__.Net", true);
        t.addAttribute("a", a.type(), ClassType.AttributeKind.PLAIN);
        t.addAttribute("k", IntType.INSTANCE, ClassType.AttributeKind.PLAIN);
        t.addAttribute("b", b.type(), ClassType.AttributeKind.PLAIN);
        ScriptObject o = new ScriptObject(t);
        o.setAttr("a", a);
        o.setAttr("k", 3L);
        o.setAttr("b", b);
        return o;
    }

    static Tensor floats(float... v) { return Tensor.contiguous(Storage.wrap(v), v.length); }

    @Test
    void parametersThenBuffersThenSubmodulesAndNoneIsLeftOut() {
        ScriptObject net = net(linear(floats(1, 2), floats(3)), linear(floats(4), null));
        assertEquals(List.of("a.weight", "a.bias", "a.steps", "b.weight", "b.steps"), List.copyOf(StateDictLoader.stateDict(net).keySet()));
    }

    @Test
    void valuesAreConvertedToTheModelsDtypesAndSharedTensorsStayShared() {
        Tensor shared = floats(1, 2);
        ScriptObject net = net(linear(shared, floats(0)), linear(shared, null));
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("a.weight", Tensor.contiguous(Storage.wrap(new double[] {0.25, 0.5}), 2));
        w.put("a.bias", floats(7));
        w.put("a.steps", Tensor.contiguous(Storage.wrap(new long[] {(1L << 60) + 1})));
        w.put("b.weight", Tensor.contiguous(Storage.wrap(new double[] {0.25, 0.5}), 2));
        w.put("b.steps", Tensor.contiguous(Storage.wrap(new long[] {5})));
        StateDictLoader.load(net, w, "weights.pt");
        ScriptObject a = (ScriptObject) net.getAttr("a"), b = (ScriptObject) net.getAttr("b");
        assertSame(shared, a.getAttr("weight"));
        assertSame(a.getAttr("weight"), b.getAttr("weight"));
        assertArrayEquals(new float[] {0.25f, 0.5f}, shared.storage().floats());
        assertEquals((1L << 60) + 1, ((Tensor) a.getAttr("steps")).storage().longs()[0], "int64 copied exactly");
    }

    @Test
    void everyProblemIsListedAndNothingChanges() {
        ScriptObject net = net(linear(floats(1, 2), floats(3)), linear(floats(4), null));
        Map<String, Tensor> w = new LinkedHashMap<>(StateDictLoader.stateDict(net));
        w.remove("b.steps");
        w.put("a.weight", floats(9, 9, 9));
        w.put("c.weight", floats(1));
        JitScopeException e = assertThrows(JitScopeException.class, () -> StateDictLoader.load(net, w, "w.pt"));
        assertEquals("w.pt: error: the weights do not fit the state_dict of __torch__.Net:\n  missing keys: b.steps\n"
                + "  unexpected keys: c.weight\n  size mismatch for a.weight: [3] in the file, [2] in the model", e.render());
        assertEquals(1.0, StateDictLoader.stateDict(net).get("a.weight").getDouble(0));
    }

    @Test
    void modulesSharedLevelAfterLevelAreRefusedQuickly() {
        ScriptObject m = linear(floats(1), null);
        for (int i = 0; i < 60; i++) m = net(m, m);   // 2^60 paths to the innermost module
        ScriptObject top = m;
        JitScopeException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(JitScopeException.class, () -> StateDictLoader.stateDict(top)));
        assertTrue(e.getMessage().contains("more than 100000 module paths"), e.getMessage());
    }
}
