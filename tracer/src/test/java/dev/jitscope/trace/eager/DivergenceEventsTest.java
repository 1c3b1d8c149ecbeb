package dev.jitscope.trace.eager;

import dev.jitscope.ir.SourceRange;
import dev.jitscope.runtime.OpSchema;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where eager execution turns tensors into Python decisions, the observer hears it, with the source range. */
class DivergenceEventsTest {
    static final class Recorder implements EagerObserver {
        final List<DivergenceEvent> events = new ArrayList<>();
        final List<String> ops = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override public void onOp(OpSchema schema, Object[] args, Object result, SourceRange range) { ops.add(schema.name()); }
        @Override public void onDivergence(DivergenceEvent event) { events.add(event); }
        @Override public void onModuleCall(ModuleInstance module, String method, List<Object> args, SourceRange range) {
            calls.add("call " + module.type().name() + "." + method);
        }
        @Override public void onModuleReturn(ModuleInstance module, String method, Object result) {
            calls.add("return " + module.type().name() + "." + method);
        }
    }

    private final EagerSession session = EagerSources.load(EagerSources.resource("divergence_models.py"), LibraryResolver.standard(),
            new ByteArrayOutputStream());

    private Recorder run(String className, Tensor x) {
        ModuleInstance m = session.instantiate(className, List.of(), Map.of());
        Recorder rec = new Recorder();
        session.setObserver(rec);
        session.call(m, "forward", List.of(x));
        session.setObserver(null);
        return rec;
    }

    static Tensor randn(long seed, double offset, int... shape) {
        Random rnd = new Random(seed);
        float[] v = new float[Tensor.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextGaussian() + offset);
        return Tensor.contiguous(Storage.wrap(v), shape);
    }

    private static void assertAt(DivergenceEvent e, DivergenceEvent.Kind kind, String text) {
        assertEquals(kind, e.kind(), e.toString());
        assertEquals(text, e.range().text(), "range of " + e);
    }

    @Test
    void ifOnATensorReportsTheBranchTaken() {
        Recorder pos = run("Gate", randn(1, 3.0, 2, 3));
        assertEquals(1, pos.events.size(), pos.events.toString());
        assertAt(pos.events.get(0), DivergenceEvent.Kind.IF, "x.sum() > 0");
        assertEquals(true, pos.events.get(0).value());
        assertFalse(pos.ops.contains("aten::neg"), "the untaken branch did not run");
        assertEquals(List.of("call Gate.forward", "return Gate.forward"), pos.calls);

        Recorder neg = run("Gate", randn(1, -3.0, 2, 3));
        assertEquals(false, neg.events.get(0).value());
        assertTrue(neg.ops.contains("aten::neg"), neg.ops.toString());
        String text = neg.events.get(0).range().source().text();
        int ifLine = (int) text.substring(0, text.indexOf("if x.sum() > 0")).chars().filter(c -> c == '\n').count() + 1;
        assertEquals(ifLine, neg.events.get(0).range().line(), "the if line of Gate.forward");
    }

    @Test
    void whileReportsEveryEvaluationOfItsCondition() {
        Recorder rec = run("Halver", randn(2, 2.0, 4, 4));
        long halvings = rec.ops.stream().filter("aten::mul"::equals).count();
        assertTrue(halvings > 0, "the input is large enough to be halved");
        assertEquals(halvings + 1, rec.events.size(), "one event per evaluation of the condition");
        for (int i = 0; i < rec.events.size(); i++) {
            assertAt(rec.events.get(i), DivergenceEvent.Kind.WHILE, "x.norm() > 1.0");
            assertEquals(i < halvings, rec.events.get(i).value());
        }
    }

    @Test
    void rangeOverATensorSizeIsALoopWithItsTripCount() {
        Tensor x = randn(3, 0, 5, 3);
        Recorder rec = run("RowLoop", x);
        assertEquals(1, rec.events.size(), rec.events.toString());
        assertAt(rec.events.get(0), DivergenceEvent.Kind.LOOP, "range(x.size(0))");
        assertEquals((long) x.size(0), rec.events.get(0).value());
    }

    @Test
    void iteratingATensorIsALoop() {
        Tensor x = randn(4, 0, 3, 2);
        Recorder rec = run("RowIter", x);
        assertEquals(1, rec.events.size(), rec.events.toString());
        assertAt(rec.events.get(0), DivergenceEvent.Kind.LOOP, "x");
        assertEquals((long) x.size(0), rec.events.get(0).value());
    }

    @Test
    void scalarsReadFromTensorsAreReported() {
        Recorder rec = run("Scalars", randn(5, 0, 3, 2));
        assertEquals(3, rec.events.size(), rec.events.toString());
        assertAt(rec.events.get(0), DivergenceEvent.Kind.SCALAR, "x.sum().item()");
        assertAt(rec.events.get(1), DivergenceEvent.Kind.SCALAR, "int(x.max())");
        assertAt(rec.events.get(2), DivergenceEvent.Kind.SCALAR, "x.shape[0] * 2");
        assertEquals(2L * 3, rec.events.get(2).value(), "x.shape[0] * 2 for an input of 3 rows");
    }

    @Test
    void aBranchOnATensorSizeIsAnIf() {
        Recorder rec = run("SizeBranch", randn(6, 0, 4, 2));
        assertEquals(1, rec.events.size(), rec.events.toString());
        assertAt(rec.events.get(0), DivergenceEvent.Kind.IF, "x.size(0) > 2");
        assertEquals(true, rec.events.get(0).value());
    }

    @Test
    void pythonControlFlowOnPythonValuesIsNotADivergence() {
        Recorder rec = run("Plain", randn(7, 0, 2, 2));
        assertEquals(List.of(), rec.events);
        assertTrue(rec.ops.contains("aten::relu"), rec.ops.toString());
    }
}
