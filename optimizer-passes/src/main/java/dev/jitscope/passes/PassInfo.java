package dev.jitscope.passes;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Metadata of a pass (MLIR's Passes.td entry): a kebab-case command-line name, a one-line summary,
 * a longer description, and the names of the statistics it counts.
 *
 * @param needsModule true when the pass reads the module instance (freezing) and is skipped without one
 */
public record PassInfo(String name, String summary, String description, List<String> statistics, boolean needsModule) {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public PassInfo {
        if (!KEBAB.matcher(name).matches()) throw new IllegalArgumentException("pass name must be kebab-case: " + name);
        statistics = List.copyOf(statistics);
    }

    public PassInfo(String name, String summary, String description, List<String> statistics) {
        this(name, summary, description, statistics, false);
    }
}
