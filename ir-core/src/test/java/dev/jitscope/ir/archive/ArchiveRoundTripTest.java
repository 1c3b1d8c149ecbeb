package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.DeviceType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What ArchiveWriter writes, ArchiveReader reads back: values, shared storages, views, layout. */
class ArchiveRoundTripTest {
    @TempDir Path dir;

    private static ClassType linearType() {
        ClassType t = new ClassType("__torch__.torch.nn.modules.linear.Linear", true);
        t.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        t.addAttribute("view", TensorType.INSTANCE, ClassType.AttributeKind.BUFFER);
        return t;
    }

    private ScriptObject model() {
        ClassType root = new ClassType("__torch__.Net", true);
        root.addAttribute("lin", linearType(), ClassType.AttributeKind.PLAIN);
        root.addAttribute("ints", ListType.of(IntType.INSTANCE), ClassType.AttributeKind.PLAIN);
        root.addAttribute("scales", DictType.of(StringType.INSTANCE, FloatType.INSTANCE), ClassType.AttributeKind.PLAIN);
        root.addAttribute("half", TensorType.INSTANCE, ClassType.AttributeKind.BUFFER);
        root.addAttribute("pair", TupleType.of(IntType.INSTANCE, StringType.INSTANCE), ClassType.AttributeKind.PLAIN);
        root.addAttribute("dev", DeviceType.INSTANCE, ClassType.AttributeKind.PLAIN);
        ScriptObject net = new ScriptObject(root);
        ScriptObject lin = new ScriptObject((ClassType) root.attribute("lin").type());
        Tensor w = Tensor.contiguous(Storage.wrap(new float[] {1, -2, 3.5f, 4, 5, 6}), 2, 3);
        w.setRequiresGrad(true);
        lin.setAttr("weight", w);
        lin.setAttr("view", new Tensor(w.storage(), new int[] {2, 2}, new int[] {3, 1}, 1));
        net.setAttr("lin", lin);
        net.setAttr("ints", new ArrayList<>(List.of(1L, 2L, 3L)));
        Map<Object, Object> scales = new LinkedHashMap<>();
        scales.put("b", 0.5);
        scales.put("a", 2.0);
        net.setAttr("scales", scales);
        Storage half = Storage.allocate(DType.FLOAT16, 3);
        half.floats()[0] = 1.5f; half.floats()[1] = -0.000061035156f; half.floats()[2] = 65504f;
        net.setAttr("half", Tensor.contiguous(half, 3));
        net.setAttr("pair", Tuple.of(7L, "x"));
        net.setAttr("dev", Device.CPU);
        return net;
    }

    private Path write(ScriptObject root, long version) {
        Path p = dir.resolve("net.pt");
        try (ArchiveWriter w = ArchiveWriter.create(p, "net")) {
            w.writeData(root);
            w.writeCode("__torch__", "class Net(Module):\n  pass\n");
            w.writeConstants(List.of(Tensor.contiguous(Storage.wrap(new long[] {4, 5}), 2)));
            w.writeVersion(version);
        }
        return p;
    }

    @Test
    void valuesSharedStoragesAndViewsSurvive() {
        try (ArchiveReader r = ArchiveReader.open(write(model(), 3))) {
            assertEquals(3, r.version());
            assertEquals("net", r.topFolder());
            assertEquals(List.of("__torch__"), r.listCode());
            assertTrue(r.code("__torch__").startsWith("class Net"));
            PickledObject net = (PickledObject) r.data();
            assertEquals("__torch__.Net", net.qualifiedName());
            Map<?, ?> state = (Map<?, ?>) net.state();
            PickledObject lin = (PickledObject) state.get("lin");
            Map<?, ?> linState = (Map<?, ?>) lin.state();
            Tensor w = (Tensor) linState.get("weight"), view = (Tensor) linState.get("view");
            assertArrayEquals(new float[] {1, -2, 3.5f, 4, 5, 6}, w.storage().floats());
            assertTrue(w.requiresGrad());
            assertSame(w.storage(), view.storage(), "one storage record, shared");
            assertEquals(1, view.offset());
            assertArrayEquals(new int[] {3, 1}, view.strides());
            assertEquals(-2.0, view.getDouble(0));
            assertEquals(List.of(1L, 2L, 3L), state.get("ints"));
            assertEquals(List.of("b", "a"), List.copyOf(((Map<?, ?>) state.get("scales")).keySet()));
            assertArrayEquals(new float[] {1.5f, -0.000061035156f, 65504f}, ((Tensor) state.get("half")).storage().floats());
            assertEquals(Tuple.of(7L, "x"), state.get("pair"));
            assertEquals(Device.CPU, state.get("dev"));
            List<Object> constants = r.constants();
            assertArrayEquals(new long[] {4, 5}, ((Tensor) constants.get(0)).storage().longs());
            assertTrue(r.hasRecord("data/0") && r.hasRecord("constants/0"));
        }
    }

    @Test
    void versionsOutsideWhat113ReadsAreRefused() {
        try (ArchiveReader r = ArchiveReader.open(write(model(), 11))) {
            JitScopeException e = assertThrows(JitScopeException.class, r::version);
            assertTrue(e.render().contains("net/version") && e.render().contains("unsupported archive format version 11"), e.render());
        }
    }

    @Test
    void aMissingRecordIsNamed() {
        try (ArchiveReader r = ArchiveReader.open(write(model(), 3))) {
            JitScopeException e = assertThrows(JitScopeException.class, () -> r.record("extra/data.pkl"));
            assertTrue(e.render().contains("missing entry 'net/extra/data.pkl'"), e.render());
        }
    }

    @Test
    void halfFloatsRoundToNearestEven() {
        assertEquals((short) 0x3c00, HalfFloats.toHalf(1.0f));
        assertEquals((short) 0x3c00, HalfFloats.toHalf(1.0f + 0x1p-11f), "tie rounds to even");
        assertEquals((short) 0x3c01, HalfFloats.toHalf(1.0f + 0x1p-11f + 0x1p-20f));
        assertEquals((short) 0x7c00, HalfFloats.toHalf(1e6f));
        assertEquals((short) 0x0001, HalfFloats.toHalf(0x1p-24f));
        assertEquals((short) 0x3f80, HalfFloats.toBFloat16(1.0f));
    }

    @Test
    void recordDataIsAlignedLikePyTorchWrites() throws Exception {
        byte[] zip = java.nio.file.Files.readAllBytes(write(model(), 3));
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int pos = 0, entries = 0;
        while (bb.getInt(pos) == 0x04034b50) {   // local file headers, one per record
            int size = bb.getInt(pos + 18), nameLen = bb.getShort(pos + 26) & 0xffff, extraLen = bb.getShort(pos + 28) & 0xffff;
            int data = pos + 30 + nameLen + extraLen;
            assertEquals(0, data % ArchiveWriter.ALIGNMENT, "data of entry " + entries);
            pos = data + size;
            entries++;
        }
        assertTrue(entries >= 6, "all records seen: " + entries);
    }
}
