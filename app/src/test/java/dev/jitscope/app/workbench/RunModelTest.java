package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.run.RunModel;
import dev.jitscope.app.workbench.shell.OpenedModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The run panel's inputs before anything runs: one row per forward input after self. */
class RunModelTest {
    private final RunModel run = new RunModel(task -> fail("nothing should run"));

    @Test
    void offersOneShapeRowPerTensorInputAndExplainsWhyASourceCannotRun() {
        run.setModel(OpenedModel.controlFlowModel());
        assertEquals(1, run.inputs().size());
        assertEquals("x", run.inputs().get(0).name());
        assertEquals("1, 4", run.inputs().get(0).specProperty().get());
        run.run(); // a scripted source has no weights: nothing runs, the status says why
        assertTrue(run.statusProperty().get().contains("open a .pt archive"), run.statusProperty().get());
    }
}
