package dev.jitscope.ir.print;

import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.archive.ArchiveWriter;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * PyTorch archive → our import → our printed code (SourcePrinter) → ArchiveWriter →
 * {@code torch.jit.load}: the rewritten model computes what the original computes on random inputs.
 * The printed code is ours alone: the archive's own code/ texts are not copied.
 */
class SourcePrinterRoundTripTest {
    static final List<String> MODELS = List.of("control", "containers", "convs", "traced", "lstm");
    static final String SCRIPT = "/dev/jitscope/ir/print/source_printer_models.py";
    @TempDir static Path dir;

    @BeforeAll
    static void makeModels() throws Exception {
        PythonReference.requirePyTorch();
        List<String> args = new ArrayList<>(List.of("make", dir.toString()));
        args.addAll(MODELS);
        PythonReference.runResource(SourcePrinterRoundTripTest.class, SCRIPT, dir, args, 900);
    }

    /** Writes the loaded model back with code printed from its graphs. */
    static Path reprint(String name) {
        LoadedModel m = ModelImporter.load(dir.resolve(name + ".pt"));
        SourcePrinter.Result printed = SourcePrinter.print(List.of(m.root().type()));
        Path out = dir.resolve(name + "_printed.pt");
        try (ArchiveWriter w = ArchiveWriter.create(out, name + "_printed")) {
            w.writeData(m.root());
            for (Map.Entry<String, String> c : printed.files().entrySet()) w.writeCode(c.getKey(), c.getValue());
            w.writeConstants(printed.constants());
            w.writeVersion(m.version());
        }
        return out;
    }

    @Test
    void pyTorchRunsArchivesWrittenFromPrintedCodeWithTheOriginalResults() throws Exception {
        List<String> args = new ArrayList<>(List.of("check"));
        for (String name : MODELS) {
            args.add(dir.resolve(name + ".pt").toString());
            args.add(reprint(name).toString());
        }
        String out = PythonReference.runResource(SourcePrinterRoundTripTest.class, SCRIPT, dir, args, 900);
        for (String name : MODELS) assertTrue(out.contains("same " + name), out);
    }

    @Test
    void printingIsAFixedPoint() {
        // our printed code, imported again, prints the same code again
        for (String name : MODELS) {
            SourcePrinter.Result once = SourcePrinter.print(List.of(ModelImporter.load(dir.resolve(name + ".pt")).root().type()));
            SourcePrinter.Result twice = SourcePrinter.print(List.of(ModelImporter.load(reprint(name)).root().type()));
            assertEquals(once.files(), twice.files(), name);
        }
    }
}
