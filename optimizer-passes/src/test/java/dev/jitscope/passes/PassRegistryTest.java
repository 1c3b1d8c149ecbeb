package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassRegistryTest {
    @Test void findsServiceLoadedPluginPassesAlongsideBuiltins() {
        PassRegistry reg = PassRegistry.standard();
        assertTrue(reg.get("plugin-noop") instanceof PluginPassForTest);
        assertEquals(List.of("cse", "plugin-noop"), reg.pipeline("cse,plugin-noop").stream().map(Pass::name).toList());
    }

    @Test void everyBuiltinHasSummaryDescriptionAndUniqueName() {
        for (Pass p : PassRegistry.standard().all()) {
            assertFalse(p.info().summary().isBlank(), p.name());
            assertFalse(p.info().description().isBlank(), p.name());
        }
    }

    @Test void passNamesMustBeKebabCase() {
        assertThrows(IllegalArgumentException.class, () -> new PassInfo("DeadCode", "s", "d", List.of()));
    }
}
