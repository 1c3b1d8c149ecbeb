package dev.jitscope.app.cli;

import dev.jitscope.diag.JitScopeException;

import java.nio.file.Path;
import java.util.List;

/** The .npy inputs of {@code run} and {@code bench}: given with {@code --input}, or positionally after MODEL.pt. */
final class Inputs {
    private Inputs() { }

    static List<Path> of(List<Path> options, List<Path> positional) {
        if (!options.isEmpty() && !positional.isEmpty())
            throw new JitScopeException("give the inputs either with --input or after MODEL.pt, not both", positional.get(0).toString());
        return options.isEmpty() ? positional : options;
    }
}
