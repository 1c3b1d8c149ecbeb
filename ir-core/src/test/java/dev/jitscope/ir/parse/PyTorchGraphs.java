package dev.jitscope.ir.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Graph texts printed by the Debian PyTorch at test time (skipped without it, failing in CI). */
final class PyTorchGraphs {
    private PyTorchGraphs() { }

    static List<String> print(String script) throws IOException, InterruptedException {
        boolean ci = "true".equals(System.getProperty("jitscope.ci")) || "true".equals(System.getenv("CI"));
        String missing = "PyTorch 1.13 not available: install the Debian package python3-torch";
        Path py = Files.createTempFile("graphs", ".py");
        try (InputStream s = PyTorchGraphs.class.getResourceAsStream(script)) {
            Files.write(py, s.readAllBytes());
        }
        Process p;
        try {
            p = new ProcessBuilder("/usr/bin/python3", py.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            if (ci) throw new AssertionError(missing, e);
            Assumptions.assumeTrue(false, missing);
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(180, TimeUnit.SECONDS) && p.exitValue() == 0;
        Files.deleteIfExists(py);
        if (!ok && ci) throw new AssertionError(missing);
        Assumptions.assumeTrue(ok, missing);
        return List.of(out.split("\n----\n"));
    }
}
