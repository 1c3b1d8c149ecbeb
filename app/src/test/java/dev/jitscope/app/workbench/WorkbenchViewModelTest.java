package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.app.workbench.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The window's state without a window: compile results and mistakes as the user sees them. */
class WorkbenchViewModelTest {
    // layout never runs here: these tests look at compile state, not at the drawing; compiling runs on the caller's thread
    private final WorkbenchViewModel model = new WorkbenchViewModel(task -> { }, Runnable::run, Runnable::run);

    @Test
    void openingTheSampleCompilesItsForward() {
        model.openSample();
        assertTrue(model.compileStateProperty().get().startsWith("compiled ControlFlowModel.forward"));
        assertTrue(model.problems().isEmpty());
        assertSame(model.moduleProperty().get().forward(), model.graph().graphProperty().get());
    }

    @Test
    void aMistakeInTheEditorLandsInProblemsWithItsLocation() {
        model.openSample();
        OpenedModel before = model.moduleProperty().get();
        String broken = before.source().text().replace("return torch.tanh(y)", "return torch.tanh(z)");
        model.compile(broken);
        assertEquals("compile error", model.compileStateProperty().get());
        assertEquals(1, model.problems().size());
        String problem = model.problems().get(0).text();
        assertTrue(problem.startsWith("control_flow_model.py:17:"), problem);
        assertTrue(problem.contains("error:"), problem);
        assertSame(before, model.moduleProperty().get(), "the last good graph stays on screen");

        model.compile(before.source().text());
        assertTrue(model.problems().isEmpty());
        assertNotSame(before, model.moduleProperty().get());
    }
}
