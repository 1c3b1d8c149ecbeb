package dev.jitscope.passes.manager;

import java.util.ArrayList;
import java.util.List;

/**
 * What a pass did to the nodes, matched by {@link NodeKey}: nodes only in the "after" snapshot are
 * added, only in "before" removed, and in both but fed from different producers rewired.
 * Entries are node labels ("aten::add @model.py:7:12").
 */
public record StructuralDiff(List<String> added, List<String> removed, List<String> rewired) {
    public static StructuralDiff between(GraphSnapshot before, GraphSnapshot after) {
        List<String> added = new ArrayList<>(), removed = new ArrayList<>(), rewired = new ArrayList<>();
        for (var e : after.nodes().entrySet()) {
            GraphSnapshot.NodeRecord old = before.nodes().get(e.getKey());
            if (old == null) added.add(e.getValue().label());
            else if (!old.inputs().equals(e.getValue().inputs())) rewired.add(e.getValue().label());
        }
        for (var e : before.nodes().entrySet())
            if (!after.nodes().containsKey(e.getKey())) removed.add(e.getValue().label());
        return new StructuralDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(rewired));
    }

    public boolean isEmpty() { return added.isEmpty() && removed.isEmpty() && rewired.isEmpty(); }
}
