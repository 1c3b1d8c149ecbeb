package dev.jitscope.kernels.opencl;

import dev.jitscope.tensor.Tensor;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device copies of host tensors, keyed by identity: weights uploaded once stay on the device across
 * runs, and a result read back from the device keeps its device copy for the next OpenCL node. Keys
 * are weak: once the host tensor is garbage its device buffer goes back to the pool. The cache holds
 * at most {@code budgetBytes} of device memory, least recently used first out. A host tensor written
 * in place must be {@link #forget forgotten}, its device copy would be stale.
 */
final class DeviceResidency implements AutoCloseable {
    private final OpenClContext ctx;
    private final long budgetBytes;
    private final ReferenceQueue<Tensor> collected = new ReferenceQueue<>();
    // NB: access order, so that iteration starts at the least recently used copy
    private final LinkedHashMap<Object, Entry> copies = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** Weak identity key; equal to a {@link Lookup} of the same tensor. */
    private static final class Key extends WeakReference<Tensor> {
        final int hash;
        Key(Tensor t, ReferenceQueue<Tensor> q) { super(t, q); hash = System.identityHashCode(t); }
        @Override public int hashCode() { return hash; }
        @Override public boolean equals(Object o) {
            if (o == this) return true;
            Tensor mine = get();
            if (mine == null) return false;
            return o instanceof Key k ? k.get() == mine : o instanceof Lookup l && l.t == mine;
        }
    }

    /** Strong identity key for lookups. */
    private record Lookup(Tensor t) {
        @Override public int hashCode() { return System.identityHashCode(t); }
        @Override public boolean equals(Object o) { return o instanceof Lookup l ? l.t == t : o instanceof Key k && k.get() == t; }
    }

    private record Entry(Key key, DeviceTensor copy) { }

    DeviceResidency(OpenClContext ctx, long budgetBytes) {
        this.ctx = ctx;
        this.budgetBytes = budgetBytes;
    }

    /** The device copy of t, uploading it on first use. The caller must not close it. */
    synchronized DeviceTensor get(Tensor t) {
        expunge();
        Entry e = copies.get(new Lookup(t));
        if (e != null) return e.copy;
        DeviceTensor d = ctx.upload(t);
        put(t, d);
        return d;
    }

    /** Records d (now owned by this cache) as the device copy of the host tensor t. */
    synchronized void put(Tensor t, DeviceTensor d) {
        expunge();
        Entry old = copies.remove(new Lookup(t));
        if (old != null && old.copy != d) { bytes -= old.copy.bytes(); old.copy.close(); }
        Key k = new Key(t, collected);
        copies.put(k, new Entry(k, d));
        if (old == null || old.copy != d) bytes += d.bytes();
    }

    /** Drops the device copies of t and of every tensor sharing its storage (views of it, or it a view of them). */
    synchronized void forget(Tensor t) {
        Iterator<Entry> it = copies.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            Tensor k = e.key.get();
            if (k == null || (k != t && k.storage() != t.storage())) continue;
            drop(e);
            it.remove();
        }
    }

    /**
     * Drops least recently used copies while over budget. Called between nodes only, never while a
     * node still holds operands it got from {@link #get}.
     */
    synchronized void trim() {
        expunge();
        Iterator<Entry> it = copies.values().iterator();
        while (bytes > budgetBytes && it.hasNext()) {
            drop(it.next());
            it.remove();
        }
    }

    /** Gives back the buffers of host tensors that were garbage collected. */
    private void expunge() {
        for (Reference<? extends Tensor> r; (r = collected.poll()) != null; ) {
            Entry e = copies.remove(r);
            if (e != null) drop(e);
        }
    }

    private void drop(Entry e) {
        bytes -= e.copy.bytes();
        e.copy.close();
    }

    synchronized int size() { return copies.size(); }
    synchronized long bytes() { return bytes; }

    @Override public synchronized void close() {
        copies.values().forEach(e -> e.copy.close());
        copies.clear();
        bytes = 0;
    }
}
