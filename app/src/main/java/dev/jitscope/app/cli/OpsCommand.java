package dev.jitscope.app.cli;

import dev.jitscope.runtime.OperatorRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code jitscope ops [FILTER]}: every operator the CPU interpreter has a kernel for, one schema per
 * line, sorted by operator name; FILTER keeps the operators whose name contains it.
 */
@Command(name = "ops", mixinStandardHelpOptions = true,
        description = "List the operators JitScope can run (every registered kernel with its schema).")
public final class OpsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILTER", description = "only operators whose name contains this text")
    String filter;

    @Option(names = "--names", description = "print each operator name once, without schemas")
    boolean namesOnly;

    @Override
    public void run() {
        OperatorRegistry registry = OperatorRegistry.global();
        PrintWriter out = spec.commandLine().getOut();
        int operators = 0, overloads = 0;
        for (String name : new TreeSet<>(registry.names())) {
            if (filter != null && !name.contains(filter)) continue;
            operators++;
            if (namesOnly) {
                out.println(name);
                continue;
            }
            List<String> schemas = new ArrayList<>();
            for (OperatorRegistry.Entry e : registry.overloads(name)) schemas.add(e.schema().toString());
            schemas.stream().sorted().forEach(out::println);
            overloads += schemas.size();
        }
        if (!namesOnly) out.printf("%d operators, %d schemas%n", operators, overloads);
        out.flush();
    }
}
