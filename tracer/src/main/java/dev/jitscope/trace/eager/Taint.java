package dev.jitscope.trace.eager;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Marks Python numbers that came from a tensor's shape or data (x.size(0), x.shape[0], len(x),
 * .item()): each is a distinct boxed object remembered by identity, so it flows through lists,
 * kernels and attributes unchanged while the interpreter can still tell where it came from.
 */
final class Taint {
    private final Set<Object> tainted = Collections.newSetFromMap(new IdentityHashMap<>());

    @SuppressWarnings({"removal", "deprecation", "UnnecessaryBoxing"})
    Object mark(Object v) {
        Object boxed;
        if (v instanceof Long l) boxed = new Long(l);
        else if (v instanceof Double d) boxed = new Double(d);
        else if (v instanceof Boolean b) boxed = new Boolean(b);
        else return v;
        tainted.add(boxed);
        return boxed;
    }

    boolean is(Object v) { return v != null && tainted.contains(v); }

    boolean any(Object a, Object b) { return is(a) || is(b); }

    void clear() { tainted.clear(); }
}
