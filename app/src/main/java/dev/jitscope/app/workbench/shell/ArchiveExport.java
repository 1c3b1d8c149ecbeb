package dev.jitscope.app.workbench.shell;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.ModelExporter;

import java.nio.file.Path;

/**
 * File → Export archive: writes the open model as a {@code torch.jit.save} archive. An opened
 * archive goes back through {@link ModelExporter#save(dev.jitscope.frontend.archive.LoadedModel, Path)}
 * with its own code files and constants, so PyTorch loads what it wrote; a model built from source
 * (eager {@code __init__}, then InstanceScripter) through {@link ModelExporter#save(dev.jitscope.ir.value.ScriptObject, Path)}.
 */
final class ArchiveExport {
    private ArchiveExport() { }

    /** Blocking: call it off the FX thread. Every failure is a JitScopeException naming {@code out}. */
    static void write(OpenedModel model, Path out) {
        if (model.archive() != null) {
            ModelExporter.save(model.archive(), out);
            return;
        }
        if (model.instance() != null) {
            // scripted here from the eager instance: the code files are printed from its classes' graphs
            ModelExporter.save(model.instance(), out);
            return;
        }
        throw new JitScopeException("exporting " + model.className() + " needs an instance, and its __init__ could not run "
                + "without arguments; only the class was compiled", out.toString());
    }
}
