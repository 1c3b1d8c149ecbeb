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

    /** A PyTorch-style module file opens as torch.jit.script(Net()) would: __init__ ran, so it has weights to run and export. */
    @Test
    void aModuleFileOpensWithTheInstanceItsInitBuilds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("net.py");
        java.nio.file.Files.writeString(file, """
                import torch
                import torch.nn as nn


                class Net(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.fc = nn.Linear(4, 2)

                    def forward(self, x):
                        return torch.relu(self.fc(x))
                """);
        model.open(file);
        assertTrue(model.problems().isEmpty(), () -> model.problems().toString());
        OpenedModel m = model.moduleProperty().get();
        assertEquals("Net", m.className());
        assertTrue(m.runnable(), "the instance carries fc's weight and bias");
        assertNotNull(m.type().attribute("fc"), "fc's type came from the instance, not from an annotation");
    }

    /** A class whose __init__ needs arguments cannot be built: its annotated source still compiles and shows. */
    @Test
    void aClassThatNeedsConstructorArgumentsStillShowsItsCompiledForward(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("scaled.py");
        java.nio.file.Files.writeString(file, """
                import torch


                class Scaled(torch.nn.Module):
                    factor: float

                    def __init__(self, factor: float):
                        super().__init__()
                        self.factor = factor

                    def forward(self, x: torch.Tensor) -> torch.Tensor:
                        return x * self.factor
                """);
        model.open(file);
        assertTrue(model.problems().isEmpty(), () -> model.problems().toString());
        assertEquals("Scaled", model.moduleProperty().get().className());
        assertFalse(model.moduleProperty().get().runnable(), "no instance without a factor");
    }
}
