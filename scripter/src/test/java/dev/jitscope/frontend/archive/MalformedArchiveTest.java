package dev.jitscope.frontend.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real PyTorch archive, damaged one way at a time: loading it fails with one JitScopeException
 * whose one-line diagnostic names the entry and what was expected, never with another exception.
 */
class MalformedArchiveTest {
    @TempDir static Path dir;
    static Path tiny;
    static Path quantized;

    @BeforeAll
    static void makeModel() throws Exception {
        String prepared = System.getProperty("jitscope.archive.models");
        if (prepared != null) {
            tiny = Path.of(prepared).resolve("tiny.pt");
            quantized = Path.of(prepared).resolve("quantized.pt");
            return;
        }
        PythonReference.requirePyTorch();
        PythonReference.runResource(MalformedArchiveTest.class, "/dev/jitscope/frontend/archive/make_models.py", dir, List.of(dir.toString(), "tiny", "quantized"), 900);
        tiny = dir.resolve("tiny.pt");
        quantized = dir.resolve("quantized.pt");
    }

    /** Loads the damaged file and returns the single-line diagnostic. */
    static String diagnostic(Path file) {
        JitScopeException e = assertThrows(JitScopeException.class, () -> ModelImporter.load(file));
        String text = e.render();
        assertFalse(text.contains("\n"), "one line: " + text);
        return text;
    }

    static Path damaged(String name, Consumer<Map<String, byte[]>> change) throws Exception {
        return ZipRewriter.rewrite(tiny, dir.resolve(name + ".pt"), change);
    }

    static byte[] replace(byte[] data, byte[] from, byte[] to) {
        int at = indexOf(data, from);
        assertTrue(at >= 0, "pattern present in the real pickle");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, at);
        out.writeBytes(to);
        out.write(data, at + from.length, data.length - at - from.length);
        return out.toByteArray();
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
            return i;
        }
        return -1;
    }

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    @Test
    void notAZip() throws Exception {
        Path f = Files.writeString(dir.resolve("notzip.pt"), "def forward(self, x):\n    return x\n");
        String d = diagnostic(f);
        assertTrue(d.contains("notzip.pt") && d.contains("not a zip file"), d);
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.write(dir.resolve("empty.pt"), new byte[0]);
        String d = diagnostic(f);
        assertTrue(d.contains("empty.pt") && d.contains("empty"), d);
    }

    @Test
    void missingDataPkl() throws Exception {
        String d = diagnostic(damaged("nodata", e -> e.remove("tiny/data.pkl")));
        assertTrue(d.contains("missing entry 'tiny/data.pkl'"), d);
    }

    @Test
    void missingCodeFileOfAClass() throws Exception {
        String d = diagnostic(damaged("nocode", e -> e.remove("tiny/code/__torch__/torch/nn/modules/linear.py")));
        assertTrue(d.contains("missing code file 'tiny/code/__torch__/torch/nn/modules/linear.py'")
                && d.contains("__torch__.torch.nn.modules.linear.Linear"), d);
    }

    @Test
    void truncatedStorage() throws Exception {
        String d = diagnostic(damaged("truncstorage", e -> e.put("tiny/data/0", Arrays.copyOf(e.get("tiny/data/0"), 10))));
        assertTrue(d.contains("tiny/data/0") && d.contains("truncated") && d.contains("expected"), d);
    }

    @Test
    void storageLargerThanDeclared() throws Exception {
        String d = diagnostic(damaged("bigstorage", e -> e.put("tiny/data/0", Arrays.copyOf(e.get("tiny/data/0"), 1000))));
        assertTrue(d.contains("tiny/data/0") && d.contains("size mismatch"), d);
    }

    @Test
    void forbiddenGlobal() throws Exception {
        String d = diagnostic(damaged("evil", e -> e.put("tiny/data.pkl",
                replace(e.get("tiny/data.pkl"), ascii("collections\nOrderedDict\n"), ascii("os\nsystem\n")))));
        assertTrue(d.contains("tiny/data.pkl") && d.contains("global 'os.system' is not allowed")
                && d.contains("expected torch tensor/storage rebuild functions or __torch__ classes"), d);
    }

    @Test
    void unsupportedVersion() throws Exception {
        String d = diagnostic(damaged("version", e -> e.put("tiny/version", ascii("99\n"))));
        assertTrue(d.contains("tiny/version") && d.contains("unsupported archive format version 99"), d);
    }

    @Test
    void truncatedPickle() throws Exception {
        String d = diagnostic(damaged("truncpickle", e -> e.put("tiny/data.pkl", Arrays.copyOf(e.get("tiny/data.pkl"), 300))));
        assertTrue(d.contains("tiny/data.pkl") && d.contains("corrupted pickle"), d);
    }

    @Test
    void missingStorageEntry() throws Exception {
        String d = diagnostic(damaged("nostorage", e -> e.remove("tiny/data/1")));
        assertTrue(d.contains("missing storage entry 'tiny/data/1'"), d);
    }

    @Test
    void hugeDeclaredStorageIsRefusedBeforeAllocation() throws Exception {
        // the first storage id ends "... 'cpu' <BINPUT n> K <numel> t": declare two billion elements instead
        String d = diagnostic(damaged("huge", e -> {
            byte[] pkl = e.get("tiny/data.pkl");
            int at = indexOf(pkl, ascii("cpu")) + 3 + 2;   // skip BINPUT and its memo index
            assertEquals('K', pkl[at]);
            byte[] huge = {'J', 0, (byte) 0x94, 0x35, 0x77};   // BININT 2_000_000_000, little-endian
            e.put("tiny/data.pkl", replace(pkl, Arrays.copyOfRange(pkl, at, at + 2), huge));
        }));
        assertTrue(d.contains("tiny/data/") && d.contains("2000000000") && d.contains("out of range"), d);
    }

    @Test
    void entryOutsideTheTopFolder() throws Exception {
        String d = diagnostic(damaged("outside", e -> e.put("other/evil.py", ascii("x"))));
        assertTrue(d.contains("'other/evil.py' is outside the archive's top folder 'tiny/'"), d);
    }

    @Test
    void quantizedModelsAreNamedAsUnsupported() {
        String d = diagnostic(quantized);
        assertTrue(d.contains("quantized/data.pkl") && d.contains("quantized tensors") && d.contains("not supported"), d);
    }
}
