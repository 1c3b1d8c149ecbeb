package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded source file: its dotted module name ("" for the user's file, "torch.nn.modules.linear"
 * for a library resource), the prefix its classes' qualified names take, and its globals.
 */
final class ModuleScope {
    final String dottedName;
    final Source source;
    final Map<String, Object> globals = new LinkedHashMap<>();
    final Frame frame;

    ModuleScope(String dottedName, Source source) {
        this.dottedName = dottedName;
        this.source = source;
        this.frame = new Frame(globals, null, this, null, null);
    }

    /** "__torch__." for the user's file, "__torch__.torch.nn.modules.linear." for a library module. */
    String qualifiedPrefix() { return dottedName.isEmpty() ? "__torch__." : "__torch__." + dottedName + "."; }
}
