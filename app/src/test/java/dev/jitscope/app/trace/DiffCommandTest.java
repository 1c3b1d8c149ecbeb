package dev.jitscope.app.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jitscope.app.cli.CliRunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jitscope diff} on the models, as a user runs it: where the trace bakes in a
 * decision (sites at the source line of the condition or loop) and which check inputs make the
 * traced model disagree with the scripted one.
 */
class DiffCommandTest {
    @TempDir Path dir;

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static void assertOneSite(JsonNode report, String kind, int line) {
        List<JsonNode> sites = list(report.get("sites"));
        assertEquals(1, sites.size(), report::toPrettyString);
        assertEquals(kind, sites.get(0).get("kind").asText());
        assertEquals(line, sites.get(0).get("line").asInt(), report::toPrettyString);
        assertTrue(sites.get(0).get("column").asInt() > 0);
        assertFalse(sites.get(0).get("traced").asText().isEmpty());
        assertFalse(sites.get(0).get("message").asText().isEmpty());
    }

    private static JsonNode input(JsonNode report, int index) {
        JsonNode in = report.get("inputs").get(index);
        assertEquals(index, in.get("index").asInt());
        return in;
    }

    @Test
    void controlFlowModelDivergesAtTheIfForAnInputOnTheOtherSide() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("ControlFlowModel");
        JsonNode report = TraceFixtures.diffJson(model.toString(), "--class", "ControlFlowModel",
                "--input", f.uniform(1, 2, 3, 4).toString(),           // mean > 0.5: the then-branch
                "--check-input", f.uniform(-2, -1, 3, 4).toString(),   // the else-branch
                "--check-input", f.uniform(2, 3, 3, 4).toString());    // the same side as the example
        assertOneSite(report, "if", TraceFixtures.lineOf("ControlFlowModel", "if x.mean() > 0.5"));
        assertEquals("then-branch", report.get("sites").get(0).get("traced").asText());
        assertFalse(input(report, 0).get("diverges").asBoolean(), report::toPrettyString);
        assertTrue(input(report, 1).get("diverges").asBoolean(), report::toPrettyString);
        assertEquals("[0]", input(report, 1).get("sites").toString());
        assertTrue(input(report, 1).get("max_abs_diff").asDouble() > 0);
        assertFalse(input(report, 2).get("diverges").asBoolean(), report::toPrettyString);
        assertEquals("[]", input(report, 2).get("sites").toString());
    }

    @Test
    void humanReportShowsTheIfLineWithACaretAndTheBranchKept() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("ControlFlowModel");
        CliRunResult r = TraceFixtures.ok("diff", model.toString(), "--class", "ControlFlowModel",
                "--input", f.uniform(-2, -1, 3, 4).toString(), "--check-input", f.uniform(1, 2, 3, 4).toString());
        String out = r.stdout();
        int line = TraceFixtures.lineOf("ControlFlowModel", "if x.mean() > 0.5");
        assertTrue(out.contains(model + ":" + line + ":"), out);
        assertTrue(out.contains("if x.mean() > 0.5:"), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().endsWith("^") && l.strip().startsWith("~")), out);
        assertTrue(out.contains("took the else-branch (x.mean() > 0.5 was False)"), out);
        assertTrue(out.contains("YES"), out);
    }

    @Test
    void myCellDivergesAtTheDecisionGate() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("MyCell");
        Path h = f.uniform(0, 1, 3, 4);
        // x = ±100 drives the sign of linear(x).sum(): the two sets decide the gate differently
        JsonNode report = TraceFixtures.diffJson(model.toString(), "--class", "MyCell",
                "--input", f.uniform(99, 100, 3, 4).toString(), h.toString(),
                "--check-input", f.uniform(-100, -99, 3, 4) + "," + h);
        assertOneSite(report, "if", TraceFixtures.lineOf("MyCell", "if x.sum() > 0"));
        assertFalse(input(report, 0).get("diverges").asBoolean(), report::toPrettyString);
        assertTrue(input(report, 1).get("diverges").asBoolean(), report::toPrettyString);
        assertEquals("[0]", input(report, 1).get("sites").toString());
    }

    @Test
    void loopOverXSizeDivergesOnAnotherLength() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("RecurrentLoop");
        JsonNode report = TraceFixtures.diffJson(model.toString(), "--class", "RecurrentLoop",
                "--input", f.uniform(-1, 1, 3, 2, 4).toString(),
                "--check-input", f.uniform(-1, 1, 5, 2, 4).toString(),
                "--check-input", f.uniform(-1, 1, 3, 7, 4).toString());   // another batch: sizes stay symbolic
        int forLine = TraceFixtures.lineOf("RecurrentLoop", "for t in range(x.size(0))");
        List<JsonNode> loops = list(report.get("sites")).stream().filter(s -> s.get("kind").asText().equals("loop")).toList();
        assertEquals(1, loops.size(), report::toPrettyString);
        assertEquals(forLine, loops.get(0).get("line").asInt());
        assertEquals("3 iterations", loops.get(0).get("traced").asText());
        assertTrue(list(report.get("sites")).stream().noneMatch(s -> s.get("kind").asText().equals("if")), report::toPrettyString);
        assertTrue(input(report, 1).get("diverges").asBoolean(), report::toPrettyString);
        assertTrue(input(report, 1).get("sites").toString().contains(String.valueOf(loops.get(0).get("index").asInt())));
        assertFalse(input(report, 2).get("diverges").asBoolean(), report::toPrettyString);
    }

    @Test
    void dataDependentWhileKeepsItsTripCount() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("WhileLoop");
        JsonNode report = TraceFixtures.diffJson(model.toString(), "--class", "WhileLoop",
                "--input", f.uniform(2, 3, 8).toString(),
                "--check-input", f.uniform(0, 0.1, 8).toString());
        assertOneSite(report, "while", TraceFixtures.lineOf("WhileLoop", "while x.norm() > self.threshold"));
        assertTrue(report.get("sites").get(0).get("traced").asText().endsWith("iterations"), report::toPrettyString);
        assertFalse(input(report, 0).get("diverges").asBoolean(), report::toPrettyString);
        assertTrue(input(report, 1).get("diverges").asBoolean(), report::toPrettyString);
        assertEquals("[0]", input(report, 1).get("sites").toString());
    }

    @Test
    void noControlFlowHasNoSitesAndNoDivergence() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("NoControlFlow");
        JsonNode report = TraceFixtures.diffJson(model.toString(), "--class", "NoControlFlow",
                "--input", f.uniform(-1, 1, 2, 8).toString(),
                "--check-input", f.uniform(-5, 5, 2, 8).toString());
        assertEquals(0, report.get("sites").size(), report::toPrettyString);
        for (JsonNode in : report.get("inputs")) assertFalse(in.get("diverges").asBoolean(), report::toPrettyString);
    }

    @Test
    void sameBranchesReportTheSiteButNoDivergence() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("SameBranches");
        JsonNode report = TraceFixtures.diffJson(model.toString(), "--class", "SameBranches",
                "--input", f.uniform(0, 1, 3, 4).toString(),
                "--check-input", f.uniform(-1, 0, 3, 4).toString());
        assertOneSite(report, "if", TraceFixtures.lineOf("SameBranches", "if x.sum() > 0"));
        assertEquals("[0]", input(report, 1).get("sites").toString(), report::toPrettyString);
        assertFalse(input(report, 1).get("diverges").asBoolean(), report::toPrettyString);
    }

    @Test
    void aTraceThatCannotRunOnACheckInputIsReportedNotThrown() throws IOException {
        TraceFixtures f = new TraceFixtures(dir);
        Path model = f.sample("RecurrentLoop");
        // a shorter sequence: the trace unrolled x[0], x[1], x[2], and x[2] does not exist
        JsonNode report = TraceFixtures.diffJson(model.toString(), "--class", "RecurrentLoop",
                "--input", f.uniform(-1, 1, 3, 2, 4).toString(),
                "--check-input", f.uniform(-1, 1, 2, 2, 4).toString());
        JsonNode check = input(report, 1);
        assertTrue(check.get("diverges").asBoolean(), report::toPrettyString);
        assertTrue(check.get("reason").asText().startsWith("the traced model fails on this input"), report::toPrettyString);
        assertTrue(check.get("max_abs_diff").isNull(), report::toPrettyString);
    }
}
