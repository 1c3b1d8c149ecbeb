package dev.jitscope.app.workbench.graph;

import javafx.scene.paint.Color;

/**
 * A colour laid over a node's category to say what happened to it in a comparison: a pass added,
 * removed or rewired it, or the trace dropped it. Colours are per theme: light fill, dark fill, outline.
 */
public enum NodeMark {
    ADDED("added", "#b9f0c0", "#1d5a2a", "#2e9a44"),
    REMOVED("removed", "#f8c0c0", "#6a2020", "#d03434"),
    REWIRED("rewired", "#ffdd99", "#6a4a00", "#e09a00"),
    /** A scripted node whose source range no traced node came from: what tracing left out. */
    DROPPED("dropped", "#f8c0c0", "#6a2020", "#d03434");

    private final String cssClass;
    private final Color light, dark, stroke;

    NodeMark(String cssClass, String light, String dark, String stroke) {
        this.cssClass = cssClass;
        this.light = Color.web(light);
        this.dark = Color.web(dark);
        this.stroke = Color.web(stroke);
    }

    public String cssClass() { return cssClass; }
    Color fill(boolean darkTheme) { return darkTheme ? dark : light; }
    Color stroke() { return stroke; }
}
