package dev.jitscope.app.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jitscope.app.cli.CliRunResult;
import dev.jitscope.kernels.opencl.OpenClDevices;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.Prerequisites;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run and bench as a user sees them, on archives PyTorch wrote (the interop suite). */
class RunCommandsTest {

    private static Path input(InteropSuite.Archive a, int i) {
        return InteropSuite.DIR.resolve(a.cases().get(0).inputs().get(i));
    }

    @Test
    void runPrintsEachFlattenedOutputAndWritesItAsNpy(@TempDir Path out) {
        InteropSuite.Archive a = InteropSuite.archive("mycell");
        CliRunResult run = CliRunResult.of("run", a.path().toString(), "--input", input(a, 0).toString(),
                "--input", input(a, 1).toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        Tensor expected = Npy.read(InteropSuite.DIR.resolve(a.cases().get(0).outputs().get(0)));
        String shape = String.join(", ", java.util.Arrays.stream(expected.shape()).mapToObj(String::valueOf).toList());
        assertEquals(List.of("output_0: Float(" + shape + ")", "output_1: Float(" + shape + ")"), run.stdout().lines().toList());
        for (int i = 0; i < 2; i++) {
            Tensor expectedI = Npy.read(InteropSuite.DIR.resolve(a.cases().get(0).outputs().get(i)));
            InteropRunTest.compare("output " + i, expectedI, Npy.read(out.resolve("output_" + i + ".npy")));
        }
    }

    @Test
    void intAndBoolOutputsBecomeZeroDimensionalArrays(@TempDir Path out) {
        InteropSuite.Archive a = InteropSuite.archive("containers");
        CliRunResult run = CliRunResult.of("run", a.path().toString(), input(a, 0).toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Tensor asFloat = Npy.read(out.resolve("output_1.npy")), asBool = Npy.read(out.resolve("output_2.npy"));
        assertEquals(0, asFloat.shape().length);
        assertEquals(DType.FLOAT64, asFloat.dtype());
        assertEquals(DType.BOOL, asBool.dtype());
    }

    @Test
    void aBrokenNpyIsOneDiagnosticNamingTheFile(@TempDir Path dir) throws IOException {
        InteropSuite.Archive a = InteropSuite.archive("simple");
        Path bad = Files.writeString(dir.resolve("x.npy"), "not numpy");
        CliRunResult run = CliRunResult.of("run", a.path().toString(), "--input", bad.toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertTrue(run.stderr().startsWith(bad + ": error: "), run.stderr());
    }

    @Test
    void tooManyOrTooFewInputsAreOneDiagnostic() {
        InteropSuite.Archive a = InteropSuite.archive("simple");
        String x = input(a, 0).toString();
        CliRunResult many = CliRunResult.of("run", a.path().toString(), "--input", x, "--input", x);
        assertEquals(1, many.exitCode());
        assertEquals(a.path() + ": error: forward takes 1 argument(s) after self but 2 .npy input(s) were given",
                many.stderr().strip());
        CliRunResult none = CliRunResult.of("run", a.path().toString());
        assertEquals(1, none.exitCode());
        assertEquals(a.path() + ": error: forward needs argument 'x' (Tensor): give one more .npy input", none.stderr().strip());
    }

    @Test
    void anExceptionTheModelRaisesIsOneDiagnosticAtTheRaiseWithPyTorchsMessage(@TempDir Path dir) throws Exception {
        // nn.LSTM refuses a 4-D input with a RuntimeError raised in its TorchScript code
        InteropSuite.Archive a = InteropSuite.archive("lstm");
        Path x = dir.resolve("x4.npy");
        Npy.write(x, Tensor.zeros(DType.FLOAT32, 1, 2, 3, 8));
        // PyTorch's message (last line "builtins.RuntimeError: MESSAGE") and the serialized-code line it points at
        Path script = Files.writeString(dir.resolve("raise.py"), String.join("\n",
                "import re, sys, numpy, torch",
                "try:",
                "    torch.jit.load(sys.argv[1])(torch.from_numpy(numpy.load(sys.argv[2])))",
                "except Exception as e:",
                "    text = str(e).strip()",
                "    where = re.search(r'File \"(code/[^\"]+)\", line (\\d+)', text)",
                "    print(where.group(1) + ':' + where.group(2) + ':')",
                "    print(text.splitlines()[-1].split(': ', 1)[1])", ""));
        List<String> pytorch = PythonReference.run(script, dir, List.of(a.path().toAbsolutePath().toString(), x.toString()), 120)
                .strip().lines().toList();
        CliRunResult run = CliRunResult.of("run", a.path().toString(), "--input", x.toString());
        assertEquals(1, run.exitCode(), run.stdout());
        String first = run.stderr().lines().findFirst().orElse("");
        String where = pytorch.get(pytorch.size() - 2), message = pytorch.get(pytorch.size() - 1);
        assertTrue(first.startsWith(where) && first.endsWith(": error: " + message),
                () -> "PyTorch: " + pytorch + "\n" + run.stderr());
        assertFalse(run.stderr().contains("\tat "), run.stderr());
    }

    @Test
    void anOperatorWithoutKernelIsOneDiagnosticAtItsNode(@TempDir Path dir) throws Exception {
        // FFT returns complex tensors, a dtype JitScope does not have: aten::fft_fft stays without a kernel
        Path script = Files.writeString(dir.resolve("fft.py"), String.join("\n",
                "import sys, numpy, torch",
                "class Spectrum(torch.nn.Module):",
                "    def forward(self, x):",
                "        return torch.fft.fft(x).abs()",
                "torch.jit.save(torch.jit.script(Spectrum()), sys.argv[1])",
                "numpy.save(sys.argv[2], numpy.ones(8, dtype=numpy.float32))", ""));
        Path model = dir.resolve("fft.pt"), x = dir.resolve("x.npy");
        PythonReference.run(script, dir, List.of(model.toString(), x.toString()), 120);
        CliRunResult run = CliRunResult.of("run", model.toString(), "--input", x.toString());
        assertEquals(1, run.exitCode(), run.stdout());
        List<String> lines = run.stderr().lines().toList();
        assertTrue(lines.get(0).matches("code/__torch__\\.py:\\d+:\\d+: error: .*aten::fft_fft.*"), run.stderr());
        assertTrue(lines.size() >= 3 && lines.get(1).contains("torch.fft_fft(") && lines.get(2).strip().endsWith("^"), run.stderr());
    }

    @Test
    void runOnAnOpenClDeviceMatchesPyTorch(@TempDir Path out) {
        Prerequisites.require(OpenClDevices.available(),
                "no OpenCL device: install the Debian packages pocl-opencl-icd ocl-icd-opencl-dev");
        for (String name : List.of("simple", "mycell", "resnet18")) {
            InteropSuite.Archive a = InteropSuite.archive(name);
            InteropSuite.Case set = a.cases().get(0);
            List<String> args = new java.util.ArrayList<>(List.of("run", a.path().toString(), "--device", "opencl:0",
                    "--out", out.resolve(name).toString()));
            for (String in : set.inputs()) args.addAll(List.of("--input", InteropSuite.DIR.resolve(in).toString()));
            CliRunResult run = CliRunResult.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.stderr());
            for (int i = 0; i < set.outputs().size(); i++)
                InteropRunTest.compare(name + " output " + i, Npy.read(InteropSuite.DIR.resolve(set.outputs().get(i))),
                        Npy.read(out.resolve(name).resolve("output_" + i + ".npy")));
        }
    }

    @Test
    void benchJsonHasOrderedTimings() throws IOException {
        InteropSuite.Archive a = InteropSuite.archive("simple");
        CliRunResult run = CliRunResult.of("bench", a.path().toString(), "--input", input(a, 0).toString(),
                "--warmup", "1", "--iters", "5", "--json");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode o = new ObjectMapper().readTree(run.stdout());
        double min = o.get("min_ms").asDouble(), median = o.get("median_ms").asDouble(), p90 = o.get("p90_ms").asDouble();
        assertTrue(0 < min && min <= median && median <= p90, run.stdout());
        assertEquals(5, o.get("iters").asInt());
        assertEquals("inference", o.get("passes").asText(), "bench times the frozen graph by default, as PyTorch is timed");
    }

    @Test
    void benchTakesAPipelineAsRunDoes() throws IOException {
        InteropSuite.Archive a = InteropSuite.archive("simple");
        CliRunResult none = CliRunResult.of("bench", a.path().toString(), "--input", input(a, 0).toString(),
                "--passes", "none", "--warmup", "0", "--iters", "2", "--json");
        assertEquals(0, none.exitCode(), none.stderr());
        assertEquals("none", new ObjectMapper().readTree(none.stdout()).get("passes").asText());
        CliRunResult unknown = CliRunResult.of("bench", a.path().toString(), "--input", input(a, 0).toString(),
                "--passes", "no_such_pass", "--iters", "1");
        assertEquals(1, unknown.exitCode(), unknown.stdout() + unknown.stderr());
        assertTrue(unknown.stderr().contains("no_such_pass"), unknown.stderr());
    }

    @Test
    void benchServeRunsOncePerLineOfInput() {
        InteropSuite.Archive a = InteropSuite.archive("simple");
        java.io.InputStream stdin = System.in;
        CliRunResult run;
        try {
            System.setIn(new java.io.ByteArrayInputStream("run\nrun\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            run = CliRunResult.of("bench", a.path().toString(), "--input", input(a, 0).toString(), "--warmup", "1", "--serve");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(4, lines.size(), run.stdout());
        assertEquals("ready", lines.get(0));
        for (String ms : lines.subList(1, 4)) assertTrue(Double.parseDouble(ms) > 0, run.stdout());
    }
}
