package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.SourceRange;

import java.util.ArrayList;
import java.util.List;

/** {@code a:b:c} inside []: bounds as evaluated (null when absent). */
record PySlice(Object lower, Object upper, Object step) {

    /** Python's slice.indices(n) → (start, stop, step). */
    long[] indices(int n, SourceRange r, Evaluator ev) {
        long st = step == null ? 1 : ev.intIndex(step, r);
        if (st == 0) throw new JitScopeException("ValueError: slice step cannot be zero", r);
        long lo, hi;
        if (st > 0) {
            lo = lower == null ? 0 : clamp(ev.intIndex(lower, r), n, 0, n);
            hi = upper == null ? n : clamp(ev.intIndex(upper, r), n, 0, n);
        } else {
            lo = lower == null ? n - 1 : clamp(ev.intIndex(lower, r), n, -1, n - 1);
            hi = upper == null ? -1 : clamp(ev.intIndex(upper, r), n, -1, n - 1);
        }
        return new long[]{lo, hi, st};
    }

    private static long clamp(long i, int n, long min, long max) {
        if (i < 0) i += n;
        return Math.max(min, Math.min(max, i));
    }

    List<Object> apply(List<?> items, SourceRange r, Evaluator ev) {
        long[] ix = indices(items.size(), r, ev);
        List<Object> out = new ArrayList<>();
        if (ix[2] > 0) for (long i = ix[0]; i < ix[1]; i += ix[2]) out.add(items.get((int) i));
        else for (long i = ix[0]; i > ix[1]; i += ix[2]) out.add(items.get((int) i));
        return out;
    }

    void assign(List<Object> target, List<Object> values, SourceRange r, Evaluator ev) {
        long[] ix = indices(target.size(), r, ev);
        if (ix[2] != 1) throw new JitScopeException("extended slice assignment is not supported", r);
        long hi = Math.max(ix[0], ix[1]);
        for (long i = hi - 1; i >= ix[0]; i--) target.remove((int) i);
        target.addAll((int) ix[0], values);
    }
}
