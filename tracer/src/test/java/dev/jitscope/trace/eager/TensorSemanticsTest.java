package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;
import dev.jitscope.testsupport.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tensor expressions (operators both ways round, indexing and index assignment, views, reductions,
 * .item/.tolist/.shape) run eagerly print what PyTorch prints for the same file.
 */
class TensorSemanticsTest {
    @TempDir Path dir;

    @Test
    void printsWhatPyTorchPrints() throws Exception {
        PythonReference.requirePyTorch();
        Source src = EagerSources.resource("tensor_semantics.py");
        String expected = PythonReference.run(EagerSources.copy(src, dir), dir, List.of(), 120);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            EagerSources.load(src, LibraryResolver.standard(), out);
        } finally {
            String got = out.toString(StandardCharsets.UTF_8);
            // line by line first: the first differing line is the useful message
            List<String> e = expected.lines().toList(), g = got.lines().toList();
            for (int i = 0; i < Math.min(e.size(), g.size()); i++) assertEquals(e.get(i), g.get(i), "line " + (i + 1));
        }
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }
}
