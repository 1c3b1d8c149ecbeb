package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.emit.CompilationUnit;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.type.ClassType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jitscope script FILE.py}: compiles a TorchScript source file (free functions and classes,
 * as {@code torch.jit.script} would) and lists the signature of every compiled function and method;
 * {@code --graph} adds each one's graph in PyTorch's text form.
 * A mistake in the source is one diagnostic with file:line:col and a caret.
 */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = "Compile a TorchScript source file and list the signatures (and with --graph the graphs) of its functions and methods.")
public final class ScriptCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.py", description = "TorchScript source (typed Python subset)")
    Path file;

    @Option(names = "--graph", description = "print each function's and method's graph after its signature")
    boolean graphs;

    @Override
    public void run() {
        CompilationUnit unit = ScriptCompiler.compileSource(new Source(file.toString(), readSource(file)));
        PrintWriter out = spec.commandLine().getOut();
        List<Function> compiled = new ArrayList<>(unit.functions().values());
        for (ClassType c : unit.classes().values()) compiled.addAll(c.methods().values());
        for (Function f : compiled) {
            out.println(signature(f));
            if (graphs) out.print(GraphPrinter.print(f.graph()));
        }
        out.flush();
    }

    static String readSource(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new JitScopeException("no such file", file.toString());
        } catch (MalformedInputException e) {
            throw new JitScopeException("not UTF-8 text", file.toString());
        } catch (IOException e) {
            throw new JitScopeException("cannot read: " + e.getMessage(), file.toString());
        }
    }

    /** "__torch__.M.forward(self: __torch__.M, x: Tensor) -> Tensor", from the compiled graph. */
    static String signature(Function f) {
        Graph g = f.graph();
        List<String> params = new ArrayList<>();
        for (Value v : g.inputs()) params.add(v.debugName() + ": " + v.type().annotation());
        List<String> results = new ArrayList<>();
        for (Value v : g.outputs()) results.add(v.type().annotation());
        String ret = results.size() == 1 ? results.get(0) : "(" + String.join(", ", results) + ")";
        return f.qualifiedName() + "(" + String.join(", ", params) + ") -> " + ret;
    }
}
