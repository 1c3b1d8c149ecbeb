package dev.jitscope.app.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsAndDevicesTest {

    @Test
    void opsListsEachKernelWithItsFullSchemaAndCountsThem() {
        CliRunResult run = CliRunResult.of("ops");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertTrue(lines.contains("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor"), run.stdout());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("aten::conv2d(")), run.stdout());
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches("\\d+ operators, " + (lines.size() - 1) + " schemas"), summary);
    }

    @Test
    void opsFilterKeepsOnlyMatchingOperatorNames() {
        CliRunResult run = CliRunResult.of("ops", "--names", "conv");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> names = run.stdout().lines().toList();
        assertTrue(names.contains("aten::conv2d"), run.stdout());
        assertTrue(names.stream().allMatch(n -> n.contains("conv")), run.stdout());
        assertEquals(names.stream().distinct().sorted().toList(), names);
    }

    @Test
    void devicesListsTheCpu() {
        CliRunResult run = CliRunResult.of("devices");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().lines().anyMatch(l -> l.startsWith("cpu ")), run.stdout());
    }

    @Test
    void anUnknownDeviceIsOneDiagnosticNamingTheDevicesThereAre() {
        CliRunResult run = CliRunResult.of("run", "absent.pt", "--device", "tpu");
        assertEquals(1, run.exitCode());
        String devices = String.join(", ", CliRunResult.of("devices").stdout().lines().map(l -> l.split(" ")[0]).toList());
        assertEquals("error: unknown device 'tpu'; available: " + devices + " (see `jitscope devices`)", run.stderr().strip());
    }

    @Test
    void benchRefusesZeroIterationsAsUsageError() {
        CliRunResult run = CliRunResult.of("bench", "absent.pt", "--iters", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--iters must be 1 or more"), run.stderr());
    }
}
