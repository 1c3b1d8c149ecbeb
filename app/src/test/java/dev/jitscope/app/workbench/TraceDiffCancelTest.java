package dev.jitscope.app.workbench;

import dev.jitscope.app.workbench.shell.OpenedModel;
import dev.jitscope.app.workbench.trace.TraceDiffModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cancel on a diff still running: the engine here blocks until interrupted, standing in for a long
 * trace (what it would have returned does not matter: a cancelled run shows nothing).
 */
@ExtendWith(ApplicationExtension.class)
class TraceDiffCancelTest {
    @Test
    void cancellingInterruptsTheRunAndShowsNothingOfIt(FxRobot robot) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        TraceDiffModel diff = new TraceDiffModel(Executors.newSingleThreadExecutor(), (source, cls, example, checks) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            throw new IllegalStateException("abandoned");
        });
        OpenedModel sample = OpenedModel.controlFlowModel();
        robot.interact(() -> diff.setModel(sample));
        robot.interact(diff::run);
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertTrue(diff.runningProperty().get());
        robot.interact(diff::cancel);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, interrupted::get);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(diff.runningProperty().get(), "Run diff is enabled again");
        assertEquals("diff cancelled", diff.statusProperty().get(), "the abandoned run's failure is not shown");
        assertNull(diff.resultProperty().get());
    }
}
