package dev.jitscope.app.cli;

import picocli.CommandLine.Option;

/**
 * The options that turn a {@code MODEL.py} into a module instance (picocli mixin shared by script,
 * export, graph, run, bench and passes): which class to build, its constructor arguments, the seed
 * its parameter initialisation draws from, and whether it stays in training mode.
 */
public final class SourceModelOptions {
    @Option(names = "--class", paramLabel = "NAME", description = "for a .py model: the nn.Module class to build (runs its __init__) and script")
    String className;

    @Option(names = "--args", paramLabel = "JSON",
            description = "for a .py model: constructor arguments, a JSON array (positional) or object (keywords), e.g. '[4, 3]' or '{\"hidden_size\": 8}'")
    String args;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "for a .py model: torch.manual_seed before building the instance (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--train", description = "for a .py model: keep the instance in training mode (default: eval(), as for inference)")
    boolean train;

    public SourceModelOptions() { }

    /** Options for building {@code className} with the defaults: no arguments, seed 0, eval mode. */
    public static SourceModelOptions of(String className) {
        SourceModelOptions o = new SourceModelOptions();
        o.className = className;
        return o;
    }

    public String className() { return className; }
}
