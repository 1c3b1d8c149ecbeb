package dev.jitscope.trace.diff;

import dev.jitscope.ir.SourceRange;
import dev.jitscope.trace.eager.DivergenceEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The data-dependent decisions of one eager run, grouped by source location: each {@code if}
 * condition, {@code while} statement, tensor-sized loop and tensor-to-Python conversion is one
 * entry, with the values it saw in execution order. A trace's log gives its
 * {@link DivergenceSite}s; the log of another input's run says which of them decide differently.
 */
public final class DecisionLog {
    /** A location is its kind and its exact range (a statement run repeatedly stays one entry). */
    private record Key(DivergenceEvent.Kind kind, String file, int start, int end) {
        static Key of(DivergenceEvent e) {
            SourceRange r = e.range();
            return new Key(e.kind(), r == null ? "" : r.source().name(), r == null ? -1 : r.start(), r == null ? -1 : r.end());
        }
    }

    private static final class Entry {
        final DivergenceEvent first;
        final List<Object> values = new ArrayList<>();
        Entry(DivergenceEvent first) { this.first = first; }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    public void add(DivergenceEvent e) {
        entries.computeIfAbsent(Key.of(e), k -> new Entry(e)).values.add(e.value());
    }

    public boolean isEmpty() { return entries.isEmpty(); }

    /** One site per location, in order of first occurrence. */
    public List<DivergenceSite> sites() {
        List<DivergenceSite> out = new ArrayList<>();
        for (Entry e : entries.values()) out.add(site(out.size(), e));
        return out;
    }

    /**
     * Indices of this log's sites where {@code other} (a run on another input) decided differently:
     * another branch, another trip count, another constant, or the location not reached at all.
     */
    public List<Integer> flippedIn(DecisionLog other) {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            Entry theirs = other.entries.get(e.getKey());
            if (theirs == null || !decisions(e.getValue()).equals(decisions(theirs))) out.add(i);
            i++;
        }
        return out;
    }

    /** What the trace keeps of an entry: while conditions count as trip counts, the rest as values. */
    private static List<Object> decisions(Entry e) {
        if (e.first.kind() != DivergenceEvent.Kind.WHILE) return normalized(e.values);
        return new ArrayList<>(tripCounts(e.values));
    }

    private static List<Object> normalized(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) out.add(v instanceof Number n && !(v instanceof Double) ? (Object) n.longValue() : v);
        return out;
    }

    /** A while statement's evaluations (True, True, False, True, False) as trip counts per execution (2, 1). */
    static List<Long> tripCounts(List<Object> evaluations) {
        List<Long> out = new ArrayList<>();
        long trips = 0;
        boolean open = false;
        for (Object v : evaluations) {
            open = true;
            if (Boolean.TRUE.equals(v)) trips++;
            else {
                out.add(trips);
                trips = 0;
                open = false;
            }
        }
        if (open) out.add(trips);   // left by break or return
        return out;
    }

    private static DivergenceSite site(int index, Entry e) {
        DivergenceEvent ev = e.first;
        String what = condition(ev);
        return switch (ev.kind()) {
            case IF -> ifSite(index, ev, what, e.values);
            case WHILE -> loopSite(index, ev, tripCounts(e.values),
                    "`" + what + "` was " + whileCounts(tripCounts(e.values)));
            case LOOP -> loopSite(index, ev, longs(e.values),
                    "trip count from " + (ev.detail() != null && !ev.detail().isBlank() ? ev.detail() : "`" + what + "`"));
            case SCALAR -> scalarSite(index, ev, what, e.values);
        };
    }

    private static DivergenceSite ifSite(int index, DivergenceEvent ev, String cond, List<Object> values) {
        long taken = values.stream().filter(Boolean.TRUE::equals).count();
        long notTaken = values.size() - taken;
        String traced;
        String message;
        if (notTaken == 0) {
            traced = "then-branch";
            message = "took the then-branch (" + cond + " was True); the else-branch is not in the trace";
        } else if (taken == 0) {
            traced = "else-branch";
            message = "took the else-branch (" + cond + " was False); the then-branch is not in the trace";
        } else {
            traced = "then-branch " + times(taken) + ", else-branch " + times(notTaken);
            message = "took the then-branch " + times(taken) + " and the else-branch " + times(notTaken)
                    + " (" + cond + "), each decision baked into the unrolled trace";
        }
        return new DivergenceSite(index, ev.range(), ev.kind(), traced, message);
    }

    private static DivergenceSite loopSite(int index, DivergenceEvent ev, List<Long> trips, String why) {
        String counts = joinCounts(trips);
        String traced = trips.size() == 1 ? iterations(trips.get(0)) : "iterations " + counts;
        String message = (trips.size() == 1 ? "loop ran " + times(trips.get(0))
                : "loop ran " + counts + " times on successive entries")
                + " (" + why + "); the trace repeats the body that often, whatever the input";
        return new DivergenceSite(index, ev.range(), ev.kind(), traced, message);
    }

    private static DivergenceSite scalarSite(int index, DivergenceEvent ev, String expr, List<Object> values) {
        List<Object> distinct = new ArrayList<>();
        for (Object v : values) if (distinct.stream().noneMatch(d -> Objects.equals(d, v))) distinct.add(v);
        StringBuilder shown = new StringBuilder();
        for (Object v : distinct) shown.append(shown.length() == 0 ? "" : ", ").append(python(v));
        String traced = (distinct.size() == 1 ? "constant " : "constants ") + shown;
        String message = expr + " became the Python value " + shown + ", a constant in the trace"
                + (ev.detail() != null && !ev.detail().isBlank() ? " (" + ev.detail() + ")" : "");
        return new DivergenceSite(index, ev.range(), ev.kind(), traced, message);
    }

    /** The condition's text: the range's first line without a leading {@code if}/{@code while} and trailing colon. */
    static String condition(DivergenceEvent ev) {
        if (ev.range() == null) return ev.detail() != null ? ev.detail() : "the condition";
        String t = ev.range().text().strip();
        int nl = t.indexOf('\n');
        if (nl >= 0) t = t.substring(0, nl).strip();
        for (String kw : new String[] {"if ", "elif ", "while "}) if (t.startsWith(kw)) t = t.substring(kw.length()).strip();
        if (t.endsWith(":")) t = t.substring(0, t.length() - 1).strip();
        return t;
    }

    private static String whileCounts(List<Long> trips) {
        if (trips.size() == 1) return "True " + times(trips.get(0)) + ", then False";
        return "True " + joinCounts(trips) + " times before turning False";
    }

    private static List<Long> longs(List<Object> values) {
        List<Long> out = new ArrayList<>();
        for (Object v : values) out.add(v instanceof Number n ? n.longValue() : 0L);
        return out;
    }

    private static String joinCounts(List<Long> trips) {
        StringBuilder sb = new StringBuilder();
        for (Long t : trips) sb.append(sb.length() == 0 ? "" : ", ").append(t);
        return sb.toString();
    }

    private static String iterations(long n) { return n == 1 ? "1 iteration" : n + " iterations"; }

    static String times(long n) { return n == 1 ? "once" : n == 2 ? "twice" : n + " times"; }

    /** A value as Python prints it. */
    static String python(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16) return String.format(Locale.ROOT, "%.1f", d);
            return Double.toString(d);
        }
        if (v instanceof String s) return "'" + s + "'";
        return String.valueOf(v);
    }
}
