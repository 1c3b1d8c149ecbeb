package dev.jitscope.app.workbench.shell;

import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

import java.util.prefs.Preferences;

/** Remembers window bounds and divider positions between runs (java.util.prefs, per user). */
public final class WindowState {
    private final Preferences prefs;

    public WindowState(Preferences prefs) { this.prefs = prefs; }

    public static WindowState forUser() {
        return new WindowState(Preferences.userRoot().node(System.getProperty("jitscope.prefs", "dev/jitscope/workbench")));
    }

    public void restore(Stage stage) {
        stage.setX(prefs.getDouble("x", 60));
        stage.setY(prefs.getDouble("y", 40));
        stage.setWidth(prefs.getDouble("width", 1500));
        stage.setHeight(prefs.getDouble("height", 940));
    }

    public void restore(String key, SplitPane split) {
        double[] positions = split.getDividerPositions();
        for (int i = 0; i < positions.length; i++) {
            split.setDividerPosition(i, prefs.getDouble(key + "." + i, positions[i]));
        }
    }

    public void save(Stage stage) {
        prefs.putDouble("x", stage.getX());
        prefs.putDouble("y", stage.getY());
        prefs.putDouble("width", stage.getWidth());
        prefs.putDouble("height", stage.getHeight());
    }

    public void save(String key, SplitPane split) {
        double[] positions = split.getDividerPositions();
        for (int i = 0; i < positions.length; i++) prefs.putDouble(key + "." + i, positions[i]);
    }
}
