package dev.jitscope.ir.archive;

import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Pickler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pickles runtime values the way PyTorch 1.13's C++ pickler does for {@code torch.jit.save}
 * (protocol 2): objects as {@code GLOBAL __torch__.X / NEWOBJ / BUILD(dict)}, tensors through
 * {@code torch._utils._rebuild_tensor_v2} with storages as persistent ids
 * {@code ('storage', torch.<T>Storage, key, 'cpu', numel)}, typed lists through the
 * {@code torch.jit._pickle.build_*list} helpers and other containers with {@code restore_type_tag}.
 * Storages are numbered in the order first met; {@link #storages()} lists them for the writer.
 */
final class ArchivePickler extends Pickler {
    private static final byte GLOBAL = 'c', EMPTY_TUPLE = ')', NEWOBJ = (byte) 0x81, BUILD = 'b', REDUCE = 'R',
            TUPLE1 = (byte) 0x85, TUPLE2 = (byte) 0x86;

    private final Map<Storage, String> storages = new IdentityHashMap<>();
    private final Map<Class<?>, IObjectPickler> picklers = Map.of(
            ScriptObject.class, (o, out, p) -> saveObject((ScriptObject) o, out),
            Tensor.class, (o, out, p) -> saveTensor((Tensor) o, out),
            Tuple.class, (o, out, p) -> save(((Tuple) o).items().toArray()),
            Device.class, (o, out, p) -> { global(out, "torch", "device"); save(o.toString()); out.write(TUPLE1); out.write(REDUCE); },
            StorageTypeRef.class, (o, out, p) -> global(out, "torch", ((StorageTypeRef) o).storage().dtype().storageName + "Storage"),
            Tagged.class, (o, out, p) -> saveTagged((Tagged) o, out));

    /** Stands for the {@code torch.<T>Storage} global inside a persistent id. */
    private record StorageTypeRef(Storage storage) { }

    /** A container value with its static type: saved through a helper that restores the type. */
    private record Tagged(Object value, JitType type) { }

    private final Map<ScriptObject, Object> states;

    /** @param states objects saved with an explicit state (their {@code __getstate__} result) instead of their attributes */
    ArchivePickler(Map<ScriptObject, Object> states) {
        super(true, false);   // memoize by identity: equal but distinct lists stay distinct
        this.states = states;
    }

    /** Storages met so far, with their keys, in key order. */
    Map<Storage, String> storages() {
        Map<Storage, String> ordered = new LinkedHashMap<>();
        storages.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    @Override
    protected IObjectPickler getCustomPickler(Class<?> t) {
        IObjectPickler p = picklers.get(t);
        return p != null ? p : super.getCustomPickler(t);
    }

    @Override
    protected Object persistentId(Object obj) {
        if (!(obj instanceof Storage s)) return null;
        String key = storages.computeIfAbsent(s, k -> Integer.toString(storages.size()));
        return new Object[] {"storage", new StorageTypeRef(s), key, "cpu", (long) s.length()};
    }

    private static void global(OutputStream out, String module, String name) throws IOException {
        out.write(GLOBAL);
        out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void saveObject(ScriptObject o, OutputStream out) throws IOException {
        ClassType type = o.type();
        String q = type.qualifiedName();
        int dot = q.lastIndexOf('.');
        global(out, q.substring(0, dot), q.substring(dot + 1));
        out.write(EMPTY_TUPLE);
        out.write(NEWOBJ);
        if (states.containsKey(o)) {
            save(states.get(o));
            out.write(BUILD);
            return;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        for (int i = 0; i < type.attributes().size(); i++) {
            ClassType.Attribute a = type.attributes().get(i);
            state.put(a.name(), tag(o.slot(i), a.type()));
        }
        save(state);
        out.write(BUILD);
    }

    /** Lists and dicts carry their element types, as PyTorch writes them. */
    private static Object tag(Object value, JitType type) {
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            if (type instanceof ListType || type instanceof DictType) return new Tagged(value, type);
        }
        return value;
    }

    private void saveTagged(Tagged t, OutputStream out) throws IOException {
        if (t.type() instanceof ListType l) {
            String helper = l.element() == IntType.INSTANCE ? "build_intlist"
                    : l.element() == FloatType.INSTANCE ? "build_doublelist"
                    : l.element() == BoolType.INSTANCE ? "build_boollist"
                    : l.element() instanceof TensorType ? "build_tensorlist" : null;
            if (helper != null) {
                global(out, "torch.jit._pickle", helper);
                save(t.value());
                out.write(TUPLE1);
                out.write(REDUCE);
                return;
            }
        }
        global(out, "torch.jit._pickle", "restore_type_tag");
        save(t.value());
        save(t.type().annotation());
        out.write(TUPLE2);
        out.write(REDUCE);
    }

    private void saveTensor(Tensor t, OutputStream out) throws IOException {
        global(out, "torch._utils", "_rebuild_tensor_v2");
        Object[] shape = new Object[t.dim()], strides = new Object[t.dim()];
        for (int i = 0; i < t.dim(); i++) { shape[i] = (long) t.shape()[i]; strides[i] = (long) t.strides()[i]; }
        save(new Object[] {t.storage(), (long) t.offset(), shape, strides, t.requiresGrad(), new EmptyOrderedDict()});
        out.write(REDUCE);
    }

    /** The backward-hooks argument of _rebuild_tensor_v2: always an empty OrderedDict. */
    private static final class EmptyOrderedDict { }

    @Override
    public void save(Object o) throws IOException {
        if (o instanceof EmptyOrderedDict) {
            global(out, "collections", "OrderedDict");
            out.write(EMPTY_TUPLE);
            out.write(REDUCE);
            return;
        }
        super.save(o);
    }
}
