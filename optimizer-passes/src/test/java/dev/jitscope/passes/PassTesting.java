package dev.jitscope.passes;

import dev.jitscope.ir.Graph;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.manager.PassRunResult;
import dev.jitscope.passes.util.GraphText;
import java.util.List;
import java.util.stream.Collectors;

/** Runs passes on IR text with embedded {@code # CHECK} lines, as lit tests do. */
final class PassTesting {
    private PassTesting() {}

    /** Parses the non-# lines, runs {@code pipeline} with full instrumentation, FileChecks the result. */
    static List<PassRunResult> check(String pipeline, String irWithChecks) {
        PassContext ctx = new PassContext(IrText.parse(irOnly(irWithChecks)));
        List<PassRunResult> results = PassManager.instrumented().run(PassRegistry.standard().pipeline(pipeline), ctx);
        FileCheck.check(irWithChecks, GraphText.print(ctx.graph()));
        return results;
    }

    static Graph parse(String irWithChecks) { return IrText.parse(irOnly(irWithChecks)); }

    static String irOnly(String text) {
        return text.stripIndent().lines().filter(l -> !l.trim().startsWith("#")).collect(Collectors.joining("\n"));
    }
}
