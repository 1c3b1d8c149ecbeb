package dev.jitscope.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line: exit status and what a user would see on stdout/stderr. */
public record CliRunResult(int exitCode, String stdout, String stderr) {

    public static CliRunResult of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = CommandLineRunner.run(args, o, e);
            return new CliRunResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    public static boolean hasSubcommand(String name) {
        return CommandLineRunner.newCommandLine(System.out, System.err).getSubcommands().containsKey(name);
    }
}
