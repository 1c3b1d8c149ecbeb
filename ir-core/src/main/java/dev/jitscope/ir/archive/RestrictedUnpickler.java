package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Device;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pickles of a TorchScript archive ({@code data.pkl}, {@code constants.pkl}) and of
 * {@code torch.save} zip files without ever running anything: razorvine's pickle machine does the
 * opcodes, but every global is checked against a short allowlist (tensor and storage rebuilding,
 * OrderedDict, the {@code torch.jit._pickle} list helpers, {@code torch.device}) or must be one of
 * the archive's own {@code __torch__} classes, which become {@link PickledObject}s. Any other
 * global, and any malformed pickle, is a {@link JitScopeException} naming the entry.
 *
 * <p>Results use the runtime value mapping: int → Long, float → Double, tuple → {@link Tuple},
 * list → ArrayList, dict → LinkedHashMap, tensors → {@link Tensor}.
 */
public final class RestrictedUnpickler extends Unpickler {
    private static final String ALLOWED = "expected torch tensor/storage rebuild functions or __torch__ classes";

    private static final short GLOBAL = 'c', STACK_GLOBAL = 0x93, REDUCE = 'R', NEWOBJ = 0x81, NEWOBJ_EX = 0x92,
            BUILD = 'b', SETITEMS = 'u', INST = 'i', OBJ = 'o', EMPTY_DICT = '}', DICT = 'd', EXT1 = 0x82, EXT2 = 0x83, EXT4 = 0x84,
            BINUNICODE = 'X', BINBYTES = 'B', BINSTRING = 'T', LONG4 = 0x8b,
            BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e, BYTEARRAY8 = 0x96;

    /** A global the pickle named and we allowed; only REDUCE/NEWOBJ give it meaning. */
    private record Global(String module, String name) {
        String qualified() { return module + "." + name; }
    }

    /** The value of a {@code torch.<Type>Storage} global: which element type a storage id means. */
    private record StorageType(DType dtype) { }

    /** Containers nested deeper than this are refused (real archives stay far below; Java recursion does not). */
    static final int MAX_DEPTH = 2000;

    private final String entry;
    private final StorageSource storages;

    /**
     * @param entry    the archive entry being read, named by every diagnostic
     * @param storages resolves persistent storage ids; null when the pickle may not reference storages
     */
    public RestrictedUnpickler(String entry, StorageSource storages) {
        this.entry = entry;
        this.storages = storages;
    }

    /** Unpickles {@code bytes} and converts the result to runtime values. */
    public Object read(byte[] bytes) {
        Object raw;
        try {
            raw = load(new ByteArrayInputStream(bytes));
        } catch (JitScopeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw fail("corrupted pickle (" + describe(e) + ")", e);
        } finally {
            close();
        }
        return new Normalizer().value(raw);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.io.EOFException || (m != null && m.contains("end of file"))) return "it ends too early";
        if (e instanceof IndexOutOfBoundsException) return "an opcode takes more values than the stack holds";
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private JitScopeException fail(String message) { return fail(message, null); }

    private JitScopeException fail(String message, Throwable cause) {
        return new JitScopeException(message, null, entry, cause);
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolveGlobal(module, name));
                return NO_RETURN_VALUE;
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop(), module = stack.pop();
                if (!(name instanceof String n) || !(module instanceof String m)) throw fail("corrupted pickle (STACK_GLOBAL without module and name strings)");
                stack.add(resolveGlobal(m, n));
                return NO_RETURN_VALUE;
            }
            case REDUCE -> {
                Object args = stack.pop(), callable = stack.pop();
                stack.add(call(callable, args));
                return NO_RETURN_VALUE;
            }
            case NEWOBJ -> {
                Object args = stack.pop(), cls = stack.pop();
                stack.add(newObject(cls, args));
                return NO_RETURN_VALUE;
            }
            case BUILD -> {
                Object state = stack.pop();
                build(stack.peek(), state);
                return NO_RETURN_VALUE;
            }
            case EMPTY_DICT -> {
                stack.add(new LinkedHashMap<Object, Object>());   // keep insertion order like Python dicts
                return NO_RETURN_VALUE;
            }
            case SETITEMS -> {   // razorvine's version goes through a HashMap and loses the order
                List<Object> items = stack.pop_all_since_marker();
                if (items.size() % 2 != 0) throw fail("corrupted pickle (SETITEMS with an odd number of items)");
                if (!(stack.peek() instanceof Map<?, ?> target)) throw fail("corrupted pickle (SETITEMS on " + kind(stack.peek()) + ")");
                @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) target;
                for (int i = 0; i < items.size(); i += 2) map.put(items.get(i), items.get(i + 1));
                return NO_RETURN_VALUE;
            }
            case DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.size() % 2 != 0) throw fail("corrupted pickle (DICT with an odd number of items)");
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < items.size(); i += 2) map.put(items.get(i), items.get(i + 1));
                stack.add(map);
                return NO_RETURN_VALUE;
            }
            case INST, OBJ, NEWOBJ_EX, EXT1, EXT2, EXT4 ->
                throw fail("pickle opcode 0x" + Integer.toHexString(key) + " is not allowed (" + ALLOWED + ")");
            case BINUNICODE, BINBYTES, BINSTRING, LONG4 -> checkLength(4);
            case BINUNICODE8, BINBYTES8, BYTEARRAY8 -> checkLength(8);
            default -> { }
        }
        return super.dispatch(key);
    }

    /** Refuses a length prefix larger than what is left of the pickle, before anything is allocated. */
    private void checkLength(int width) throws IOException {
        input.mark(width);
        byte[] b = PickleUtils.readbytes(input, width);
        input.reset();
        long n = width == 4 ? PickleUtils.bytes_to_uint(b, 0) : PickleUtils.bytes_to_long(b, 0);
        if (n < 0 || n > input.available() - width)
            throw fail("corrupted pickle (a length of " + n + " bytes runs past the end of the entry)");
    }

    private Object resolveGlobal(String module, String name) {
        String q = module + "." + name;
        if (module.equals("__torch__") || module.startsWith("__torch__.")) return new Global(module, name);
        if (module.equals("torch") && name.endsWith("Storage")) {
            String prefix = name.substring(0, name.length() - "Storage".length());
            for (DType d : DType.values()) if (d.storageName.equals(prefix)) return new StorageType(d);
        }
        switch (q) {
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter", "collections.OrderedDict",
                 "torch.device", "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_doublelist",
                 "torch.jit._pickle.build_boollist", "torch.jit._pickle.build_tensorlist",
                 "torch.jit._pickle.build_genericlist", "torch.jit._pickle.restore_type_tag" -> {
                return new Global(module, name);
            }
            case "torch._utils._rebuild_qtensor" -> throw fail("quantized tensors (global '" + q + "') are not supported");
            case "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_sparse_csr_tensor" ->
                throw fail("sparse tensors (global '" + q + "') are not supported");
            default -> throw fail("global '" + q + "' is not allowed (" + ALLOWED + ")");
        }
    }

    private Object newObject(Object cls, Object args) {
        if (cls instanceof Global g && g.module().startsWith("__torch__")) return new PickledObject(g.qualified());
        return call(cls, args);
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof Global g)) throw fail("corrupted pickle (call of a non-function " + kind(callable) + ")");
        if (!(args instanceof Object[] a)) throw fail("corrupted pickle (arguments of " + g.qualified() + " are not a tuple)");
        switch (g.qualified()) {
            case "torch._utils._rebuild_tensor_v2": return rebuildTensor(a);
            case "torch._utils._rebuild_parameter": {
                arity(g, a, 2, 3);
                if (!(a[0] instanceof Tensor t)) throw fail("_rebuild_parameter expects a tensor, got " + kind(a[0]));
                t.setRequiresGrad(Boolean.TRUE.equals(a[1]));
                return t;
            }
            case "collections.OrderedDict": return new LinkedHashMap<Object, Object>();
            case "torch.device": {
                arity(g, a, 1, 1);
                return parseDevice(a[0]);
            }
            case "torch.jit._pickle.restore_type_tag": {
                arity(g, a, 2, 2);
                return a[0];     // the static type comes from the class code, not from the tag
            }
            default: {
                if (g.module().equals("torch.jit._pickle")) {
                    arity(g, a, 1, 1);
                    if (!(a[0] instanceof List<?> l)) throw fail(g.qualified() + " expects a list, got " + kind(a[0]));
                    return new ArrayList<Object>(l);
                }
                if (g.module().startsWith("__torch__")) throw fail("class '" + g.qualified() + "' may only be created by NEWOBJ");
                throw fail("global '" + g.qualified() + "' cannot be called");
            }
        }
    }

    private Device parseDevice(Object spec) {
        if (!(spec instanceof String s)) throw fail("torch.device expects a string, got " + kind(spec));
        int colon = s.indexOf(':');
        try {
            return colon < 0 ? new Device(s, -1) : new Device(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw fail("bad device '" + s + "'");
        }
    }

    private void arity(Global g, Object[] a, int min, int max) {
        if (a.length < min || a.length > max)
            throw fail(g.qualified() + " expects " + (min == max ? "" + min : min + " to " + max) + " arguments, got " + a.length);
    }

    /** _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
    private Tensor rebuildTensor(Object[] a) {
        if (a.length < 4) throw fail("_rebuild_tensor_v2 expects at least 4 arguments, got " + a.length);
        if (!(a[0] instanceof Storage storage)) throw fail("_rebuild_tensor_v2 expects a storage, got " + kind(a[0]));
        long offset = integer(a[1], "storage offset");
        int[] shape = dims(a[2], "size");
        int[] strides = dims(a[3], "stride");
        if (shape.length != strides.length) throw fail("tensor size " + java.util.Arrays.toString(shape) + " and stride " + java.util.Arrays.toString(strides) + " differ in rank");
        // the last element a view can reach must lie inside the storage; sizes and strides come from
        // the file, so the arithmetic must not overflow into an index that passes the check
        long last = offset, numel = 1;
        boolean empty = false;
        try {
            for (int i = 0; i < shape.length; i++) {
                numel = Math.multiplyExact(numel, shape[i]);
                if (shape[i] == 0) empty = true;
                else last = Math.addExact(last, Math.multiplyExact((long) (shape[i] - 1), strides[i]));
            }
        } catch (ArithmeticException e) {
            throw fail("tensor of size " + java.util.Arrays.toString(shape) + " and stride " + java.util.Arrays.toString(strides) + " overflows 64-bit indexing");
        }
        if (numel > Integer.MAX_VALUE)
            throw fail("tensor of size " + java.util.Arrays.toString(shape) + " has " + numel + " elements, more than " + Integer.MAX_VALUE);
        if (offset < 0 || offset > storage.length() || (!empty && last >= storage.length()))
            throw fail("tensor of size " + java.util.Arrays.toString(shape) + " at offset " + offset + " does not fit its storage of " + storage.length() + " elements");
        Tensor t = new Tensor(storage, shape, strides, (int) offset);
        if (a.length > 4) t.setRequiresGrad(Boolean.TRUE.equals(a[4]));
        return t;
    }

    private int[] dims(Object o, String what) {
        if (!(o instanceof Object[] a)) throw fail("tensor " + what + " is not a tuple, got " + kind(o));
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            long v = integer(a[i], what);
            if (v < 0 || v > Integer.MAX_VALUE) throw fail("tensor " + what + " " + v + " is out of range");
            r[i] = (int) v;
        }
        return r;
    }

    private long integer(Object o, String what) {
        if (o instanceof Integer || o instanceof Long) return ((Number) o).longValue();
        throw fail("expected an integer " + what + ", got " + kind(o));
    }

    private void build(Object target, Object state) {
        if (target instanceof PickledObject p) p.setState(state);
        else if (target instanceof Map<?, ?>) { /* OrderedDict instance __dict__ (state_dict _metadata): not needed */ }
        else throw fail("corrupted pickle (BUILD on " + kind(target) + ")");
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] id) || id.length != 5 || !"storage".equals(id[0]))
            throw fail("unexpected persistent id " + kind(pid) + " (expected ('storage', type, key, location, numel))");
        if (!(id[1] instanceof StorageType type)) throw fail("persistent id names no storage type, got " + kind(id[1]));
        if (!(id[2] instanceof String key)) throw fail("storage key is not a string, got " + kind(id[2]));
        long numel = integer(id[4], "storage numel");
        if (storages == null) throw fail("this pickle may not reference storages (found data/" + key + ")");
        return storages.storage(key, type.dtype(), numel);
    }

    private static String kind(Object o) {
        if (o == null) return "None";
        if (o instanceof Global g) return g.qualified();
        if (o instanceof Object[]) return "tuple";
        return o.getClass().getSimpleName();
    }

    /** Converts razorvine's objects to the runtime mapping, keeping shared objects shared. */
    private final class Normalizer {
        private final Map<Object, Object> done = new IdentityHashMap<>();
        private int depth;

        Object value(Object o) {
            if (++depth > MAX_DEPTH) throw fail("values are nested more than " + MAX_DEPTH + " deep");
            try {
                return convert(o);
            } finally {
                depth--;
            }
        }

        private Object convert(Object o) {
            if (o == null || o instanceof String || o instanceof Boolean || o instanceof Double || o instanceof Long
                    || o instanceof Tensor || o instanceof Device || o instanceof byte[]) return o;
            if (o instanceof Integer i) return i.longValue();
            if (o instanceof BigInteger b) {
                if (b.bitLength() > 63) throw fail("integer " + b + " does not fit in 64 bits");
                return b.longValue();
            }
            if (o instanceof Global || o instanceof StorageType || o instanceof Storage)
                throw fail("a bare " + kind(o) + " is not a value (" + ALLOWED + ")");
            Object seen = done.get(o);
            if (seen != null) return seen;
            if (o instanceof Object[] a) {
                List<Object> items = new ArrayList<>(a.length);
                Tuple t = new Tuple(items);
                done.put(o, t);
                for (Object x : a) items.add(value(x));
                return t;
            }
            if (o instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                done.put(o, out);
                for (Object x : l) out.add(value(x));
                return out;
            }
            if (o instanceof Map<?, ?> m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                done.put(o, out);
                for (Map.Entry<?, ?> e : m.entrySet()) out.put(value(e.getKey()), value(e.getValue()));
                return out;
            }
            if (o instanceof PickledObject p) {
                done.put(o, p);
                p.setState(value(p.state()));
                return p;
            }
            if (o instanceof java.util.Set<?> s) {
                List<Object> out = new ArrayList<>();
                done.put(o, out);
                for (Object x : s) out.add(value(x));
                return out;
            }
            throw fail("unexpected value of type " + o.getClass().getSimpleName() + " in the pickle");
        }
    }
}
