package dev.jitscope.passes.util;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.print.GraphPrinter;

/**
 * The text form pass snapshots and fingerprints use: ir-core's printer without source comments, so
 * a pass that only moves nodes between source lines still prints (and fingerprints) differently,
 * while comments never make two equal graphs look different.
 */
public final class GraphText {
    private GraphText() {}

    public static String print(Graph g) { return GraphPrinter.printWithoutRanges(g); }
}
