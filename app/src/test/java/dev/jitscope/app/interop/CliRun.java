package dev.jitscope.app.interop;

import dev.jitscope.app.cli.CommandLineRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line: what a user would see on stdout and stderr. */
record CliRun(int exitCode, String stdout, String stderr) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = CommandLineRunner.run(args, o, e);
            o.flush();
            e.flush();
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    static boolean hasSubcommand(String name) {
        return CommandLineRunner.newCommandLine(System.out, System.err).getSubcommands().containsKey(name);
    }
}
