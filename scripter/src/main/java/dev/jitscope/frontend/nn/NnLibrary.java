package dev.jitscope.frontend.nn;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.parser.Parser;
import dev.jitscope.ir.Source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * torch.nn written in the script language: the sources of {@code torch.nn.modules.*},
 * {@code torch.nn.functional} and {@code torch.nn.init} shipped as resources under
 * {@code dev/jitscope/nn/}, laid out like PyTorch's package. The eager interpreter runs them to
 * build module instances; the scripter compiles their forward methods against the instance's
 * attribute types, giving the graphs PyTorch's {@code torch.jit.script} gives for torch.nn.
 */
public final class NnLibrary {
    /** TorchScript's qualifier prefix: class Linear of torch.nn.modules.linear is __torch__.torch.nn.modules.linear.Linear. */
    public static final String QUALIFIER_PREFIX = "__torch__.";

    /** Every shipped file, in the order moduleClasses() lists their classes. */
    private static final List<String> MODULES = List.of(
            "torch.nn.modules.linear",
            "torch.nn.modules.activation",
            "torch.nn.modules.container",
            "torch.nn.modules.conv",
            "torch.nn.modules.batchnorm",
            "torch.nn.modules.normalization",
            "torch.nn.modules.dropout",
            "torch.nn.modules.sparse",
            "torch.nn.modules.pooling",
            "torch.nn.modules.flatten",
            "torch.nn.modules.transformer",
            "torch.nn.modules.rnn");
    private static final String FUNCTIONAL = "torch.nn.functional";
    private static final String INIT = "torch.nn.init";
    /** Helpers the modules import (no module classes): tuple helpers and the BroadcastingList annotations. */
    private static final String UTILS = "torch.nn.modules.utils";

    private static final Map<String, Source> SOURCES = new HashMap<>();
    private static volatile Index index;

    private NnLibrary() { }

    /** "torch.nn.modules.linear" → its source (Source name "torch/nn/modules/linear.py"), or null. */
    public static Source module(String dottedModule) {
        if (dottedModule == null || !(MODULES.contains(dottedModule) || dottedModule.equals(FUNCTIONAL)
                || dottedModule.equals(INIT) || dottedModule.equals(UTILS)))
            return null;
        synchronized (SOURCES) {
            if (!SOURCES.containsKey(dottedModule)) SOURCES.put(dottedModule, read(dottedModule));
            return SOURCES.get(dottedModule);
        }
    }

    /**
     * Public name as reached from user code: "Linear" (nn.Linear), "functional.relu" (F.relu),
     * "init.kaiming_uniform_" → the dotted module that defines it ("torch.nn.modules.linear",
     * "torch.nn.functional", "torch.nn.init"), or null.
     */
    public static String definingModule(String publicName) {
        if (publicName == null) return null;
        Index ix = index();
        if (publicName.startsWith("functional.")) return ix.functional.contains(publicName.substring(11)) ? FUNCTIONAL : null;
        if (publicName.startsWith("init.")) return ix.init.contains(publicName.substring(5)) ? INIT : null;
        return ix.classes.get(publicName);
    }

    /**
     * Every shipped public nn module class: "Linear" → "torch.nn.modules.linear", in a stable order
     * (file order, then definition order). Private bases (_ConvNd, _BatchNorm) are left out.
     */
    public static Map<String, String> moduleClasses() {
        return index().moduleClasses;
    }

    /** Every shipped dotted module (the nn.modules files, then functional and init). */
    public static List<String> modules() {
        List<String> all = new java.util.ArrayList<>(MODULES);
        all.add(FUNCTIONAL);
        all.add(INIT);
        all.add(UTILS);
        return Collections.unmodifiableList(all);
    }

    /** "Linear" → "__torch__.torch.nn.modules.linear.Linear", or null when no shipped class has the name. */
    public static String qualifiedClassName(String className) {
        String m = index().classes.get(className);
        return m == null ? null : QUALIFIER_PREFIX + m + "." + className;
    }

    /**
     * The library file of a TorchScript qualifier ("__torch__.torch.nn.functional"), or null: what
     * a SourceImporter's loader answers so that library classes and functions resolve.
     */
    public static Source forQualifier(String qualifier) {
        if (qualifier == null || !qualifier.startsWith(QUALIFIER_PREFIX)) return null;
        return module(qualifier.substring(QUALIFIER_PREFIX.length()));
    }

    // ---------------------------------------------------------------- resources and index

    private static Source read(String dotted) {
        String path = dotted.replace('.', '/') + ".py";
        try (InputStream in = NnLibrary.class.getResourceAsStream("/dev/jitscope/nn/" + path)) {
            if (in == null) return null;
            return new Source(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the nn library resource " + path, e);
        }
    }

    private record Index(Map<String, String> classes, Map<String, String> moduleClasses,
                         Set<String> functional, Set<String> init) { }

    private static Index index() {
        Index ix = index;
        if (ix == null) {
            synchronized (NnLibrary.class) {
                if (index == null) index = build();
                ix = index;
            }
        }
        return ix;
    }

    private static Index build() {
        Map<String, String> classes = new LinkedHashMap<>();
        Map<String, List<String>> bases = new HashMap<>();
        for (String m : MODULES) {
            Source s = module(m);
            if (s == null) continue;
            for (Ast.Stmt st : parse(s).body()) {
                if (!(st instanceof Ast.ClassDef c)) continue;
                classes.put(c.name(), m);
                List<String> bs = new java.util.ArrayList<>();
                for (Ast.Expr b : c.bases()) bs.add(b instanceof Ast.Name n ? n.id() : b instanceof Ast.Attribute a ? a.name() : "");
                bases.put(c.name(), bs);
            }
        }
        Map<String, String> moduleClasses = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : classes.entrySet())
            if (!e.getKey().startsWith("_") && derivesFromModule(e.getKey(), bases, new LinkedHashSet<>()))
                moduleClasses.put(e.getKey(), e.getValue());
        return new Index(Collections.unmodifiableMap(classes), Collections.unmodifiableMap(moduleClasses),
                topLevelNames(module(FUNCTIONAL)), topLevelNames(module(INIT)));
    }

    private static boolean derivesFromModule(String cls, Map<String, List<String>> bases, Set<String> seen) {
        if (!seen.add(cls)) return false;
        for (String b : bases.getOrDefault(cls, List.of())) {
            if (b.equals("Module") || derivesFromModule(b, bases, seen)) return true;
        }
        return false;
    }

    /** Public functions and aliases a file defines at top level (private names start with '_'). */
    private static Set<String> topLevelNames(Source s) {
        Set<String> out = new LinkedHashSet<>();
        if (s == null) return out;
        for (Ast.Stmt st : parse(s).body()) {
            if (st instanceof Ast.FunctionDef d) out.add(d.name());
            else if (st instanceof Ast.Assign a && a.targets().get(0) instanceof Ast.Name n) out.add(n.id());
        }
        return Collections.unmodifiableSet(out);
    }

    private static Ast.SourceFile parse(Source s) {
        try {
            return Parser.parse(s);
        } catch (JitScopeException e) {
            throw new IllegalStateException("the shipped nn library file " + s.name() + " does not parse:\n" + e.render(), e);
        }
    }
}
