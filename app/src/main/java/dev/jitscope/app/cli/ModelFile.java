package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.archive.LoadedModel;
import dev.jitscope.frontend.archive.ModelExporter;
import dev.jitscope.frontend.archive.ModelImporter;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.type.ClassType;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MODEL argument the model subcommands share: a {@code torch.jit.save} archive, or a source file
 * with {@code --class NAME} (built and scripted by {@link SourceModel}); loading, saving and method
 * lookup with diagnostics.
 */
final class ModelFile {
    private ModelFile() { }

    static LoadedModel load(Path path) {
        return load(path, null);
    }

    /** Loads the archive, then the state_dict file {@code weights} (may be null) into it, strictly. */
    static LoadedModel load(Path path, Path weights) {
        return load(path, weights, null);
    }

    /**
     * As above; a {@code .py} model is built from {@code source} (its --class, --args, --seed), which
     * must be null or name no class for an archive.
     */
    static LoadedModel load(Path path, Path weights, SourceModelOptions source) {
        if (!Files.exists(path)) throw new JitScopeException("no such file", path.toString());
        if (SourceModel.isSource(path)) return SourceModel.build(path, source == null ? new SourceModelOptions() : source, weights);
        if (source != null && source.className != null)
            throw new JitScopeException("--class applies to .py sources; an archive's root module is its class", path.toString());
        if (weights != null && !Files.exists(weights)) throw new JitScopeException("no such file", weights.toString());
        return ModelImporter.load(path, weights);
    }

    /** Writes the model as a torch.jit.save archive: an archive keeps its code files, a source model's classes are printed. */
    static void save(LoadedModel model, Path out) {
        if (SourceModel.isSource(model.path())) ModelExporter.save(model.root(), out);
        else ModelExporter.save(model, out);
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
