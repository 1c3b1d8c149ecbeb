package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile pickles written by hand (random damage of real archives: ArchiveFuzzTest in the scripter):
 * nothing outside the allowlist is resolved, and sizes and strides from the file cannot reach outside
 * the storage or overflow the indexing.
 */
class RestrictedUnpicklerTest {
    /** A protocol-2 pickle, opcode by opcode. */
    static final class PickleBytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        PickleBytes() { out.write(0x80); out.write(2); }
        PickleBytes op(int... bytes) { for (int b : bytes) out.write(b); return this; }
        PickleBytes global(String module, String name) { out.write('c'); out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8)); return this; }
        PickleBytes str(String s) { byte[] b = s.getBytes(StandardCharsets.UTF_8); out.write('X'); int32(b.length); out.writeBytes(b); return this; }
        PickleBytes integer(int v) { out.write('J'); return int32(v); }
        PickleBytes int32(int v) { for (int i = 0; i < 4; i++) out.write(v >>> (8 * i)); return this; }
        PickleBytes ints(int... v) { out.write('('); for (int x : v) integer(x); out.write('t'); return this; }
        byte[] stop() { out.write('.'); return out.toByteArray(); }

        /** _rebuild_tensor_v2(storage of 'numel' floats, offset, size, stride, False, OrderedDict()). */
        static byte[] tensor(int numel, int offset, int[] size, int[] stride) {
            PickleBytes p = new PickleBytes().global("torch._utils", "_rebuild_tensor_v2").op('(');
            p.op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(numel).op('t', 'Q');
            p.integer(offset).ints(size).ints(stride).op(0x89).global("collections", "OrderedDict").op(')', 'R', 't', 'R');
            return p.stop();
        }
    }

    static Object read(byte[] pickle) {
        return new RestrictedUnpickler("test.pkl", (key, dtype, numel) -> Storage.allocate(dtype, (int) numel)).read(pickle);
    }

    static String refused(byte[] pickle) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(JitScopeException.class, () -> read(pickle)).render());
    }

    @Test
    void anAllowedTensorLoads() {
        Tensor t = (Tensor) read(PickleBytes.tensor(6, 1, new int[] {2, 2}, new int[] {3, 1}));
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertEquals(1, t.offset());
    }

    @Test
    void stridesThatOverflowIndexingAreRefused() {
        int big = Integer.MAX_VALUE;
        String msg = refused(PickleBytes.tensor(6, 0, new int[] {big, big, big, big}, new int[] {big, big, big, big}));
        assertTrue(msg.contains("overflows 64-bit indexing"), msg);
    }

    @Test
    void expandedTensorsBeyondIntIndexingAreRefused() {
        String msg = refused(PickleBytes.tensor(1, 0, new int[] {65536, 65536}, new int[] {0, 0}));
        assertTrue(msg.contains("more than 2147483647"), msg);
    }

    @Test
    void viewsOutsideTheirStorageAreRefused() {
        assertTrue(refused(PickleBytes.tensor(6, 0, new int[] {2, 4}, new int[] {3, 1})).contains("does not fit its storage of 6"));
        assertTrue(refused(PickleBytes.tensor(6, 1000, new int[] {0}, new int[] {1})).contains("at offset 1000"));
    }

    @Test
    void globalsOutsideTheAllowlistAreNeverResolved() {
        for (List<String> g : List.of(List.of("os", "system"), List.of("builtins", "eval"), List.of("__builtin__", "getattr"),
                List.of("torch", "load"), List.of("subprocess", "Popen"))) {
            byte[] p = new PickleBytes().global(g.get(0), g.get(1)).op('(').str("touch /tmp/pwned").op('t', 'R').stop();
            String msg = refused(p);
            assertTrue(msg.contains("test.pkl: error: global '" + g.get(0) + "." + g.get(1) + "' is not allowed"), msg);
        }
    }

    @Test
    void lengthsBeyondTheEntryAreRefusedBeforeAllocation() {
        byte[] p = new PickleBytes().op('X').int32(-1).stop();   // a 4 GiB string
        assertTrue(refused(p).contains("runs past the end of the entry"));
    }

    @Test
    void selfReferentialContainersLoadWithoutHanging() {
        // a list appended to itself 1000 times through the memo
        PickleBytes p = new PickleBytes().op(']', 'q', 0, '(');
        for (int i = 0; i < 1000; i++) p.op('h', 0);
        Object v = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> read(p.op('e').stop()));
        List<?> l = (List<?>) v;
        assertEquals(1000, l.size());
        assertSame(l, l.get(999));
    }
}
