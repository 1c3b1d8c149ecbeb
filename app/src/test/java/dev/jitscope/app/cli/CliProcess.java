package dev.jitscope.app.cli;

import dev.jitscope.app.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a child JVM (this test JVM's classpath) with a time limit. For suites over
 * many models: a model that sends JitScope into a very long computation is killed and reported
 * instead of stalling the build, which an in-process run cannot guarantee.
 */
public final class CliProcess {
    private CliProcess() { }

    /** exitCode -1 means the run was killed after {@code timeoutSeconds}. */
    public static CliRunResult run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("jitscope-cli", ".out"), err = Files.createTempFile("jitscope-cli", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            return new CliRunResult(finished ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
