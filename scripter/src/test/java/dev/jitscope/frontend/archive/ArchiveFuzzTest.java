package dev.jitscope.frontend.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.archive.ArchiveReader;
import dev.jitscope.ir.archive.RestrictedUnpickler;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Security review of archive loading, fuzz style: real PyTorch archives with random byte changes and
 * truncations (of the whole file, of the pickles with a valid zip around them, of the code files)
 * load or fail with a {@link JitScopeException}; never another exception, a hang or a large
 * allocation. Seeds are fixed, and every failure names the seed and case so it can be replayed.
 */
class ArchiveFuzzTest {
    /** What one load may allocate: far above a real load of these small models (a few MB). */
    static final long MAX_ALLOCATED_BYTES = 256L << 20;
    static final Duration MAX_TIME = Duration.ofSeconds(10);

    @TempDir static Path dir;
    static Path models;

    @BeforeAll
    static void makeModels() throws Exception {
        String prepared = System.getProperty("jitscope.archive.models");
        if (prepared != null) {
            models = Path.of(prepared);
            return;
        }
        PythonReference.requirePyTorch();
        models = dir;
        PythonReference.runResource(ArchiveFuzzTest.class, "/dev/jitscope/frontend/archive/make_models.py", dir, List.of(dir.toString(), "tiny", "attrs", "traced_constant"), 900);
    }

    /** Runs one damaged load: it may succeed or throw a JitScopeException, quickly and without huge allocations. */
    static void survives(String what, Supplier<Object> load) {
        assertTimeoutPreemptively(MAX_TIME, () -> {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            try {
                load.get();
            } catch (JitScopeException expected) {
                String text = expected.render();
                assertFalse(text.isBlank(), what);
            } catch (Throwable t) {
                throw new AssertionError(what + ": " + t, t);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < MAX_ALLOCATED_BYTES, what + " allocated " + (allocated >> 20) + " MB");
        }, what + " took longer than " + MAX_TIME);
    }

    static byte[] flip(byte[] data, Random r) {
        byte[] out = data.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(out.length);
            out[at] = switch (r.nextInt(3)) {
                case 0 -> (byte) (out[at] ^ (1 << r.nextInt(8)));
                case 1 -> (byte) r.nextInt(256);
                default -> (byte) (r.nextBoolean() ? 0xff : 0x7f);   // extreme lengths and counts
            };
        }
        return out;
    }

    static byte[] truncate(byte[] data, Random r) { return java.util.Arrays.copyOf(data, r.nextInt(data.length)); }

    @Test
    void damagedArchiveFilesFailCleanly() throws Exception {
        for (String model : List.of("tiny", "attrs", "traced_constant")) {
            byte[] original = Files.readAllBytes(models.resolve(model + ".pt"));
            Random r = new Random(model.hashCode());
            for (int i = 0; i < 60; i++) {
                boolean cut = i % 4 == 3;
                Path file = dir.resolve("fuzz_" + model + "_" + i + ".pt");
                Files.write(file, cut ? truncate(original, r) : flip(original, r));
                survives(model + " case " + i + (cut ? " (truncated)" : " (flipped)"), () -> ModelImporter.load(file));
                Files.delete(file);
            }
        }
    }

    @Test
    void damagedPicklesFailCleanly() throws Exception {
        for (String model : List.of("tiny", "attrs", "traced_constant")) {
            Path archive = models.resolve(model + ".pt");
            try (ArchiveReader reader = ArchiveReader.open(archive)) {
                for (String pkl : List.of("data", "constants")) {
                    byte[] original = reader.record(pkl + ".pkl");
                    Random r = new Random(31L * model.hashCode() + pkl.hashCode());
                    for (int i = 0; i < 400; i++) {
                        byte[] damaged = i % 5 == 4 ? truncate(original, r) : flip(original, r);
                        String what = model + "/" + pkl + ".pkl case " + i;
                        survives(what, () -> new RestrictedUnpickler(what,
                                (key, dtype, numel) -> reader.storage(pkl, key, dtype, numel)).read(damaged));
                    }
                }
            }
        }
    }

    @Test
    void damagedPicklesInsideValidZipsFailCleanly() throws Exception {
        Path tiny = models.resolve("tiny.pt");
        Random r = new Random(7);
        for (int i = 0; i < 80; i++) {
            int c = i;
            Path file = ZipRewriter.rewrite(tiny, dir.resolve("pkl_" + i + ".pt"), entries -> {
                for (Map.Entry<String, byte[]> e : entries.entrySet())
                    if (e.getKey().endsWith("/data.pkl")) e.setValue(c % 5 == 4 ? truncate(e.getValue(), r) : flip(e.getValue(), r));
            });
            survives("tiny data.pkl in zip case " + i, () -> ModelImporter.load(file));
        }
    }

    @Test
    void damagedCodeFilesFailCleanly() throws Exception {
        Path tiny = models.resolve("tiny.pt");
        Random r = new Random(11);
        for (int i = 0; i < 80; i++) {
            int c = i;
            Path file = ZipRewriter.rewrite(tiny, dir.resolve("code_" + i + ".pt"), entries -> {
                List<String> code = new ArrayList<>();
                for (String k : entries.keySet()) if (k.endsWith(".py")) code.add(k);
                String victim = code.get(r.nextInt(code.size()));
                byte[] text = entries.get(victim);
                entries.put(victim, c % 5 == 4 ? truncate(text, r) : flip(text, r));
            });
            survives("tiny code case " + i, () -> ModelImporter.load(file));
        }
    }

    @Test
    void hostileCodeNestingFailsCleanly() throws Exception {
        Path tiny = models.resolve("tiny.pt");
        String deep = "(".repeat(50_000) + "x" + ")".repeat(50_000);
        Path file = ZipRewriter.rewrite(tiny, dir.resolve("deep.pt"), entries -> {
            for (Map.Entry<String, byte[]> e : entries.entrySet())
                if (e.getKey().endsWith("code/__torch__.py")) {
                    String text = new String(e.getValue(), StandardCharsets.UTF_8);
                    e.setValue(text.replaceFirst("return ", "return " + deep + " + ").getBytes(StandardCharsets.UTF_8));
                }
        });
        survives("50000 nested parentheses in code", () -> ModelImporter.load(file));
    }

    @Test
    void compressedEntriesThatInflateHugelyAreRefusedBeforeReading() throws Exception {
        byte[] comment = ("#" + " ".repeat(32 << 20) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path file = ZipRewriter.rewrite(models.resolve("tiny.pt"), dir.resolve("bomb.pt"), entries -> {
            for (Map.Entry<String, byte[]> e : entries.entrySet())
                if (e.getKey().endsWith("code/__torch__.py")) e.setValue(comment);
        });
        assertTrue(Files.size(file) < (1 << 20), "the bomb is small on disk");
        survives("zip bomb", () -> ModelImporter.load(file));
        JitScopeException e = assertThrows(JitScopeException.class, () -> ModelImporter.load(file));
        assertTrue(e.getMessage().contains("inflates from"), e.getMessage());
        assertTrue(e.render().contains("code/__torch__.py"), e.render());
    }

    @Test
    void hostilePickleNestingFailsCleanly() {
        // 100000 nested lists: EMPTY_LIST ... then APPEND back up; razorvine's machine is iterative, our conversion is bounded
        int n = 100_000;
        byte[] p = new byte[2 + n + n + 1];
        p[0] = (byte) 0x80; p[1] = 2;
        for (int i = 0; i < n; i++) p[2 + i] = ']';
        for (int i = 0; i < n - 1; i++) p[2 + n + i] = 'a';
        p[2 + n + n - 1] = 'a';
        p[p.length - 1] = '.';
        survives("deeply nested lists", () -> new RestrictedUnpickler("deep.pkl", null).read(java.util.Arrays.copyOf(p, p.length)));
    }
}
