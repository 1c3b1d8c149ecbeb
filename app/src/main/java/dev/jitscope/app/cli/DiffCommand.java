package dev.jitscope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jitscope.diag.JitScopeException;
import dev.jitscope.trace.diff.DiffReport;
import dev.jitscope.trace.diff.DiffReportText;
import dev.jitscope.trace.diff.DivergenceSite;
import dev.jitscope.trace.diff.InputComparison;
import dev.jitscope.trace.diff.TraceScriptDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jitscope diff MODEL.py --class NAME --input X.npy [...] [--check-input Y.npy[,Y2.npy] ...] [--json]}:
 * traces the model on the {@code --input} set, scripts the same instance, runs both on that set and on
 * every check set, and reports where the trace baked in data-dependent decisions and on which inputs
 * that makes the traced model disagree with the scripted one.
 *
 * <p>Each {@code --check-input} option is one input set; a forward with several arguments takes a
 * comma-separated list of files per set ({@code --check-input x2.npy,h2.npy}).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Report where tracing bakes in data-dependent control flow and which inputs make the trace diverge from the scripted model.")
public final class DiffCommand implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.py", description = "model source defining an nn.Module class")
    Path model;

    @Mixin SourceModelOptions source = new SourceModelOptions();

    @Option(names = "--input", arity = "1..*", required = true, paramLabel = "X.npy",
            description = "the example input set the trace is recorded on, one .npy file per forward argument after self")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--check-input", paramLabel = "Y.npy[,Y2.npy...]",
            description = "another input set to compare on (repeatable; comma-separated files for several forward arguments)")
    List<String> checkInputs = new ArrayList<>();

    @Option(names = "--json", description = "print the report as JSON (keys: sites, inputs)")
    boolean json;

    @Override
    public void run() {
        SourceInstance m = SourceInstance.load(model, source);
        List<List<Object>> checks = new ArrayList<>();
        for (String set : checkInputs) {
            List<Path> files = new ArrayList<>();
            for (String f : set.split(",")) {
                if (f.isBlank()) throw new JitScopeException("empty file name in --check-input " + set, set);
                files.add(Path.of(f.strip()));
            }
            checks.add(SourceInstance.read(files));
        }
        DiffReport report = TraceScriptDiff.run(m.session(), m.instance(), SourceInstance.read(inputs), checks);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(report, m.instance().type().name()) + "\n" : DiffReportText.render(report));
        out.flush();
    }

    /** {"model", "class", "sites": [{index, file, line, column, kind, traced, message}], "inputs": [{index, diverges, max_abs_diff, sites, reason}]}. */
    String json(DiffReport report, String chosenClass) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.toString());
        root.put("class", chosenClass);
        List<Object> sites = new ArrayList<>();
        for (DivergenceSite s : report.sites()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("index", s.index());
            o.put("file", s.range().file());
            o.put("line", s.line());
            o.put("column", s.column());
            o.put("kind", DiffReportText.kindName(s));
            o.put("traced", s.traced());
            o.put("message", s.message());
            sites.add(o);
        }
        root.put("sites", sites);
        List<Object> inputsOut = new ArrayList<>();
        for (InputComparison c : report.inputs()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("index", c.index());
            o.put("diverges", c.diverges());
            o.put("max_abs_diff", Double.isFinite(c.maxAbsDiff()) ? c.maxAbsDiff() : null);
            o.put("sites", c.flippedSites());
            o.put("reason", c.reason());
            inputsOut.add(o);
        }
        root.put("inputs", inputsOut);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
