package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.run.RunModel;
import dev.jitscope.app.workbench.shell.OpenedModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The run panel's inputs before anything runs: one row per forward input after self. */
class RunModelTest {
    private final RunModel run = new RunModel(task -> fail("nothing should run before Run"));

    @Test
    void offersOneShapeRowPerTensorInputOfTheSampleWhichHasWeights() {
        run.setModel(OpenedModel.controlFlowModel());
        assertEquals(1, run.inputs().size());
        assertEquals("x", run.inputs().get(0).name());
        assertEquals("1, 4", run.inputs().get(0).specProperty().get());
        assertTrue(run.statusProperty().get().contains("then Run"), "the sample's __init__ ran: it has weights to run with");
    }
}
