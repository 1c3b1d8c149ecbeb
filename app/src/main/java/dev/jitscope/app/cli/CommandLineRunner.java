package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs the command line in-process with given streams, so tests see exactly what a user sees.
 * Exit codes: 0 success, 1 a {@link JitScopeException} (its rendered diagnostic on stderr, no stack
 * trace), 2 bad usage (picocli's message and the usage help). Any other exception is a bug in
 * JitScope and keeps its stack trace.
 */
public final class CommandLineRunner {
    private CommandLineRunner() { }

    public static final int EXIT_USER_ERROR = 1;
    public static final int EXIT_USAGE = 2;

    // netlib announces its BLAS choice on stderr at first use; stderr is for diagnostics only. A strong
    // reference keeps the level: java.util.logging holds its loggers weakly.
    // The same for the OpenCL backend's notes on operators it runs on the host.
    private static final java.util.logging.Logger NETLIB = java.util.logging.Logger.getLogger("dev.ludovic.netlib");
    private static final java.util.logging.Logger OPENCL = java.util.logging.Logger.getLogger("dev.jitscope.opencl");
    static {
        NETLIB.setLevel(java.util.logging.Level.WARNING);
        OPENCL.setLevel(java.util.logging.Level.WARNING);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return newCommandLine(out, err).execute(args);
    }

    /** The configured picocli command line (also used to list the available subcommands). */
    public static CommandLine newCommandLine(PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new JitScopeCommand());
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (!(ex instanceof JitScopeException jse)) throw ex;   // a bug in JitScope: keep the trace
            commandLine.getErr().println(jse.render());
            commandLine.getErr().flush();
            return EXIT_USER_ERROR;
        });
        return cl;
    }
}
