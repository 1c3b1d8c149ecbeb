package dev.jitscope.trace.script;

import dev.jitscope.frontend.nn.NnLibrary;
import dev.jitscope.ir.Source;

/**
 * The source files of classes and functions user code reaches outside its own file: the nn
 * library's ({@code __torch__.torch.nn.modules.linear} → {@code torch/nn/modules/linear.py}).
 */
final class LibrarySources {
    private LibrarySources() { }

    static Source forQualifier(String qualifier) {
        return NnLibrary.forQualifier(qualifier);
    }
}
