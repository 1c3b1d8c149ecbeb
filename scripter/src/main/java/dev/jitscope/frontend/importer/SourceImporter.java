package dev.jitscope.frontend.importer;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast.*;
import dev.jitscope.frontend.emit.FunctionEmitter;
import dev.jitscope.frontend.emit.FunctionSignature;
import dev.jitscope.frontend.emit.GlobalResolver;
import dev.jitscope.frontend.emit.Sugar;
import dev.jitscope.frontend.emit.TypeParser;
import dev.jitscope.frontend.nn.NnLibrary;
import dev.jitscope.frontend.parser.Parser;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.JitType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the {@code code/} files of an archive back into classes and functions, lazily: a class
 * is parsed and compiled when first asked for, and the classes it mentions are loaded on demand.
 * Qualified names map to files by their qualifier: {@code __torch__.torch.nn.modules.conv.Conv2d}
 * lives in the file of qualifier {@code __torch__.torch.nn.modules.conv}.
 */
public final class SourceImporter implements GlobalResolver {

    /** Supplies the source text of a qualifier's file, or null when there is no such file. */
    @FunctionalInterface
    public interface SourceLoader {
        String load(String qualifier);

        /** The Source the parser reads for a loaded file; archive loaders attach the code's origins (debug_pkl) here. */
        default Source source(String qualifier, String fileName, String text) { return new Source(fileName, text); }
    }

    private final SourceLoader loader;
    private final List<Object> constants;
    private final Map<String, ParsedFile> files = new HashMap<>();
    private final Set<String> missing = new HashSet<>();
    private final Map<String, ClassType> classes = new LinkedHashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final TypeParser types = new TypeParser(this);
    /** When set, bare names are first looked up in this qualifier (user source files). */
    private final String localQualifier;
    private final String localFileName;

    /**
     * One parsed file. {@code aliases}: top-level {@code name = dotted.path} bindings (torch.nn.functional's
     * {@code linear = torch.linear}); {@code scope}: how bare names resolve inside the file.
     */
    private record ParsedFile(String qualifier, Map<String, ClassDef> classes, Map<String, FunctionDef> functions,
                              Map<String, Expr> aliases, GlobalResolver scope, boolean library) { }

    public SourceImporter(SourceLoader loader, List<Object> constants) { this(loader, constants, null); }

    public SourceImporter(SourceLoader loader, List<Object> constants, String localQualifier) {
        this(loader, constants, localQualifier, null);
    }

    /**
     * @param localQualifier when not null, bare names resolve in this qualifier first (user files)
     * @param fileName       the name diagnostics show for the local qualifier's file, or null
     */
    public SourceImporter(SourceLoader loader, List<Object> constants, String localQualifier, String fileName) {
        this.localFileName = fileName;
        this.loader = loader;
        this.constants = constants == null ? List.of() : constants;
        this.localQualifier = localQualifier;
    }

    /** Loads (parsing and compiling on first use) the class with this qualified name. */
    public ClassType loadType(String qualifiedName) {
        ClassType cached = classes.get(qualifiedName);
        if (cached != null) return cached;
        ClassDef def = findClass(qualifiedName);
        if (def == null) throw new JitScopeException("class '" + qualifiedName + "' not found in the archive code", qualifiedName);
        return defineClass(qualifiedName, def);
    }

    /** Loads the free function with this qualified name. */
    public Function loadFunction(String qualifiedName) {
        Function cached = functions.get(qualifiedName);
        if (cached != null) return cached;
        int dot = qualifiedName.lastIndexOf('.');
        ParsedFile f = dot < 0 ? null : file(qualifiedName.substring(0, dot));
        FunctionDef def = f == null ? null : f.functions().get(qualifiedName.substring(dot + 1));
        if (def == null) throw new JitScopeException("function '" + qualifiedName + "' not found in the archive code", qualifiedName);
        FunctionSignature sig = FunctionEmitter.signatureOf(def, new TypeParser(f.scope()), null);
        Function fn = new Function(def.name(), qualifiedName, null, sig);
        functions.put(qualifiedName, fn);
        fn.setGraph(new FunctionEmitter(f.scope(), null).emit(def, sig));
        return fn;
    }

    /** Every class loaded so far, in load order. */
    public Map<String, ClassType> loadedClasses() { return java.util.Collections.unmodifiableMap(classes); }

    // ---------------------------------------------------------------- GlobalResolver

    @Override
    public Sugar resolve(String name) {
        // names in the local source file resolve through its imports and definitions first
        ParsedFile local = localQualifier == null ? null : file(localQualifier);
        if (local != null && local.scope() instanceof FileScope fs) return fs.resolve(name);
        return resolveGlobal(name);
    }

    /** Resolution without the local file's imports: what a FileScope falls back to. */
    Sugar resolveGlobal(String name) {
        if (localQualifier != null && name.indexOf('.') < 0) {
            Sugar local = resolveQualified(localQualifier + "." + name);
            if (local != null) return local;
        }
        return name.indexOf('.') < 0 ? null : resolveQualified(name);
    }

    private Sugar resolveQualified(String qualifiedName) {
        if (classes.containsKey(qualifiedName)) return new Sugar.ClassRef(classes.get(qualifiedName));
        if (functions.containsKey(qualifiedName)) return new Sugar.FunctionRef(functions.get(qualifiedName));
        int dot = qualifiedName.lastIndexOf('.');
        if (!qualifiedName.startsWith("__torch__") && !(localQualifier != null && qualifiedName.startsWith(localQualifier + "."))) return null;
        ParsedFile f = file(qualifiedName.substring(0, dot));
        if (f == null) return null;
        String simple = qualifiedName.substring(dot + 1);
        if (f.classes().containsKey(simple)) return new Sugar.ClassRef(loadType(qualifiedName));
        if (f.functions().containsKey(simple)) return new Sugar.FunctionRef(loadFunction(qualifiedName));
        Expr alias = f.aliases().get(simple);
        if (alias != null) {
            String target = TypeParser.dottedName(alias);
            Sugar g = f.scope().resolve(target);
            return g != null ? g : new Sugar.Namespace(target);
        }
        return null;
    }

    @Override
    public Object constant(String qualifiedName) {
        if (qualifiedName.startsWith("CONSTANTS.c")) {
            try {
                int i = Integer.parseInt(qualifiedName.substring("CONSTANTS.c".length()));
                if (i >= 0 && i < constants.size()) return constants.get(i);
            } catch (NumberFormatException e) {
                // not a constant name
            }
            throw new JitScopeException("archive constant '" + qualifiedName + "' is missing from constants.pkl", qualifiedName);
        }
        return NO_CONSTANT;
    }

    // ---------------------------------------------------------------- files and classes

    private ParsedFile file(String qualifier) {
        if (missing.contains(qualifier)) return null;
        ParsedFile f = files.get(qualifier);
        if (f != null) return f;
        String text = loader.load(qualifier);
        // the nn library's own file, whether the loader handed it over or not (archive code for a
        // torch.nn qualifier is the archive's, compiled as archive code)
        Source shipped = NnLibrary.forQualifier(qualifier);
        Source library = shipped != null && (text == null || text.equals(shipped.text())) ? shipped : null;
        if (text == null && library == null) {
            missing.add(qualifier);
            return null;
        }
        SourceFile parsed;
        if (library != null) {
            parsed = Parser.parse(library);
        } else {
            String fileName = qualifier.equals(localQualifier) && localFileName != null ? localFileName
                    : "code/" + qualifier.replace('.', '/') + ".py";
            parsed = Parser.parse(loader.source(qualifier, fileName, text));
        }
        Map<String, ClassDef> cls = new LinkedHashMap<>();
        Map<String, FunctionDef> fns = new LinkedHashMap<>();
        Map<String, Expr> aliases = new LinkedHashMap<>();
        for (Stmt s : parsed.body()) {
            if (s instanceof ClassDef c) cls.put(c.name(), c);
            else if (s instanceof FunctionDef d) fns.put(d.name(), d);
            else if (s instanceof Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Name n
                    && TypeParser.dottedName(a.value()) != null) aliases.put(n.id(), a.value());
        }
        // Source files (the user's, the nn library) see their own imports and definitions by bare
        // name; archive code names everything by its qualified name.
        boolean scoped = library != null || qualifier.equals(localQualifier);
        GlobalResolver scope = scoped ? new FileScope(qualifier, parsed, cls.keySet(), fns.keySet(), aliases.keySet(), this) : this;
        f = new ParsedFile(qualifier, cls, fns, aliases, scope, library != null);
        files.put(qualifier, f);
        return f;
    }

    /** Resolves a name the way it resolves anywhere: through the importer's classes and files. */
    Sugar resolveAnywhere(String qualifiedName) { return resolveQualified(qualifiedName); }

    private ClassDef findClass(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        if (dot < 0) return null;
        ParsedFile f = file(qualifiedName.substring(0, dot));
        return f == null ? null : f.classes().get(qualifiedName.substring(dot + 1));
    }

    private GlobalResolver scopeOf(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        ParsedFile f = dot < 0 ? null : file(qualifiedName.substring(0, dot));
        return f == null ? this : f.scope();
    }

    private ClassType defineClass(String qualifiedName, ClassDef def) {
        GlobalResolver scope = scopeOf(qualifiedName);
        TypeParser types = new TypeParser(scope);
        Set<String> baseNames = new HashSet<>();
        for (Expr b : def.bases()) {
            String n = b instanceof Name nm ? nm.id() : b instanceof Attribute a ? a.name() : "";
            baseNames.add(n);
        }
        boolean isModule = baseNames.contains("Module");
        boolean isInterface = baseNames.contains("Interface") || baseNames.contains("ModuleInterface");
        int dot = qualifiedName.lastIndexOf('.');
        ParsedFile file = dot < 0 ? null : file(qualifiedName.substring(0, dot));
        boolean library = file != null && file.library();
        if (library) isModule |= NnLibrary.moduleClasses().containsKey(def.name());
        ClassType type = new ClassType(qualifiedName, isModule);
        classes.put(qualifiedName, type);   // before members: members may refer back to the class
        if (library && isModule) {
            // a torch.nn module class named in an annotation or isinstance: its methods need an
            // instance's attribute types, so they compile only if code calls them on this type
            new ClassBodyReader(type, types).read(def.body());
            for (FunctionDef fd : inheritedMethods(qualifiedName.substring(0, dot), def).values())
                if (!fd.name().equals("__init__") && !MethodReachability.isIgnored(fd)) deferMethod(type, fd, scope);
            return type;
        }

        ClassBodyReader body = new ClassBodyReader(type, types);
        body.read(def.body());
        if (baseNames.contains("NamedTuple")) type.constants().put(FunctionEmitter.NAMED_TUPLE_MARKER, true);

        List<FunctionDef> defs = new ArrayList<>();
        List<FunctionSignature> sigs = new ArrayList<>();
        for (Stmt s : def.body()) {
            if (!(s instanceof FunctionDef fd)) continue;
            FunctionSignature sig = FunctionEmitter.signatureOf(fd, types, type);
            type.addMethod(new Function(fd.name(), qualifiedName + "." + fd.name(), null, sig));
            defs.add(fd);
            sigs.add(sig);
        }
        if (isInterface) return type;   // interface methods are declarations only
        compileBodies(type, defs, sigs, isModule, scope);
        return type;
    }

    /**
     * Compiles the methods of the local class {@code simpleName} onto a type whose attributes the
     * caller already declared (for user modules: the types of what {@code __init__} assigned).
     * Class-level annotations in the source are added when the type lacks them.
     */
    public ClassType compileOnto(ClassType type, String simpleName) {
        if (localQualifier == null) throw new IllegalStateException("compileOnto needs a local qualifier");
        ClassDef def = findClass(localQualifier + "." + simpleName);
        if (def == null) throw new JitScopeException("no class '" + simpleName + "' in " + localFileName, localFileName);
        GlobalResolver scope = scopeOf(localQualifier + "." + simpleName);
        TypeParser types = new TypeParser(scope);
        classes.put(type.qualifiedName(), type);
        ClassType declared = new ClassType(type.qualifiedName(), type.isModule());
        new ClassBodyReader(declared, types).read(def.body());
        // a name the instance made a constant (__constants__, Final) stays one, whatever the body annotates
        for (ClassType.Attribute a : declared.attributes())
            if (type.attribute(a.name()) == null && !type.constants().containsKey(a.name())) type.addAttribute(a.name(), a.type(), a.kind());
        declared.constants().forEach(type.constants()::putIfAbsent);
        Map<String, FunctionDef> methods = inheritedMethods(localQualifier, def);
        Set<String> compiled = type.isModule() ? MethodReachability.compiledMethods(methods) : null;
        List<FunctionDef> defs = new ArrayList<>();
        List<FunctionSignature> sigs = new ArrayList<>();
        for (FunctionDef fd : methods.values()) {
            if (type.isModule() && fd.name().equals("__init__")) continue;
            if (compiled != null && !compiled.contains(fd.name())) {
                if (!MethodReachability.isIgnored(fd)) deferMethod(type, fd, scope);
                continue;
            }
            FunctionSignature sig = FunctionEmitter.signatureOf(fd, types, type);
            type.addMethod(new Function(fd.name(), type.qualifiedName() + "." + fd.name(), null, sig));
            defs.add(fd);
            sigs.add(sig);
        }
        compileBodies(type, defs, sigs, type.isModule(), scope);
        return type;
    }

    /**
     * The methods of a class with those it inherits from base classes defined in the same file
     * (torch.nn's Conv2d from _ConvNd), the most derived definition of each name first.
     */
    private Map<String, FunctionDef> inheritedMethods(String qualifier, ClassDef def) {
        Map<String, FunctionDef> out = new LinkedHashMap<>();
        java.util.ArrayDeque<ClassDef> work = new java.util.ArrayDeque<>(List.of(def));
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty()) {
            ClassDef c = work.poll();
            if (!seen.add(c.name())) continue;
            for (Stmt s : c.body()) if (s instanceof FunctionDef fd) out.putIfAbsent(fd.name(), fd);
            for (Expr b : c.bases()) {
                if (!(b instanceof Name n)) continue;
                ClassDef base = findClass(qualifier + "." + n.id());
                if (base != null) work.add(base);
            }
        }
        return out;
    }

    private void compileBodies(ClassType type, List<FunctionDef> defs, List<FunctionSignature> sigs, boolean isModule,
                               GlobalResolver scope) {
        for (int i = 0; i < defs.size(); i++) {
            // a module's __init__ runs eagerly when the instance is built; only archive classes need it compiled
            if (isModule && defs.get(i).name().equals("__init__")) continue;
            Graph g = new FunctionEmitter(scope, type).emit(defs.get(i), sigs.get(i));
            type.method(defs.get(i).name()).setGraph(g);
        }
    }

    /** Methods declared in source but compiled only when first called, per class type. */
    private static final Map<ClassType, Map<String, java.util.function.Supplier<Function>>> DEFERRED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static void deferMethod(ClassType type, FunctionDef fd, GlobalResolver scope) {
        DEFERRED.computeIfAbsent(type, t -> new java.util.concurrent.ConcurrentHashMap<>()).put(fd.name(), () -> {
            FunctionSignature sig = FunctionEmitter.signatureOf(fd, new TypeParser(scope), type);
            Function fn = new Function(fd.name(), type.qualifiedName() + "." + fd.name(), null, sig);
            type.addMethod(fn);   // declared before its body compiles: it may call itself
            fn.setGraph(new FunctionEmitter(scope, type).emit(fd, sig));
            return fn;
        });
    }

    @Override
    public Function lazyMethod(ClassType owner, String name) {
        Map<String, java.util.function.Supplier<Function>> pending = DEFERRED.get(owner);
        java.util.function.Supplier<Function> compile = pending == null ? null : pending.remove(name);
        return compile == null ? null : compile.get();
    }

    /** Exposed for the archive reader: the type a qualified annotation string denotes. */
    public JitType parseType(String annotation) {
        return types.parse(Parser.parseExpression(new Source("<type>", annotation)));
    }
}
