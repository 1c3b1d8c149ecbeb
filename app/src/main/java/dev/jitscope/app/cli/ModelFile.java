package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.type.ClassType;

import java.nio.file.Files;
import java.nio.file.Path;

/** The MODEL.pt argument the archive subcommands share: loading and method lookup with diagnostics. */
final class ModelFile {
    private ModelFile() { }

    static LoadedModel load(Path path) {
        return load(path, null);
    }

    /** Loads the archive, then the state_dict file {@code weights} (may be null) into it, strictly. */
    static LoadedModel load(Path path, Path weights) {
        if (!Files.exists(path)) throw new JitScopeException("no such file", path.toString());
        if (weights != null && !Files.exists(weights)) throw new JitScopeException("no such file", weights.toString());
        return ModelImporter.load(path, weights);
    }

    static Function method(LoadedModel model, String name) {
        ClassType type = model.root().type();
        Function f = type.method(name);
        if (f == null) {
            throw new JitScopeException("the root module " + type.qualifiedName() + " has no method '" + name
                    + "'; its methods are: " + String.join(", ", type.methods().keySet()), model.path().toString());
        }
        return f;
    }
}
