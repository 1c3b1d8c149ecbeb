package dev.jitscope.passes;

/**
 * One graph-to-graph optimisation. Implementations are stateless singletons (keep per-run state in a
 * private nested worker class) so the same instance can run on many graphs, from many threads.
 * A pass never prints or snapshots; the {@link dev.jitscope.passes.manager.PassManager} does that
 * around it through instrumentations.
 */
public interface Pass {
    /** Name, summary, description and statistics, shown by {@code jitscope passes --list}. */
    PassInfo info();

    /**
     * Rewrites {@code ctx.graph()} in place (or swaps it through {@link PassContext#replaceGraph}).
     * Returns whether the pass believes it changed something; the manager does not trust this claim
     * for "changed" reporting (it compares fingerprints) but passes use it to iterate to a fixpoint.
     */
    boolean run(PassContext ctx);

    default String name() { return info().name(); }
}
