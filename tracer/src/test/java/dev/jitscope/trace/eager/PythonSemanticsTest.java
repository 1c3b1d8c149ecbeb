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

/** Plain Python (no tensors) run eagerly prints exactly what CPython prints for the same file. */
class PythonSemanticsTest {
    @TempDir Path dir;

    @Test
    void printsWhatCPythonPrints() throws Exception {
        PythonReference.requirePyTorch();
        Source src = EagerSources.resource("python_semantics.py");
        String expected = PythonReference.run(EagerSources.copy(src, dir), dir, List.of(), 60);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EagerSources.load(src, LibraryResolver.NONE, out);
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }
}
