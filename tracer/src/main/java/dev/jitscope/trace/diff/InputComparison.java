package dev.jitscope.trace.diff;

import java.util.List;

/**
 * The traced vs scripted outputs on one input set (index 0 is the example the trace was recorded on).
 *
 * @param diverges     outputs differ beyond 1e-4 relative, shapes differ, or the traced graph failed
 * @param maxAbsDiff   the largest absolute elementwise difference (NaN when outputs are not comparable)
 * @param reason       why it diverges (a mismatch or the traced run's failure message); null when it does not
 * @param flippedSites indices of {@link DivergenceSite}s where this input decided differently from the trace
 */
public record InputComparison(int index, boolean diverges, double maxAbsDiff, String reason,
                              List<Integer> flippedSites) {
    public InputComparison {
        flippedSites = List.copyOf(flippedSites);
    }
}
