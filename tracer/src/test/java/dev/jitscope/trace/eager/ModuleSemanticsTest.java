package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nn.Module bookkeeping (registration order, state_dict names, containers, train/eval) seen from
 * inside the model prints what PyTorch prints for the same file.
 */
class ModuleSemanticsTest {
    @TempDir Path dir;

    @Test
    void moduleTreeDescribesItselfAsInPyTorch() throws Exception {
        PythonReference.requirePyTorch();
        Source src = EagerSources.resource("module_tree.py");
        Path file = EagerSources.copy(src, dir);
        Path driver = dir.resolve("driver.py");
        Files.writeString(driver, "import sys\nsys.path.insert(0, '.')\nimport module_tree\nmodule_tree.Tree().describe()\n");
        String expected = PythonReference.run(driver, dir, List.of(), 120);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EagerSession session = EagerSources.load(src, LibraryResolver.standard(), out);
        ModuleInstance tree = session.instantiate("Tree", List.of(), Map.of());
        session.call(tree, "describe", List.of());
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void javaViewOfTheInstance() {
        EagerSession session = EagerSources.load(EagerSources.resource("module_tree.py"), LibraryResolver.standard(), new ByteArrayOutputStream());
        ModuleInstance tree = session.instantiate("Tree", List.of(), Map.of("depth", 3L));
        assertEquals(List.of("blocks", "head", "named", "shared"), List.copyOf(tree.modules().keySet()));
        assertEquals(3, tree.modules().get("blocks").modules().size());
        assertTrue(tree.parameters().containsKey("unused"));
        assertNull(tree.parameters().get("unused"));
        assertNull(tree.attributes().get("optional"));
        PyClass cls = tree.type();
        assertEquals("__torch__.Tree", cls.qualifiedName());
        assertTrue(cls.isModule());
        assertEquals(java.util.Set.of("describe"), cls.ignoredMethods());
        PyClass linear = tree.modules().get("head").modules().get("proj").type();
        assertEquals("__torch__.torch.nn.modules.linear.Linear", linear.qualifiedName());
        assertTrue(linear.constants().containsAll(List.of("in_features", "out_features")), linear.constants().toString());
        ModuleInstance block = tree.modules().get("blocks").modules().get("0");
        assertTrue(block.nonPersistentBuffers().contains("scratch"));
        assertEquals("__torch__.Block", block.type().qualifiedName());
    }
}
