package dev.jitscope.frontend.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.archive.ArchiveFormat;
import dev.jitscope.ir.archive.ArchiveWriter;
import dev.jitscope.ir.print.SourcePrinter;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves a module instance as a {@code torch.jit.save} archive that PyTorch 1.13's
 * {@code torch.jit.load} loads: data.pkl from the object tree, constants.pkl, the version and one
 * code file per qualifier. Classes imported from an archive keep their original code texts; classes
 * compiled here are printed by {@link SourcePrinter} (or a {@link ClassPrinter} for mixed trees).
 *
 * <p>The file is written next to its destination and moved in place at the end, so a failed export
 * never leaves half an archive behind.
 */
public final class ModelExporter {
    /**
     * Prints the code file of one qualifier (e.g. {@code __torch__.torch.nn.modules.linear}) holding
     * {@code classes}. Tensor constants the code needs are appended to {@code constants} and referred
     * to as {@code CONSTANTS.c<index>}; the list already holds the constants of the other files.
     */
    @FunctionalInterface
    public interface ClassPrinter {
        String print(String qualifier, List<ClassType> classes, List<Object> constants);
    }

    private ModelExporter() { }

    /** Writes a loaded (possibly modified, e.g. re-weighted) model back with its own code files and constants. */
    public static void save(LoadedModel model, Path out) {
        Map<ScriptObject, Object> states = new IdentityHashMap<>();
        for (LoadedModel.PendingState p : model.pendingStates()) states.put(p.object(), p.state());
        save(model.root(), model.code(), null, model.constants(), model.version(), states, out);
    }

    /**
     * Writes a module instance whose classes were compiled here (from source or by tracing): every
     * code file is printed from the classes' graphs by {@link SourcePrinter}.
     */
    public static void save(ScriptObject root, Path out) {
        SourcePrinter.Result printed = SourcePrinter.print(classesOf(root));
        save(root, printed.files(), null, printed.constants(), ArchiveFormat.PRODUCED_VERSION, Map.of(), out);
    }

    /**
     * Writes a module instance.
     *
     * @param code      code texts by qualifier; every one is written
     * @param printer   prints the qualifiers the objects' classes need that {@code code} lacks; may be null
     * @param constants the tensor constants the code refers to as {@code CONSTANTS.c<i>} (not changed)
     * @param version   the format version to record (at least {@link ArchiveFormat#PRODUCED_VERSION})
     * @param states    objects whose classes define {@code __setstate__}, with the state to pickle for them
     */
    public static void save(ScriptObject root, Map<String, String> code, ClassPrinter printer, List<Object> constants,
                            long version, Map<ScriptObject, Object> states, Path out) {
        Map<String, String> files = new LinkedHashMap<>(code);
        List<Object> allConstants = new ArrayList<>(constants);
        Map<String, List<ClassType>> missing = new LinkedHashMap<>();
        for (ClassType type : classesOf(root)) {
            if (type.qualifiedName().startsWith("__torch__.torch.classes."))
                throw new JitScopeException("class '" + type.qualifiedName() + "' is a C++ custom class, which JitScope cannot save", out.toString());
            String qualifier = qualifier(type);
            if (!files.containsKey(qualifier)) missing.computeIfAbsent(qualifier, q -> new ArrayList<>()).add(type);
        }
        for (Map.Entry<String, List<ClassType>> m : missing.entrySet()) {
            if (printer == null)
                throw new JitScopeException("no code text for class '" + m.getValue().get(0).qualifiedName()
                        + "' (code file " + m.getKey() + "); only imported classes or a source printer can be saved", out.toString());
            files.put(m.getKey(), printer.print(m.getKey(), m.getValue(), allConstants));
        }
        Path dir = out.toAbsolutePath().getParent();
        String top = topFolder(out);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + top, ".pt.part");
        } catch (IOException e) {
            throw new JitScopeException("cannot write the archive: " + e.getMessage(), null, out.toString(), e);
        }
        boolean done = false;
        try {
            try (ArchiveWriter w = ArchiveWriter.create(tmp, top)) {
                w.writeData(root, states);
                for (Map.Entry<String, String> f : files.entrySet()) w.writeCode(f.getKey(), f.getValue());
                w.writeConstants(allConstants);
                w.writeVersion(Math.max(version, ArchiveFormat.PRODUCED_VERSION));
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } catch (IOException e) {
            throw new JitScopeException("cannot write the archive: " + e.getMessage(), null, out.toString(), e);
        } finally {
            if (!done) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            }
        }
    }

    /** The top folder PyTorch uses: the file name without its extension. */
    static String topFolder(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return base.isEmpty() || base.contains("..") ? "archive" : base;
    }

    static String qualifier(ClassType type) {
        String q = type.qualifiedName();
        int dot = q.lastIndexOf('.');
        return dot < 0 ? q : q.substring(0, dot);
    }

    /** Classes of every object reachable from the root, in first-met order. */
    static List<ClassType> classesOf(ScriptObject root) {
        Set<ClassType> out = new java.util.LinkedHashSet<>();
        collect(root, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return new ArrayList<>(out);
    }

    private static void collect(Object v, Set<ClassType> out, Set<Object> seen) {
        if (v == null || !(v instanceof ScriptObject || v instanceof Tuple || v instanceof List || v instanceof Map) || !seen.add(v)) return;
        if (v instanceof ScriptObject o) {
            out.add(o.type());
            for (int i = 0; i < o.type().attributes().size(); i++) collect(o.slot(i), out, seen);
        } else if (v instanceof Tuple t) {
            for (Object x : t.items()) collect(x, out, seen);
        } else if (v instanceof List<?> l) {
            for (Object x : l) collect(x, out, seen);
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) { collect(e.getKey(), out, seen); collect(e.getValue(), out, seen); }
        }
    }
}
