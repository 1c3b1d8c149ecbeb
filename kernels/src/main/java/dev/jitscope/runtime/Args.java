package dev.jitscope.runtime;

import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Conversions from interpreter values (Long, Double, Boolean, List, Tensor) to kernel arguments. */
final class Args {
    private Args() { }

    static Tensor t(Object o) { return (Tensor) o; }
    static int i(Object o) { return (int) (long) (Long) o; }
    static long l(Object o) { return (Long) o; }
    static boolean b(Object o) { return (Boolean) o; }
    static double d(Object o) { return o instanceof Boolean bo ? (bo ? 1 : 0) : ((Number) o).doubleValue(); }
    static Double optD(Object o) { return o == null ? null : d(o); }
    static Integer optI(Object o) { return o == null ? null : i(o); }

    static int[] ints(Object o) {
        if (o instanceof Long l) return new int[]{(int) (long) l};
        List<?> l = (List<?>) o;
        int[] a = new int[l.size()];
        for (int k = 0; k < a.length; k++) a[k] = (int) (long) (Long) l.get(k);
        return a;
    }

    static int[] optInts(Object o) { return o == null ? null : ints(o); }

    @SuppressWarnings("unchecked")
    static List<Tensor> tensors(Object o) { return (List<Tensor>) o; }

    static DType dtype(Object o) { return o == null ? null : DType.fromCode((int) (long) (Long) o); }

    static List<Object> longs(int[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (int v : a) l.add((long) v);
        return l;
    }

    static List<Object> list(List<Tensor> ts) { return new ArrayList<>(ts); }
}
