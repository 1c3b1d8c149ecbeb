package dev.jitscope.tensor;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NpyTest {
    @TempDir Path dir;

    /** Runs numpy; skips outside CI when it is missing. Returns stdout. */
    static String python(Path dir, String code) throws IOException, InterruptedException {
        return PythonReference.runCode(dir, code, 120);
    }

    @Test
    void readsEveryDtypeInBothByteOrdersAndFortranOrder() throws Exception {
        String code = String.join("\n",
                "import numpy as np",
                "rng = np.random.default_rng(0)",
                "cases = []",
                "for t in ['f4','f8','i8','i4','i2','i1','u1','f2']:",
                "  for bo in ['<','>']:",
                "    a = (rng.standard_normal((3,4)) * 50).astype(bo + t)",
                "    cases.append((t + bo.replace('<','le').replace('>','be'), a))",
                "cases.append(('bool', rng.standard_normal((2,5)) > 0))",
                "cases.append(('fortran', np.asfortranarray(np.arange(24, dtype='f4').reshape(2,3,4))))",
                "cases.append(('scalar', np.array(3.5, dtype='f8')))",
                "cases.append(('empty', np.zeros((0,3), dtype='i8')))",
                "for name, a in cases:",
                "  np.save(name + '.npy', a)",
                "  print(name, a.dtype.itemsize, ' '.join(repr(float(x)) for x in np.ascontiguousarray(a).astype('f8').ravel()), '|', ' '.join(map(str, a.shape)))");
        String out = python(dir, code);
        int checked = 0;
        for (String line : out.strip().split("\n")) {
            String[] halves = line.split("\\|", -1);
            String[] head = halves[0].trim().split(" ");
            String name = head[0];
            int[] shape = halves[1].isBlank() ? new int[0] : Arrays.stream(halves[1].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            Tensor t = Npy.read(dir.resolve(name + ".npy"));
            assertArrayEquals(shape, t.shape(), name);
            for (int i = 0; i < t.numel(); i++)
                assertEquals(Double.parseDouble(head[2 + i]), t.getDouble(i), 0.0, name + " element " + i);
            if (name.startsWith("f2")) assertEquals(DType.FLOAT32, t.dtype(), "float16 widens to float32");
            if (name.equals("bool")) assertEquals(DType.BOOL, t.dtype());
            if (name.equals("fortran")) assertFalse(t.isContiguous(), "Fortran order is a column-major view");
            checked++;
        }
        assertEquals(20, checked);
    }

    @Test
    void numpyReadsWhatWeWriteIncludingNonContiguousViews() throws Exception {
        float[] f = new float[12];
        for (int i = 0; i < f.length; i++) f[i] = i * 0.25f - 1;
        Tensor base = Tensor.contiguous(Storage.wrap(f), 3, 4);
        Tensor transposed = new Tensor(base.storage(), new int[]{4, 3}, new int[]{1, 4}, 0);
        Npy.write(dir.resolve("t.npy"), transposed);
        Npy.write(dir.resolve("l.npy"), Tensor.contiguous(Storage.wrap(new long[]{Long.MAX_VALUE, -7, 0}), 3));
        Npy.write(dir.resolve("s.npy"), Tensor.contiguous(Storage.wrap(new double[]{2.5})));
        Npy.write(dir.resolve("b.npy"), Tensor.contiguous(Storage.wrap(DType.BOOL, new byte[]{1, 0, 1, 1}), 2, 2));
        Tensor half = Tensor.contiguous(Storage.allocate(DType.FLOAT16, 3), 3);
        half.storage().floats()[0] = 1.5f; half.storage().floats()[1] = -65504f; half.storage().floats()[2] = 1e-6f;
        Npy.write(dir.resolve("h.npy"), half);
        String out = python(dir, String.join("\n",
                "import numpy as np",
                "t = np.load('t.npy'); assert t.dtype == np.float32 and t.shape == (4,3), t",
                "assert (t == (np.arange(12, dtype='f4') * 0.25 - 1).reshape(3,4).T).all(), t",
                "l = np.load('l.npy'); assert l.dtype == np.int64 and list(l) == [2**63-1, -7, 0], l",
                "s = np.load('s.npy'); assert s.shape == () and s == 2.5, s",
                "b = np.load('b.npy'); assert b.dtype == np.bool_ and b.tolist() == [[True, False], [True, True]], b",
                "h = np.load('h.npy'); assert h.dtype == np.float16 and (h == np.array([1.5, -65504, 1e-6], dtype='f2')).all(), h",
                "print('ok')"));
        assertEquals("ok", out.strip());
    }

    @Test
    void malformedFilesNameTheFileAndWhatWasExpected() throws Exception {
        Path bad = dir.resolve("bad.npy");
        Files.write(bad, "hello".getBytes(StandardCharsets.US_ASCII));
        JitScopeException e = assertThrows(JitScopeException.class, () -> Npy.read(bad));
        assertTrue(e.render().startsWith(bad.toString() + ": error: not a .npy file"), e.render());

        byte[] good = Npy.encode(Tensor.contiguous(Storage.wrap(new float[]{1, 2, 3}), 3));
        Path shortFile = dir.resolve("short.npy");
        Files.write(shortFile, Arrays.copyOf(good, good.length - 4));
        e = assertThrows(JitScopeException.class, () -> Npy.read(shortFile));
        assertTrue(e.getMessage().contains("needs 12 data bytes but the file has 8"), e.getMessage());

        String text = new String(good, StandardCharsets.ISO_8859_1);
        Path complex = dir.resolve("complex.npy");
        Files.write(complex, text.replace("'<f4'", "'<c8'").getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(JitScopeException.class, () -> Npy.read(complex));
        assertTrue(e.getMessage().contains("unsupported .npy dtype '<c8'"), e.getMessage());

        Path noShape = dir.resolve("noshape.npy");
        Files.write(noShape, text.replace("'shape'", "'shapf'").getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(JitScopeException.class, () -> Npy.read(noShape));
        assertTrue(e.getMessage().contains("expected a 'shape' entry"), e.getMessage());

        e = assertThrows(JitScopeException.class, () -> Npy.read(dir.resolve("missing.npy")));
        assertTrue(e.render().contains("missing.npy"), e.render());
    }

    @Test
    void halfConversionRoundsToNearestEven() {
        for (int h = 0; h < 0x10000; h++) {
            if ((h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0) continue;  // NaN payloads
            float f = Storage.halfToFloat((short) h);
            assertEquals((short) h, Npy.floatToHalf(f), "half 0x" + Integer.toHexString(h));
        }
    }
}
