package dev.jitscope.app.workbench.shell;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.ModelExporter;

import java.nio.file.Path;

/**
 * File → Export archive: writes the open model as a {@code torch.jit.save} archive. An opened
 * archive goes back through {@link ModelExporter#save(dev.jitscope.frontend.archive.LoadedModel, Path)}
 * with its own code files and constants, so PyTorch loads what it wrote.
 */
final class ArchiveExport {
    private ArchiveExport() { }

    /** Blocking: call it off the FX thread. Every failure is a JitScopeException naming {@code out}. */
    static void write(OpenedModel model, Path out) {
        if (model.archive() != null) {
            ModelExporter.save(model.archive(), out);
            return;
        }
        // a source has classes but no instance: its attribute values (weights, submodules) come from
        // running __init__, which needs the eager interpreter and InstanceScripter
        throw new JitScopeException("exporting " + model.className() + " needs an instance built from its __init__ "
                + "(InstanceScripter, not in this build yet); open a .pt archive to export it", out.toString());
    }
}
