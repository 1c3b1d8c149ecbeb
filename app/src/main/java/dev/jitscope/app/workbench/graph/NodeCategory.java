package dev.jitscope.app.workbench.graph;

import dev.jitscope.ir.Node;

/** How the graph view colours a node (GraphPalette maps each to fill, outline and text). */
public enum NodeCategory {
    TENSOR_MATH("tensor"),
    CONTROL_FLOW("control"),
    CONSTANT("constant"),
    ATTRIBUTE("attribute"),
    CALL("call"),
    STRUCTURE("structure"),
    BOUNDARY("boundary");

    private final String cssClass;

    NodeCategory(String cssClass) { this.cssClass = cssClass; }

    public String cssClass() { return cssClass; }

    public static NodeCategory of(String kind) {
        switch (kind) {
            case Node.IF, Node.LOOP, Node.RAISE -> { return CONTROL_FLOW; }
            case Node.CONSTANT -> { return CONSTANT; }
            case Node.GET_ATTR, Node.SET_ATTR -> { return ATTRIBUTE; }
            case Node.CALL_METHOD, Node.CALL_FUNCTION -> { return CALL; }
            case Node.PARAM, Node.RETURN -> { return BOUNDARY; }
            default -> { }
        }
        return kind.startsWith("aten::") ? TENSOR_MATH : STRUCTURE;
    }
}
