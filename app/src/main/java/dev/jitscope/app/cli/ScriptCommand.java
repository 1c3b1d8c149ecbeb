package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.emit.CompilationUnit;
import dev.jitscope.frontend.emit.ScriptCompiler;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.type.ClassType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
 * {@code jitscope script MODEL.py --class NAME [--args JSON] [--weights STATE.pt] [-o OUT.pt]} builds
 * the module instance by running its {@code __init__}, scripts it as
 * {@code torch.jit.script(instance)} does, lists the scripted methods and writes the archive.
 * A mistake in the source is one diagnostic with file:line:col and a caret.
 */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Compile a TorchScript source file and list the signatures (and with --graph the graphs) of its functions and methods.",
                "With --class NAME: build that nn.Module (runs __init__), script the instance as torch.jit.script does, and with -o write the archive."})
public final class ScriptCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.py", description = "TorchScript source (typed Python subset)")
    Path file;

    @Option(names = "--graph", description = "print each function's and method's graph after its signature")
    boolean graphs;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Option(names = "--weights", paramLabel = "STATE.pt", description = "with --class: load this torch.save(state_dict) file into the scripted model")
    Path weights;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.pt", description = "with --class: write the scripted model as a torch.jit.save archive")
    Path output;

    @Override
    public void run() {
        if (source.className() != null) {
            scriptInstance();
            return;
        }
        if (output != null || weights != null)
            throw new JitScopeException("-o and --weights need --class NAME: the module class whose instance is scripted", file.toString());
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

    /** --class: the scripted instance's methods (and graphs), then the archive when -o is given. */
    private void scriptInstance() {
        LoadedModel model = SourceModel.build(file, source, weights);
        PrintWriter out = spec.commandLine().getOut();
        for (ClassType c : model.classes().values())
            for (Function f : c.methods().values()) {
                out.println(signature(f));
                if (graphs) out.print(GraphPrinter.print(f.graph()));
            }
        if (output != null) {
            ModelFile.save(model, output);
            out.println("wrote " + output);
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
