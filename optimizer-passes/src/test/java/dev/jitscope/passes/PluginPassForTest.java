package dev.jitscope.passes;

import java.util.List;

/** A pass a plugin jar would contribute; listed in this module's test META-INF/services. */
public final class PluginPassForTest implements Pass {
    @Override public PassInfo info() {
        return new PassInfo("plugin-noop", "A plugin pass that does nothing", "Proves ServiceLoader discovery.", List.of());
    }

    @Override public boolean run(PassContext ctx) { return false; }
}
