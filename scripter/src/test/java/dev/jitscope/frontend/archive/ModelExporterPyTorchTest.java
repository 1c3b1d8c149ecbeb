package dev.jitscope.frontend.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.archive.StateDictLoader;
import dev.jitscope.ir.archive.StateDictReader;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Models loaded here and saved with {@link ModelExporter} load in PyTorch 1.13 with the same
 * state_dict (values, dtypes, strides) and the same forward results as the originals; weights
 * loaded with {@link StateDictLoader} travel into the exported archive as PyTorch's
 * {@code load_state_dict} would put them.
 */
class ModelExporterPyTorchTest {
    static final List<String> MODELS = List.of("tiny", "attrs", "setstate", "lstm", "resnet18", "traced_constant", "transformer", "mobilenet_traced");
    @TempDir static Path dir;
    static Path models;

    @BeforeAll
    static void makeModels() throws Exception {
        PythonReference.requirePyTorch();
        String prepared = System.getProperty("jitscope.archive.models");
        models = prepared != null ? Path.of(prepared) : dir;
        if (prepared == null) {
            List<String> args = new ArrayList<>(List.of(dir.toString()));
            args.addAll(MODELS);
            PythonReference.runResource(ModelExporterPyTorchTest.class, "/dev/jitscope/frontend/archive/make_models.py", dir, args, 900);
        }
        PythonReference.runResource(ModelExporterPyTorchTest.class, "/dev/jitscope/frontend/archive/make_weights.py", dir, List.of(models.toString()), 900);
    }

    static Path export(String name, String weights) {
        LoadedModel m = ModelImporter.load(models.resolve(name + ".pt"), weights != null ? models.resolve(weights) : null);
        Path out = dir.resolve(name + (weights != null ? "_reweighted" : "_exported") + ".pt");
        ModelExporter.save(m, out);
        return out;
    }

    @Test
    void pyTorchLoadsExportedArchivesUnchanged() throws Exception {
        List<String> args = new ArrayList<>();
        for (String name : MODELS) args.addAll(List.of(models.resolve(name + ".pt").toString(), export(name, null).toString(), "-"));
        String out = PythonReference.runResource(ModelExporterPyTorchTest.class, "/dev/jitscope/frontend/archive/check_exported.py", dir, args, 900);
        for (String name : MODELS) assertTrue(out.contains("same " + name), out);
    }

    @Test
    void weightsLoadedHereAreTheWeightsPyTorchRunsAfterExport() throws Exception {
        List<String> args = new ArrayList<>();
        for (String name : List.of("tiny", "resnet18"))
            args.addAll(List.of(models.resolve(name + ".pt").toString(), export(name, name + "_weights.pt").toString(),
                    models.resolve(name + "_weights.pt").toString()));
        String out = PythonReference.runResource(ModelExporterPyTorchTest.class, "/dev/jitscope/frontend/archive/check_exported.py", dir, args, 900);
        assertTrue(out.contains("same tiny reweighted") && out.contains("same resnet18 reweighted"), out);
    }

    @Test
    void loadedWeightsReplaceEveryStateDictTensor() {
        LoadedModel m = ModelImporter.load(models.resolve("tiny.pt"));
        Map<String, Tensor> file = StateDictReader.read(models.resolve("tiny_weights.pt"));
        StateDictLoader.load(m.root(), models.resolve("tiny_weights.pt"));
        Map<String, Tensor> now = StateDictLoader.stateDict(m.root());
        assertEquals(List.copyOf(file.keySet()), List.copyOf(now.keySet()));
        for (String k : file.keySet())
            for (int i = 0; i < file.get(k).numel(); i++)
                assertEquals(file.get(k).getDouble(i), now.get(k).getDouble(i), 0.0, k + "[" + i + "]");
        Tensor view = (Tensor) m.root().getAttr("view");
        assertArrayEquals(new int[] {3, 1}, view.strides(), "copied into the strided buffer in place");
    }

    @Test
    void mismatchedWeightsAreRefusedWithEveryProblemListed() {
        LoadedModel m = ModelImporter.load(models.resolve("tiny.pt"));
        Map<String, Tensor> before = new LinkedHashMap<>(StateDictLoader.stateDict(m.root()));
        double first = before.get("l.weight").getDouble(0);
        JitScopeException e = assertThrows(JitScopeException.class, () -> StateDictLoader.load(m.root(), models.resolve("tiny_bad.pt")));
        String msg = e.getMessage();
        assertTrue(msg.contains("missing keys: l.bias"), msg);
        assertTrue(msg.contains("unexpected keys: l.extra"), msg);
        assertTrue(msg.contains("size mismatch for bn.weight: [3] in the file, [2] in the model"), msg);
        assertTrue(e.render().contains("tiny_bad.pt"), e.render());
        assertEquals(first, StateDictLoader.stateDict(m.root()).get("l.weight").getDouble(0), 0.0, "nothing changed");
    }

    @Test
    void weightsSavedFromAWrapperGetAHintAboutTheirPrefix() {
        LoadedModel m = ModelImporter.load(models.resolve("tiny.pt"));
        JitScopeException e = assertThrows(JitScopeException.class, () -> StateDictLoader.load(m.root(), models.resolve("tiny_wrapped.pt")));
        assertTrue(e.getMessage().contains("unexpected keys: module.view, module.count, module.l.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("prefix 'module.'"), e.getMessage());
    }

    @Test
    void legacyFilesAndCheckpointsAreNamedForWhatTheyAre() {
        LoadedModel m = ModelImporter.load(models.resolve("tiny.pt"));
        JitScopeException legacy = assertThrows(JitScopeException.class, () -> StateDictLoader.load(m.root(), models.resolve("tiny_legacy.pt")));
        assertTrue(legacy.getMessage().contains("legacy torch.save file"), legacy.getMessage());
        JitScopeException checkpoint = assertThrows(JitScopeException.class, () -> StateDictLoader.load(m.root(), models.resolve("tiny_checkpoint.pt")));
        assertTrue(checkpoint.getMessage().contains("its entry 'model' holds tensors"), checkpoint.getMessage());
    }

    @Test
    void anArchiveIsNotAStateDict() {
        LoadedModel m = ModelImporter.load(models.resolve("tiny.pt"));
        JitScopeException e = assertThrows(JitScopeException.class, () -> StateDictLoader.load(m.root(), models.resolve("tiny.pt")));
        assertTrue(e.getMessage().contains("expected a state dict"), e.getMessage());
    }

    @Test
    void exportedArchivesLoadBackHere() {
        for (String name : MODELS) {
            LoadedModel again = ModelImporter.load(export(name, null));
            LoadedModel original = ModelImporter.load(models.resolve(name + ".pt"));
            assertEquals(original.root().type().qualifiedName(), again.root().type().qualifiedName());
            assertEquals(original.constants().size(), again.constants().size(), name);
            assertEquals(StateDictLoader.stateDict(original.root()).keySet(), StateDictLoader.stateDict(again.root()).keySet(), name);
        }
    }

    @Test
    void classesWithoutCodeTextAreAskedOfThePrinter() {
        LoadedModel m = ModelImporter.load(models.resolve("tiny.pt"));
        Map<String, String> code = new LinkedHashMap<>(m.code());
        String linear = code.remove("__torch__.torch.nn.modules.linear");
        Path out = dir.resolve("printed.pt");
        JitScopeException e = assertThrows(JitScopeException.class,
                () -> ModelExporter.save(m.root(), code, null, m.constants(), m.version(), Map.of(), out));
        assertTrue(e.getMessage().contains("no code text for class '__torch__.torch.nn.modules.linear.Linear'"), e.getMessage());
        assertFalse(Files.exists(out), "no half-written archive");
        List<String> asked = new ArrayList<>();
        ModelExporter.save(m.root(), code, (q, classes, constants) -> {
            asked.add(q + ":" + classes.get(0).simpleName() + " after " + constants.size() + " constants");
            return linear;
        },
                m.constants(), m.version(), Map.of(), out);
        assertEquals(List.of("__torch__.torch.nn.modules.linear:Linear after " + m.constants().size() + " constants"), asked);
        assertEquals(m.code().keySet(), ModelImporter.load(out).code().keySet());
    }
}
