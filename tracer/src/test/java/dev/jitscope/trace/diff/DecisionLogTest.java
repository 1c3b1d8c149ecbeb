package dev.jitscope.trace.diff;

import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.trace.eager.DivergenceEvent;
import dev.jitscope.trace.eager.DivergenceEvent.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Divergence sites from hand-made observer events, and which of them another run flips. */
class DecisionLogTest {
    private static final Source SRC = new Source("model.py", String.join("\n",
            "def forward(self, x):",
            "    if x.mean() > 0.5:",
            "        x = x * 2",
            "    while x.norm() > self.threshold:",
            "        x = x * 0.5",
            "    for t in range(x.size(0)):",
            "        x = x + 1",
            "    return x * int(x.sum())",
            ""));

    private static SourceRange at(String text) {
        int i = SRC.text().indexOf(text);
        return SRC.range(i, i + text.length());
    }

    private static DecisionLog log(boolean branch, int whileTrips, long loopTrips, long scalar) {
        DecisionLog log = new DecisionLog();
        log.add(new DivergenceEvent(Kind.IF, at("x.mean() > 0.5"), branch, null));
        for (int i = 0; i < whileTrips; i++) log.add(new DivergenceEvent(Kind.WHILE, at("x.norm() > self.threshold"), true, null));
        log.add(new DivergenceEvent(Kind.WHILE, at("x.norm() > self.threshold"), false, null));
        log.add(new DivergenceEvent(Kind.LOOP, at("range(x.size(0))"), loopTrips, "x.size(0)"));
        log.add(new DivergenceEvent(Kind.SCALAR, at("int(x.sum())"), scalar, "int() of a tensor"));
        return log;
    }

    @Test
    void oneSitePerLocationSayingWhatTheTraceKept() {
        List<DivergenceSite> sites = log(true, 3, 4, 7).sites();
        assertEquals(4, sites.size());
        DivergenceSite ifSite = sites.get(0);
        assertEquals(2, ifSite.line());
        assertEquals(8, ifSite.column());
        assertEquals("then-branch", ifSite.traced());
        assertTrue(ifSite.message().startsWith("took the then-branch (x.mean() > 0.5 was True)"), ifSite.message());
        assertEquals(Kind.WHILE, sites.get(1).kind());
        assertEquals("3 iterations", sites.get(1).traced());
        assertTrue(sites.get(1).message().startsWith("loop ran 3 times"), sites.get(1).message());
        assertEquals("4 iterations", sites.get(2).traced());
        assertTrue(sites.get(2).message().contains("x.size(0)"), sites.get(2).message());
        assertEquals("constant 7", sites.get(3).traced());
        assertEquals(8, sites.get(3).line());
    }

    @Test
    void elseBranchAndMixedDecisionsAreNamed() {
        DecisionLog log = new DecisionLog();
        log.add(new DivergenceEvent(Kind.IF, at("x.mean() > 0.5"), false, null));
        assertEquals("else-branch", log.sites().get(0).traced());
        log.add(new DivergenceEvent(Kind.IF, at("x.mean() > 0.5"), true, null));
        log.add(new DivergenceEvent(Kind.IF, at("x.mean() > 0.5"), true, null));
        assertEquals("then-branch twice, else-branch once", log.sites().get(0).traced());
    }

    @Test
    void anotherRunFlipsTheSitesThatDecidedDifferently() {
        DecisionLog traced = log(true, 3, 4, 7);
        assertEquals(List.of(), traced.flippedIn(log(true, 3, 4, 7)));
        assertEquals(List.of(0), traced.flippedIn(log(false, 3, 4, 7)));
        assertEquals(List.of(1, 3), traced.flippedIn(log(true, 2, 4, 8)));
        assertEquals(List.of(2), traced.flippedIn(log(true, 3, 5, 7)));
        assertEquals(List.of(0, 1, 2, 3), traced.flippedIn(new DecisionLog()));
    }

    @Test
    void whileEvaluationsBecomeTripCountsPerExecution() {
        assertEquals(List.of(2L, 0L, 1L), DecisionLog.tripCounts(List.of(true, true, false, false, true, false)));
        assertEquals(List.of(2L), DecisionLog.tripCounts(List.of(true, true)));
    }
}
