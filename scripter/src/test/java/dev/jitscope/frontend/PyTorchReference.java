package dev.jitscope.frontend;

import dev.jitscope.testsupport.PythonReference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * @deprecated use {@link PythonReference}, the project's one way to run the referee. This delegate
 * only keeps tests written on other branches before the move compiling; delete it once none uses it.
 */
@Deprecated
public final class PyTorchReference {
    private PyTorchReference() { }

    public static void requirePyTorch() {
        PythonReference.requirePyTorch();
    }

    public static String runScript(String resource, Path workDir, List<String> args) throws IOException, InterruptedException {
        return PythonReference.runResource(PyTorchReference.class, resource, workDir, args, 900);
    }
}
