package dev.jitscope.frontend.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.importer.SourceImporter;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceOrigins;
import dev.jitscope.ir.archive.ArchiveReader;
import dev.jitscope.ir.archive.DebugInfoReader;
import dev.jitscope.ir.archive.PickledObject;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a {@code torch.jit.save} archive as PyTorch 1.13's {@code torch.jit.load} does: checks the
 * format version, reads the constants, compiles the classes that {@code data.pkl} instantiates from
 * the archive's code files, and fills each object's attribute slots from its pickled state.
 */
public final class ModelImporter {
    private final ArchiveReader reader;
    private final SourceImporter importer;
    private final Map<Object, Object> converted = new IdentityHashMap<>();
    private final List<LoadedModel.PendingState> pending = new ArrayList<>();

    private ModelImporter(ArchiveReader reader, Map<String, String> code, Map<String, SourceOrigins> origins, List<Object> constants) {
        this.reader = reader;
        // classes may compile after the zip is closed, so they read from the code already loaded
        this.importer = new SourceImporter(new SourceImporter.SourceLoader() {
            @Override public String load(String qualifier) { return code.get(qualifier); }

            @Override public Source source(String qualifier, String fileName, String text) {
                Source s = new Source(fileName, text);
                s.setOrigins(origins.get(qualifier));
                return s;
            }
        }, constants);
    }

    /**
     * The debug info of each code file: graphs then print the user's original file:line:col as
     * PyTorch does. Debug info is optional (PyTorch can save without it); an unreadable one is
     * dropped, so such code falls back to its code/ locations rather than failing the load.
     */
    private static Map<String, SourceOrigins> origins(ArchiveReader reader, Map<String, String> code) {
        Map<String, SourceOrigins> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : code.entrySet()) {
            String name = DebugInfoReader.recordName(e.getKey());
            if (!reader.hasRecord(name)) continue;
            try {
                out.put(e.getKey(), DebugInfoReader.read(reader.record(name), e.getValue(), reader.where(name)));
            } catch (JitScopeException ignored) {
                // the model is usable without it
            }
        }
        return out;
    }

    /** Loads the archive at {@code path}; every defect surfaces as a {@link JitScopeException}. */
    public static LoadedModel load(Path path) {
        try (ArchiveReader reader = ArchiveReader.open(path)) {
            long version = reader.version();
            if (!reader.hasRecord("data.pkl"))
                throw new JitScopeException("missing entry '" + reader.topFolder() + "/data.pkl' (the pickled module)", path.toString());
            List<Object> constants = reader.constants();
            Map<String, String> code = new LinkedHashMap<>();
            for (String q : reader.listCode()) code.put(q, reader.code(q));
            ModelImporter importer = new ModelImporter(reader, code, origins(reader, code), constants);
            Object data = reader.data();
            if (!(data instanceof PickledObject p))
                throw new JitScopeException("data.pkl holds " + describe(data) + ", expected a __torch__ module"
                        + " (is this a torch.save file rather than a torch.jit.save archive?)", reader.where("data.pkl"));
            importer.checkCodeFiles(data, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            ScriptObject root = importer.object(p);
            return new LoadedModel(path, version, root, new LinkedHashMap<>(importer.importer.loadedClasses()), code,
                    constants, List.copyOf(importer.pending));
        }
    }

    /**
     * Loads the archive, then the weights of a {@code torch.save(model.state_dict())} file into it
     * (strictly: missing, unexpected and mis-shaped keys are one diagnostic); {@code weights} may be null.
     */
    public static LoadedModel load(Path path, Path weights) {
        LoadedModel model = load(path);
        if (weights != null) dev.jitscope.ir.archive.StateDictLoader.load(model.root(), weights);
        return model;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof Map ? "a dict" : "a " + o.getClass().getSimpleName();
    }

    private Object value(Object v) {
        if (v instanceof PickledObject p) return object(p);
        if (v instanceof Tuple t) {
            Object done = converted.get(t);
            if (done != null) return done;
            List<Object> items = new ArrayList<>(t.size());
            Tuple out = new Tuple(items);
            converted.put(t, out);
            for (Object x : t.items()) items.add(value(x));
            return out;
        }
        if (v instanceof List<?> l) {
            Object done = converted.get(l);
            if (done != null) return done;
            List<Object> out = new ArrayList<>(l.size());
            converted.put(l, out);
            for (Object x : l) out.add(value(x));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Object done = converted.get(m);
            if (done != null) return done;
            Map<Object, Object> out = new LinkedHashMap<>();
            converted.put(m, out);
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(value(e.getKey()), value(e.getValue()));
            return out;
        }
        return v;
    }

    private ScriptObject object(PickledObject p) {
        Object done = converted.get(p);
        if (done != null) return (ScriptObject) done;
        ClassType type = classType(p.qualifiedName());
        ScriptObject obj = new ScriptObject(type);
        converted.put(p, obj);
        if (type.method("__setstate__") != null) {
            pending.add(new LoadedModel.PendingState(obj, value(p.state())));
            return obj;
        }
        if (!(p.state() instanceof Map<?, ?> state))
            throw new JitScopeException("object of class '" + p.qualifiedName() + "' has state " + describe(p.state())
                    + ", expected a dict of its attributes", reader.where("data.pkl"));
        for (Map.Entry<?, ?> e : state.entrySet()) {
            if (!(e.getKey() instanceof String name))
                throw new JitScopeException("attribute name " + e.getKey() + " of class '" + p.qualifiedName() + "' is not a string", reader.where("data.pkl"));
            if (type.findAttribute(name) >= 0) obj.setAttr(name, value(e.getValue()));
        }
        return obj;
    }

    /** Every class data.pkl instantiates needs its code file; checked before compiling anything. */
    private void checkCodeFiles(Object v, java.util.Set<Object> seen) {
        if (v == null || !seen.add(v)) return;
        if (v instanceof PickledObject p) {
            requireCode(p.qualifiedName());
            checkCodeFiles(p.state(), seen);
        } else if (v instanceof Tuple t) {
            for (Object x : t.items()) checkCodeFiles(x, seen);
        } else if (v instanceof List<?> l) {
            for (Object x : l) checkCodeFiles(x, seen);
        } else if (v instanceof Map<?, ?> m) {
            for (Object x : m.values()) checkCodeFiles(x, seen);
        }
    }

    private String requireCode(String qualifiedName) {
        if (qualifiedName.startsWith("__torch__.torch.classes."))   // C++ custom classes have no code file
            throw new JitScopeException("data.pkl uses the C++ custom class '" + qualifiedName.substring("__torch__.".length())
                    + "' (e.g. quantized packed parameters), which JitScope does not support", reader.where("data.pkl"));
        int dot = qualifiedName.lastIndexOf('.');
        String qualifier = dot < 0 ? qualifiedName : qualifiedName.substring(0, dot);
        if (!reader.hasCode(qualifier))
            throw new JitScopeException("missing code file '" + reader.topFolder() + "/code/" + qualifier.replace('.', '/')
                    + ".py' for class '" + qualifiedName + "' used in data.pkl", reader.path().toString());
        return qualifier;
    }

    private ClassType classType(String qualifiedName) {
        String qualifier = requireCode(qualifiedName);
        try {
            return importer.loadType(qualifiedName);
        } catch (JitScopeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JitScopeException("cannot compile class '" + qualifiedName + "': " + e, null, reader.where("code/" + qualifier.replace('.', '/') + ".py"), e);
        } catch (StackOverflowError e) {
            // the parser and emitter recurse per nesting level; a hostile code file can nest without end
            throw new JitScopeException("cannot compile class '" + qualifiedName + "': its code nests too deeply",
                    null, reader.where("code/" + qualifier.replace('.', '/') + ".py"), null);
        }
    }
}
