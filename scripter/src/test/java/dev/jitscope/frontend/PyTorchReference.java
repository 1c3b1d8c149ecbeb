package dev.jitscope.frontend;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Debian PyTorch (the referee) from tests. Outside CI a missing PyTorch skips the test
 * with the package to install; in CI ({@code -Djitscope.ci=true} or {@code CI=true}) it fails.
 */
public final class PyTorchReference {
    private PyTorchReference() { }

    static final String PYTHON = "/usr/bin/python3";

    public static boolean inCi() {
        return "true".equals(System.getProperty("jitscope.ci")) || "true".equals(System.getenv("CI"));
    }

    public static void requirePyTorch() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch, torchvision").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        String msg = "PyTorch 1.13 not available: install the Debian packages python3-torch python3-torchvision";
        if (!ok && inCi()) throw new AssertionError(msg);
        Assumptions.assumeTrue(ok, msg);
    }

    /** Runs a bundled script from the test resources with arguments; returns its stdout. */
    public static String runScript(String resource, Path workDir, List<String> args) throws IOException, InterruptedException {
        Path script = workDir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = PyTorchReference.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(900, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("python failed:\n" + out);
        return out;
    }
}
