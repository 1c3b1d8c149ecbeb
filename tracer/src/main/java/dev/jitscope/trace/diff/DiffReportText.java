package dev.jitscope.trace.diff;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The trace-vs-script report for people: each divergence site with its source line and a caret,
 * what the trace kept there, then one row per input set (index 0 is the example the trace was
 * recorded on).
 */
public final class DiffReportText {
    private DiffReportText() { }

    public static String render(DiffReport report) {
        StringBuilder out = new StringBuilder();
        List<DivergenceSite> sites = report.sites();
        if (sites.isEmpty()) {
            out.append("no divergence sites: the trace made no data-dependent decision, so it generalizes like the scripted model\n");
        } else {
            out.append(sites.size()).append(sites.size() == 1 ? " divergence site" : " divergence sites")
                    .append(" where the trace baked in a data-dependent decision:\n");
            for (DivergenceSite s : sites) {
                out.append('\n').append(String.format(Locale.ROOT, "[%d] %s: %s, traced %s%n", s.index(),
                        s.range().location(), kindName(s), s.traced()));
                out.append(s.range().highlight()).append('\n');
                out.append("    ").append(s.message()).append('\n');
            }
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-12s %-9s %-13s %-14s %s%n", "input", "diverges", "max_abs_diff", "flipped sites", "reason"));
        for (InputComparison c : report.inputs()) {
            String label = c.index() == 0 ? "0 (example)" : String.valueOf(c.index());
            String flipped = c.flippedSites().isEmpty() ? "-"
                    : c.flippedSites().stream().map(i -> "[" + i + "]").collect(Collectors.joining(" "));
            out.append(String.format(Locale.ROOT, "%-12s %-9s %-13s %-14s %s%n", label, c.diverges() ? "YES" : "no",
                    number(c.maxAbsDiff()), flipped, c.reason() == null ? ""
                            : c.reason().startsWith(TraceScriptDiff.NOT_SCRIPTED) ? "not compared (see below)" : oneLine(c.reason())));
        }
        long diverging = report.inputs().stream().filter(InputComparison::diverges).count();
        boolean compared = report.inputs().stream().noneMatch(c -> c.reason() != null && c.reason().startsWith(TraceScriptDiff.NOT_SCRIPTED));
        if (!compared) {
            String why = report.inputs().get(0).reason().substring(TraceScriptDiff.NOT_SCRIPTED.length());
            out.append('\n').append("outputs not compared: the model cannot be scripted (the sites above still say what the trace keeps):\n")
                    .append(why).append('\n');
            return out.toString();
        }
        out.append('\n').append(diverging == 0
                ? "the traced model agrees with the scripted model on every input set\n"
                : "the traced model DIVERGES from the scripted model on " + diverging + " of " + report.inputs().size()
                        + " input sets\n");
        return out.toString();
    }

    /** The lowercase kind name used in reports and JSON: if, while, loop, scalar. */
    public static String kindName(DivergenceSite s) {
        return s.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String number(double d) {
        if (Double.isNaN(d)) return "-";
        if (Double.isInfinite(d)) return "inf";
        return String.format(Locale.ROOT, "%.3g", d);
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
