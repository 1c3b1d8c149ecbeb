package dev.jitscope.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's PyTorch 1.13 (the referee) from tests: {@code /usr/bin/python3} with torch,
 * torchvision and numpy. Use {@link #requirePyTorch()} first; it skips outside CI when PyTorch is
 * missing and fails in CI.
 */
public final class PythonReference {
    private PythonReference() { }

    public static final String PYTHON = "/usr/bin/python3";
    static final String PACKAGES = "python3-torch python3-torchvision python3-numpy";

    private static Boolean available;

    public static synchronized boolean pyTorchAvailable() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import torch, torchvision, numpy")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    public static void requirePyTorch() {
        Prerequisites.require(pyTorchAvailable(),
                "PyTorch 1.13 is not available to " + PYTHON + ": install the Debian packages " + PACKAGES);
    }

    /**
     * Copies the test resource {@code resource} (resolved against {@code anchor}, as
     * {@link Class#getResourceAsStream} does) into {@code workDir} and runs it there; see {@link #run}.
     */
    public static String runResource(Class<?> anchor, String resource, Path workDir, List<String> args,
                                     long timeoutSeconds) throws IOException, InterruptedException {
        Path script = workDir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource + " next to " + anchor.getName());
            Files.write(script, in.readAllBytes());
        }
        return run(script, workDir, args, timeoutSeconds);
    }

    /**
     * Runs {@code python3 -c code} in {@code workDir} after {@link #requirePyTorch()} (so a machine
     * without PyTorch skips outside CI and fails in it); returns stdout and stderr together.
     */
    public static String runCode(Path workDir, String code, long timeoutSeconds) throws IOException, InterruptedException {
        requirePyTorch();
        Path script = Files.createTempFile(workDir, "reference", ".py");
        Files.writeString(script, code, StandardCharsets.UTF_8);
        try {
            return run(script, workDir, List.of(), timeoutSeconds);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Runs {@code python3 script args...} in {@code workDir}; returns stdout and stderr together.
     * A non-zero exit or running past {@code timeoutSeconds} is an AssertionError with the output.
     */
    public static String run(Path script, Path workDir, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toAbsolutePath().toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        // NB: read before waiting, a full pipe would block python forever
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python ran past " + timeoutSeconds + " s: " + cmd + "\n" + out);
        }
        if (p.exitValue() != 0) throw new AssertionError("python failed (" + p.exitValue() + "): " + cmd + "\n" + out);
        return out;
    }
}
