package dev.jitscope.app.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.samples.SampleModels;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sample models and .npy inputs written into a test's directory, and the diff command run on them. */
final class TraceFixtures {
    private final Path dir;
    private final Random random = new Random(42);
    private int files;

    TraceFixtures(Path dir) { this.dir = dir; }

    /** The sample's source written as its file name (the module name PyTorch imports it under). */
    Path sample(String className) throws IOException {
        SampleModels.Sample s = SampleModels.byClassName(className);
        Path p = dir.resolve(s.file());
        Files.writeString(p, s.source());
        return p;
    }

    /** The 1-based line of the first source line containing {@code text}. */
    static int lineOf(String className, String text) {
        String[] lines = SampleModels.byClassName(className).source().split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].contains(text)) return i + 1;
        throw new AssertionError(text + " not in " + className);
    }

    /** A float32 .npy of uniform values in [lo, hi). */
    Path uniform(double lo, double hi, int... shape) {
        float[] a = new float[Tensor.numel(shape)];
        for (int i = 0; i < a.length; i++) a[i] = (float) (lo + (hi - lo) * random.nextDouble());
        Path p = dir.resolve("in" + (files++) + ".npy");
        Npy.write(p, Tensor.contiguous(Storage.wrap(a), shape));
        return p;
    }

    static CliRunResult ok(String... args) {
        CliRunResult r = CliRunResult.of(args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        return r;
    }

    /** {@code jitscope diff ... --json}, parsed. */
    static JsonNode diffJson(String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "diff";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--json";
        return new ObjectMapper().readTree(ok(all).stdout());
    }
}
