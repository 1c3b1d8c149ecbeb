/**
 * Running passes so a user can step through them: {@link dev.jitscope.passes.manager.PassManager} runs a
 * pipeline with {@link dev.jitscope.passes.manager.PassInstrumentation}s around each pass (snapshot +
 * fingerprint + {@link dev.jitscope.passes.manager.StructuralDiff}, verification, timing) and returns one
 * {@link dev.jitscope.passes.manager.PassRunResult} per pass for the CLI's {@code --json} and the workbench.
 * Nodes are matched across snapshots by {@link dev.jitscope.passes.manager.NodeKey} (kind + source range +
 * ordinal), not by object identity.
 */
package dev.jitscope.passes.manager;
