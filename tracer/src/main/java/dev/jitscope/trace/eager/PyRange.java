package dev.jitscope.trace.eager;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** range(start, stop, step). */
record PyRange(long start, long stop, long step) implements Iterable<Object> {
    long length() {
        if (step > 0) return stop <= start ? 0 : (stop - start + step - 1) / step;
        return stop >= start ? 0 : (start - stop - step - 1) / -step;
    }

    @Override public Iterator<Object> iterator() {
        return new Iterator<>() {
            long next = start;
            @Override public boolean hasNext() { return step > 0 ? next < stop : next > stop; }
            @Override public Object next() {
                if (!hasNext()) throw new NoSuchElementException();
                long v = next;
                next += step;
                return v;
            }
        };
    }

    @Override public String toString() { return step == 1 ? "range(" + start + ", " + stop + ")" : "range(" + start + ", " + stop + ", " + step + ")"; }
}
