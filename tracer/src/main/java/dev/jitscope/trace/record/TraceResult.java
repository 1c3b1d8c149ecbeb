package dev.jitscope.trace.record;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.trace.diff.DivergenceSite;

import java.util.List;

/**
 * What {@code torch.jit.trace(instance, inputs)} gives: the traced module (its class's forward is
 * {@code graph}) and the places where the recording baked in a data-dependent decision.
 */
public record TraceResult(ScriptObject module, Graph graph, List<DivergenceSite> sites) {
    public TraceResult {
        sites = List.copyOf(sites);
    }
}
