package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.PyTorchReference;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.SourceOrigins;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.value.ScriptObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Graphs of a loaded archive print the user's original file:line:col (from code/*.py.debug_pkl)
 * exactly where PyTorch's {@code str(torch.jit.load(p).graph)} prints them.
 */
class DebugInfoPyTorchTest {
    @TempDir static Path dir;

    @BeforeAll
    static void makeArchives() throws Exception {
        PyTorchReference.requirePyTorch();
        PyTorchReference.runScript("/dev/jitscope/ir/archive/make_debug_info_archives.py", dir, List.of(dir.toString()));
    }

    /** Operator and control nodes with their source comment, in print order. */
    private static final Pattern COMMENTED = Pattern.compile("= ((?:aten::\\w+)|prim::(?:Loop|If|CallMethod|CallFunction))[\\[(].*# (.*)$");

    static List<String> locatedOps(String printed) {
        List<String> out = new ArrayList<>();
        for (String line : printed.split("\n")) {
            Matcher m = COMMENTED.matcher(line);
            if (m.find()) out.add(m.group(1) + " @ " + m.group(2));
        }
        return out;
    }

    static Graph forward(LoadedModel model, String path) {
        ScriptObject m = model.root();
        if (!path.equals("root"))
            for (String part : path.split("\\.")) m = (ScriptObject) m.getAttr(part);
        return m.type().method("forward").graph();
    }

    @Test
    void sourceCommentsPointIntoTheOriginalFileAsPyTorchPrintsThem() throws Exception {
        for (String archive : List.of("loops", "functional")) {
            LoadedModel model = ModelImporter.load(dir.resolve(archive + ".pt"));
            List<String> paths = archive.equals("loops") ? List.of("root", "sub", "sub.lin") : List.of("root", "norm");
            for (String path : paths) {
                String expected = Files.readString(dir.resolve(archive + "." + path + ".graph"), StandardCharsets.UTF_8);
                List<String> theirs = locatedOps(expected);
                assertFalse(theirs.isEmpty(), "PyTorch printed no located operators for " + path + ":\n" + expected);
                String ours = GraphPrinter.print(forward(model, path));
                assertEquals(theirs, locatedOps(ours), archive + " " + path + "\nPyTorch:\n" + expected + "\nours:\n" + ours);
            }
        }
    }

    @Test
    void everyCodeFileOfPyTorchsArchivesHasReadableDebugInfo() {
        // includes torch.nn.functional, whose location-less nodes have ranges past their empty source
        for (String archive : List.of("loops", "functional")) {
            try (ArchiveReader reader = ArchiveReader.open(dir.resolve(archive + ".pt"))) {
                for (String q : reader.listCode()) assertNotNull(DebugInfoReader.read(reader, q), archive + " " + q);
            }
        }
    }

    @Test
    void originalRangesShowTheUserLineBehindNonAsciiText() throws Exception {
        Path archive = dir.resolve("loops.pt");
        List<String> file = Files.readAllLines(dir.resolve("debug_info_models.py"), StandardCharsets.UTF_8);
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            String qualifier = "__torch__.debug_info_models";
            SourceOrigins origins = DebugInfoReader.read(reader, qualifier);
            assertNotNull(origins, "the archive has debug info for " + qualifier);
            String code = reader.code(qualifier);
            int at = code.indexOf("torch.relu");
            SourceRange original = origins.originOf(at).range();
            assertTrue(original.file().endsWith("debug_info_models.py"), original.location());
            // the line PyTorch points at is the user's line with the call
            assertTrue(file.get(original.line() - 1).contains("torch.relu"), original.location() + ": " + file.get(original.line() - 1));
            assertTrue(original.text().startsWith("torch.relu"), original.text());
        }
    }

    @Test
    void malformedDebugInfoIsADiagnosticAndTheModelStillLoads() throws Exception {
        String code = "def f(x):\n  return x\n";
        byte[] notATuple = {(byte) 0x80, 2, 'K', 7, '.'};   // the pickle of the int 7
        JitScopeException e = assertThrows(JitScopeException.class, () -> DebugInfoReader.read(notATuple, code, "m/code/__torch__.py.debug_pkl"));
        assertTrue(e.getMessage().contains("debug info"), e.getMessage());
        byte[] truncated = {(byte) 0x80, 2, '('};
        assertThrows(JitScopeException.class, () -> DebugInfoReader.read(truncated, code, "m/code/__torch__.py.debug_pkl"));
    }
}
