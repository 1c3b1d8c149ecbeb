package dev.jitscope.trace.script;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast;
import dev.jitscope.frontend.emit.FunctionEmitter;
import dev.jitscope.frontend.emit.FunctionSignature;
import dev.jitscope.frontend.emit.TypeParser;
import dev.jitscope.frontend.importer.SourceImporter;
import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.value.ScriptObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code torch.jit.script(instance)}: turns a module instance built by running {@code __init__} into
 * a {@link ScriptObject} tree whose class types carry compiled methods.
 *
 * <p>As PyTorch does, each module's attribute types come from the instance (its concrete type, see
 * {@link ModuleShape}); submodules are scripted first so a parent's {@code self.sub(x)} compiles
 * against the submodule's type; {@code forward}, the {@code @torch.jit.export} methods and what they
 * reach are compiled (by the frontend's {@code SourceImporter.compileOnto}); instances of one class with equal shapes share a class
 * type, different shapes get PyTorch's mangled names ({@code ___torch_mangle_N}). Tensors are shared
 * with the instance, not copied.
 */
public final class InstanceScripter {
    private static final Pattern NO_ATTRIBUTE = Pattern.compile("^Module '[^']*' has no attribute '([^']+)'");

    private final Map<Object, ScriptObject> objects = new IdentityHashMap<>();
    private final Map<String, ClassType> typesByShape = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<String, SourceImporter> importers = new HashMap<>();
    private int mangleCounter;

    private InstanceScripter() { }

    /** torch.jit.script(instance) for an instance the eager interpreter built. */
    public static ScriptObject script(dev.jitscope.trace.eager.ModuleInstance root) {
        return script(EagerModules.view(root));
    }

    /** Scripts a module tree. */
    public static ScriptObject script(ScriptableModule root) {
        InstanceScripter scripter = new InstanceScripter();
        ScriptObject object = scripter.object(root);
        scripter.dropFunctionAttributes();
        return object;
    }

    private ScriptObject object(ScriptableModule m) {
        ScriptObject done = objects.get(m.identity());
        if (done != null) return done;
        if (m.hierarchy().isEmpty()) throw new IllegalArgumentException("a module instance without a class");
        ScriptableClass cls = m.hierarchy().get(0);
        MethodTable table = new MethodTable(m);

        Map<String, ScriptObject> subs = new LinkedHashMap<>();
        for (Map.Entry<String, ScriptableModule> e : m.modules().entrySet())   // a None submodule stays None
            subs.put(e.getKey(), e.getValue() == null ? null : object(e.getValue()));

        ScriptableClass annotated = annotatedClass(m.hierarchy());
        ModuleShape shape = ModuleShape.of(m, annotations(annotated), ann -> parseAnnotation(annotated, ann),
                subs, o -> o == null ? NoneType.INSTANCE : ((ScriptObject) o).type(), classLevelValues(m.hierarchy()));
        String key = shape.key(cls.qualifiedName());
        ClassType type = typesByShape.get(key);
        if (type == null) {
            type = new ClassType(freshName(cls), true);
            shape.declareOn(type);
            typesByShape.put(key, type);
            compileMethods(type, cls, table, shape);
        }
        ScriptObject object = new ScriptObject(type);
        for (ModuleShape.Attr a : shape.attributes()) object.setAttr(a.name(), a.value());
        objects.put(m.identity(), object);
        return object;
    }

    /**
     * Function attributes only matter while methods compile (calls name the function); once the
     * tree is compiled they leave the types, which then print and save as PyTorch's do.
     */
    private void dropFunctionAttributes() {
        for (ClassType t : typesByShape.values())
            t.constants().values().removeIf(v -> v instanceof dev.jitscope.ir.type.CompileTimeOnly);
    }

    /** The class's own name the first time, PyTorch's mangled form for further shapes of it. */
    private String freshName(ScriptableClass cls) {
        String name = cls.qualifiedName();
        while (!usedNames.add(name)) name = cls.qualifier() + ".___torch_mangle_" + mangleCounter++ + "." + cls.simpleName();
        return name;
    }

    // ---------------------------------------------------------------- methods

    /**
     * The frontend compiles what torch.jit.script compiles (forward, exported methods, what they
     * call; inherited methods of bases in the same file; other methods when first called) in the
     * scope of the class's own file. Unused methods are added first as stubs that raise, so calls
     * to them compile.
     */
    private void compileMethods(ClassType type, ScriptableClass cls, MethodTable table, ModuleShape shape) {
        SourceImporter importer = importer(cls);
        for (MethodTable.Method m : table.unusedMethods()) {
            Ast.FunctionDef stub = UnusedStub.of(m.def());
            FunctionSignature sig = FunctionEmitter.signatureOf(stub, new TypeParser(importer), type);
            Function f = new Function(stub.name(), type.qualifiedName() + "." + stub.name(), null, sig);
            type.addMethod(f);
            f.setGraph(new FunctionEmitter(importer, type).emit(stub, sig));
        }
        try {
            importer.compileOnto(type, cls.simpleName());
        } catch (JitScopeException e) {
            throw explain(e, type, table, shape);
        }
    }

    /** "has no attribute 'x'" says why when x exists on the instance but could not be scripted. */
    private static JitScopeException explain(JitScopeException e, ClassType type, MethodTable table, ModuleShape shape) {
        Matcher m = NO_ATTRIBUTE.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!m.find()) return e;
        String name = m.group(1);
        String reason = shape.failed().get(name);
        if (reason != null)
            return new JitScopeException("Module '" + type.simpleName() + "' has no attribute '" + name
                    + "': the attribute exists on the instance, but " + reason, e.range(), e.where(), e);
        if (table.isIgnored(name))
            return new JitScopeException("'" + name + "' is @torch.jit.ignore'd: PyTorch keeps a call to it as a Python call,"
                    + " which torch.jit.save cannot store; remove the decorator or use @torch.jit.unused", e.range(), e.where(), e);
        return e;
    }

    // ---------------------------------------------------------------- files

    /** One importer per file: the frontend resolves the file's names, its imports and the nn library. */
    private SourceImporter importer(ScriptableClass owner) {
        return importers.computeIfAbsent(owner.qualifier() + "|" + owner.source().name(), k -> {
            String qualifier = owner.qualifier();
            Source own = owner.source();
            SourceImporter.SourceLoader loader = new SourceImporter.SourceLoader() {
                @Override
                public String load(String q) { return q.equals(qualifier) ? own.text() : null; }

                @Override
                public Source source(String q, String fileName, String text) {
                    return q.equals(qualifier) ? own : new Source(fileName, text);
                }
            };
            return new SourceImporter(loader, List.of(), qualifier, own.name());
        });
    }

    /** PyTorch reads {@code module.__annotations__}: the first class in the hierarchy that declares any. */
    private static ScriptableClass annotatedClass(List<ScriptableClass> hierarchy) {
        for (ScriptableClass c : hierarchy)
            for (Ast.Stmt s : c.definition().body())
                if (s instanceof Ast.AnnAssign a && a.target() instanceof Ast.Name) return c;
        return null;
    }

    private static Map<String, Ast.Expr> annotations(ScriptableClass c) {
        Map<String, Ast.Expr> out = new LinkedHashMap<>();
        if (c == null) return out;
        for (Ast.Stmt s : c.definition().body())
            if (s instanceof Ast.AnnAssign a && a.target() instanceof Ast.Name n) out.put(n.id(), a.annotation());
        return out;
    }

    private JitType parseAnnotation(ScriptableClass c, Ast.Expr annotation) {
        try {
            return new TypeParser(importer(c)).parse(annotation);
        } catch (JitScopeException e) {
            return null;   // not a TorchScript type: infer from the value, as when PyTorch's ann_to_type fails
        }
    }

    /** Literal class-level values ({@code x: Final[int] = 3}, {@code eps = 1e-5}), derived classes first. */
    private static Map<String, Object> classLevelValues(List<ScriptableClass> hierarchy) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ScriptableClass c : hierarchy)
            for (Ast.Stmt s : c.definition().body()) {
                Ast.Expr target = s instanceof Ast.AnnAssign a ? a.target()
                        : s instanceof Ast.Assign a && a.targets().size() == 1 ? a.targets().get(0) : null;
                Ast.Expr value = s instanceof Ast.AnnAssign a ? a.value() : s instanceof Ast.Assign a ? a.value() : null;
                if (!(target instanceof Ast.Name n) || value == null || out.containsKey(n.id())) continue;
                Object v = ClassLiterals.value(value);
                if (v != ClassLiterals.NOT_LITERAL) out.put(n.id(), v);
            }
        return out;
    }
}
