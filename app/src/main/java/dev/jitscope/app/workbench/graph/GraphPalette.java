package dev.jitscope.app.workbench.graph;

import javafx.scene.paint.Color;

import java.util.Map;

/** The graph view's colours for one theme: per node category a fill, an outline and a text colour. */
record GraphPalette(Color background, Color edge, Color edgeText, Color containerFill, Color blockFill, Color blockStroke,
                    Color selection, Color markedFill, Color markedStroke,
                    Map<NodeCategory, Color[]> categories) {

    static final GraphPalette LIGHT = new GraphPalette(Color.web("#fbfbfd"), Color.web("#6b7785"), Color.web("#59636e"),
            Color.web("#fde2c4", 0.25), Color.web("#ffffff", 0.8), Color.web("#d0a060"),
            Color.web("#e0245e"), Color.web("#fff176"), Color.web("#c9a400"),
            Map.of(NodeCategory.TENSOR_MATH, colors("#d6e6fb", "#4a7fc1", "#1b1f24"),
                    NodeCategory.CONTROL_FLOW, colors("#fde2c4", "#c77c1e", "#1b1f24"),
                    NodeCategory.CONSTANT, colors("#ececec", "#9a9a9a", "#555555"),
                    NodeCategory.ATTRIBUTE, colors("#d9f2dc", "#4f9a5a", "#1b1f24"),
                    NodeCategory.CALL, colors("#eadcf7", "#8557b5", "#1b1f24"),
                    NodeCategory.STRUCTURE, colors("#fff5c2", "#b39b2e", "#1b1f24"),
                    NodeCategory.BOUNDARY, colors("#39424e", "#39424e", "#ffffff")));

    static final GraphPalette DARK = new GraphPalette(Color.web("#1e2228"), Color.web("#8d99a6"), Color.web("#a7b1bc"),
            Color.web("#5a3d1a", 0.35), Color.web("#2a2f36", 0.85), Color.web("#8a6a3a"),
            Color.web("#ff5c8a"), Color.web("#6b5d00"), Color.web("#ffd600"),
            Map.of(NodeCategory.TENSOR_MATH, colors("#21364f", "#5b93d6", "#e6edf3"),
                    NodeCategory.CONTROL_FLOW, colors("#4a3216", "#d9913a", "#e6edf3"),
                    NodeCategory.CONSTANT, colors("#30343a", "#7d848c", "#b4bcc4"),
                    NodeCategory.ATTRIBUTE, colors("#1f3b25", "#5fb26c", "#e6edf3"),
                    NodeCategory.CALL, colors("#35264a", "#9b74c9", "#e6edf3"),
                    NodeCategory.STRUCTURE, colors("#3d3713", "#c4ac3c", "#e6edf3"),
                    NodeCategory.BOUNDARY, colors("#c9d1d9", "#c9d1d9", "#1b1f24")));

    Color fill(NodeCategory c) { return categories.get(c)[0]; }
    Color stroke(NodeCategory c) { return categories.get(c)[1]; }
    Color text(NodeCategory c) { return categories.get(c)[2]; }

    private static Color[] colors(String fill, String stroke, String text) {
        return new Color[] {Color.web(fill), Color.web(stroke), Color.web(text)};
    }
}
