package dev.jitscope.frontend.archive;

import dev.jitscope.ir.archive.StateDictReader;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Archives written by PyTorch 1.13 load into module instances whose every parameter and buffer has
 * the dtype, shape and values PyTorch reports for the same module's state_dict.
 */
class ModelImporterPyTorchTest {
    @TempDir static Path dir;

    @BeforeAll
    static void makeModels() throws Exception {
        String prepared = System.getProperty("jitscope.archive.models");
        if (prepared != null) {   // a directory a previous run of make_models.py filled (faster iteration)
            dir = Path.of(prepared);
            return;
        }
        PythonReference.requirePyTorch();
        PythonReference.runResource(ModelImporterPyTorchTest.class, "/dev/jitscope/frontend/archive/make_models.py", dir, List.of(dir.toString()), 900);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "lstm", "resnet18", "densenet121", "googlenet", "mobilenet_traced", "transformer"})
    void everyStateDictTensorMatchesPyTorch(String name) throws Exception {
        LoadedModel model = ModelImporter.load(dir.resolve(name + ".pt"));
        List<String> lines = Files.readAllLines(dir.resolve(name + ".txt"));
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            String[] f = line.split("\t");
            Object v = lookup(model.root(), f[0]);
            assertInstanceOf(Tensor.class, v, f[0]);
            assertTensorMatches(f, (Tensor) v);
        }
    }

    @Test
    void tinyModelHasItsClassesAttributesAndSharedViews() {
        LoadedModel model = ModelImporter.load(dir.resolve("tiny.pt"));
        ScriptObject root = model.root();
        assertEquals("__torch__.Tiny", root.type().qualifiedName());
        assertEquals(5L, root.getAttr("k"));
        ScriptObject linear = (ScriptObject) root.getAttr("l");
        assertEquals("__torch__.torch.nn.modules.linear.Linear", linear.type().qualifiedName());
        assertNotNull(linear.type().method("forward"), "Linear.forward compiled");
        Tensor view = (Tensor) root.getAttr("view");
        assertArrayEquals(new int[] {2, 2}, view.shape());
        assertArrayEquals(new int[] {3, 1}, view.strides());
        assertEquals(1, view.offset());
        assertTrue(model.classes().containsKey("__torch__.torch.nn.modules.batchnorm.BatchNorm1d"));
        assertTrue(model.code().containsKey("__torch__.torch.nn.modules.linear"));
        assertEquals(3, model.version());
    }

    @Test
    void plainAttributesKeepTheirRuntimeValues() {
        ScriptObject root = ModelImporter.load(dir.resolve("attrs.pt")).root();
        assertEquals(List.of(1L, 2L), root.getAttr("ints"));
        assertEquals(Tuple.of(1L, "x"), root.getAttr("t"));
        assertEquals(2.5, root.getAttr("f"));
        assertEquals(Device.CPU, root.getAttr("dev"));
        Map<?, ?> d = (Map<?, ?>) root.getAttr("d");
        assertEquals(List.of("a", "b"), List.copyOf(d.keySet()), "dict order kept");
        assertArrayEquals(new int[] {2}, ((Tensor) d.get("a")).shape());
    }

    @Test
    void torchSaveStateDictReadsAsOrderedTensors() throws Exception {
        Map<String, Tensor> sd = StateDictReader.read(dir.resolve("state_dict.pt"));
        List<String> lines = Files.readAllLines(dir.resolve("state_dict.txt"));
        assertEquals(lines.stream().map(l -> l.split("\t")[0]).toList(), List.copyOf(sd.keySet()));
        for (String line : lines) {
            String[] f = line.split("\t");
            assertTensorMatches(f, sd.get(f[0]));
        }
    }

    @Test
    void aJitArchiveIsNotTakenForAStateDict() {
        var e = assertThrows(dev.jitscope.diag.JitScopeException.class, () -> StateDictReader.read(dir.resolve("tiny.pt")));
        assertTrue(e.render().contains("expected a state dict") && e.render().contains("__torch__.Tiny"), e.render());
    }

    @Test
    void tracedTensorConstantsComeFromTheConstantsFolder() throws Exception {
        LoadedModel model = ModelImporter.load(dir.resolve("traced_constant.pt"));
        assertEquals(1, model.constants().size());
        Tensor c = (Tensor) model.constants().get(0);
        String[] f = Files.readAllLines(dir.resolve("traced_constant.txt")).get(0).split("\t");
        assertTensorMatches(f, c);
    }

    @Test
    void tensorsOfOneStorageShareIt() {
        ScriptObject root = ModelImporter.load(dir.resolve("lstm.pt")).root();
        ScriptObject lstm = (ScriptObject) root.getAttr("lstm");
        Tensor w = (Tensor) lstm.getAttr("weight_ih_l0");
        @SuppressWarnings("unchecked")
        List<Object> flat = (List<Object>) lstm.getAttr("_flat_weights");
        assertSame(w.storage(), ((Tensor) flat.get(0)).storage(), "_flat_weights[0] is weight_ih_l0's storage");
    }

    static Object lookup(ScriptObject root, String dotted) {
        Object cur = root;
        for (String part : dotted.split("\\.")) cur = ((ScriptObject) cur).getAttr(part);
        return cur;
    }

    static void assertTensorMatches(String[] f, Tensor t) {
        String key = f[0];
        assertEquals(f[1], t.dtype().torchName, key + " dtype");
        String shape = String.join(",", java.util.Arrays.stream(t.shape()).mapToObj(Integer::toString).toList());
        assertEquals(f[2], shape, key + " shape");
        double sum = 0, abs = 0;
        int n = t.numel();
        double first = 0;
        for (int i = 0; i < n; i++) {
            double x = t.getDouble(i);   // logical row-major index: strides and offset applied
            if (i == 0) first = x;
            sum += x;
            abs += Math.abs(x);
        }
        double refAbs = Double.parseDouble(f[4]);
        double tol = 1e-9 + 1e-9 * refAbs;
        assertEquals(Double.parseDouble(f[3]), sum, tol + 1e-6 * refAbs, key + " sum");
        assertEquals(refAbs, abs, tol + 1e-6 * refAbs, key + " abs sum");
        assertEquals(Double.parseDouble(f[5]), first, 0.0, key + " first element");
    }
}
