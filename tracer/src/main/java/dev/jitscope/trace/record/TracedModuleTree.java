package dev.jitscope.trace.record;

import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Tensor;
import dev.jitscope.trace.eager.ModuleInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The object tree of a traced module: one {@link ScriptObject} per module instance, holding what
 * PyTorch's traced modules hold ({@code training}, parameters, buffers, submodules; the tensors are
 * the instance's own). Every instance has a class of its own, since its traced forward (recorded on
 * its own example shapes) becomes that class's method: the first instance of a source class keeps
 * the plain name, later ones get a mangled one ({@code __torch__.m.___torch_mangle_1.Cell}), as
 * PyTorch names the types of a traced tree.
 */
final class TracedModuleTree {
    private final Map<String, List<ClassType>> typesByName = new HashMap<>();
    private int mangleCounter;

    /** What the recorder needs to know about one submodule: its dotted path and class. */
    record Submodule(String path, ModuleInstance instance, ClassType type) { }

    private final List<Submodule> submodules = new ArrayList<>();
    private ScriptObject root;

    static TracedModuleTree of(ModuleInstance rootInstance) {
        TracedModuleTree t = new TracedModuleTree();
        t.root = t.build(rootInstance, "");
        return t;
    }

    ScriptObject root() { return root; }

    /** Every submodule below the root, parents before children. */
    List<Submodule> submodules() { return submodules; }

    private ScriptObject build(ModuleInstance m, String path) {
        List<ScriptObject> children = new ArrayList<>();
        List<String> childNames = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (Map.Entry<String, ModuleInstance> e : m.modules().entrySet()) {
            if (e.getValue() == null) continue;
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            slots.add(submodules.size());
            submodules.add(null);   // filled below: a parent is listed before its children
            children.add(build(e.getValue(), childPath));
            childNames.add(e.getKey());
        }
        ClassType type = new ClassType(m.type().qualifiedName(), true);
        type.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        m.parameters().forEach((k, v) -> type.addAttribute(k, v == null ? NoneType.INSTANCE : TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER));
        m.buffers().forEach((k, v) -> type.addAttribute(k, v == null ? NoneType.INSTANCE : TensorType.INSTANCE, ClassType.AttributeKind.BUFFER));
        for (int i = 0; i < children.size(); i++) type.addAttribute(childNames.get(i), children.get(i).type(), ClassType.AttributeKind.PLAIN);
        ClassType shared = unique(type);

        ScriptObject o = new ScriptObject(shared);
        o.setAttr("training", m.training());
        m.parameters().forEach((k, v) -> o.setAttr(k, v));
        m.buffers().forEach((k, v) -> o.setAttr(k, v));
        for (int i = 0; i < children.size(); i++) {
            o.setAttr(childNames.get(i), children.get(i));
            String childPath = path.isEmpty() ? childNames.get(i) : path + "." + childNames.get(i);
            submodules.set(slots.get(i), new Submodule(childPath, m.modules().get(childNames.get(i)), children.get(i).type()));
        }
        return o;
    }

    /** For each tensor of the tree, the module path that owns it and its attribute name. */
    void declareInto(TraceRecorder recorder, ModuleInstance rootInstance) {
        declareTensors(recorder, rootInstance, "");
        for (Submodule s : submodules) {
            recorder.declareModule(s.path(), s.type());
            declareTensors(recorder, s.instance(), s.path());
        }
    }

    /** The submodule entry of an instance of the tree (not the root), or null when it is not in the tree. */
    Submodule find(ModuleInstance m) {
        for (Submodule s : submodules) if (s.instance() == m) return s;
        return null;
    }

    /** As {@link #declareInto} for the subtree of {@code sub}, with paths relative to it (a submodule's own frame). */
    void declareSubtree(TraceRecorder recorder, Submodule sub) {
        declareTensors(recorder, sub.instance(), "");
        String prefix = sub.path() + ".";
        for (Submodule s : submodules) {
            if (!s.path().startsWith(prefix)) continue;
            String rel = s.path().substring(prefix.length());
            recorder.declareModule(rel, s.type());
            declareTensors(recorder, s.instance(), rel);
        }
    }

    private static void declareTensors(TraceRecorder recorder, ModuleInstance m, String path) {
        for (Map.Entry<String, Tensor> e : m.parameters().entrySet()) recorder.declareAttribute(e.getValue(), path, e.getKey());
        for (Map.Entry<String, Tensor> e : m.buffers().entrySet()) recorder.declareAttribute(e.getValue(), path, e.getKey());
    }

    private ClassType unique(ClassType fresh) {
        List<ClassType> existing = typesByName.computeIfAbsent(fresh.qualifiedName(), k -> new ArrayList<>());
        ClassType chosen = existing.isEmpty() ? fresh : renamed(fresh);
        existing.add(chosen);
        return chosen;
    }

    private ClassType renamed(ClassType fresh) {
        String q = fresh.qualifiedName();
        int dot = q.lastIndexOf('.');
        String name = (dot < 0 ? "" : q.substring(0, dot + 1)) + "___torch_mangle_" + (mangleCounter++) + "." + q.substring(dot + 1);
        ClassType t = new ClassType(name, true);
        for (ClassType.Attribute a : fresh.attributes()) t.addAttribute(a.name(), a.type(), a.kind());
        return t;
    }
}
