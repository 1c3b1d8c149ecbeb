package dev.jitscope.frontend.nn;

import dev.jitscope.frontend.parser.Parser;
import dev.jitscope.ir.Source;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NnLibraryTest {

    @Test
    void everyShippedFileParses() {
        for (String m : NnLibrary.modules()) {
            Source s = NnLibrary.module(m);
            assertNotNull(s, m + " is listed but not shipped");
            assertEquals(m.replace('.', '/') + ".py", s.name());
            Parser.parse(s);
        }
    }

    @Test
    void publicNamesResolveToTheirDefiningModule() {
        assertEquals("torch.nn.modules.linear", NnLibrary.definingModule("Linear"));
        assertEquals("torch.nn.modules.activation", NnLibrary.definingModule("ReLU"));
        assertEquals("torch.nn.modules.container", NnLibrary.definingModule("Sequential"));
        assertEquals("torch.nn.functional", NnLibrary.definingModule("functional.relu"));
        assertEquals("torch.nn.functional", NnLibrary.definingModule("functional.linear"));
        assertEquals("torch.nn.init", NnLibrary.definingModule("init.kaiming_uniform_"));
        assertNull(NnLibrary.definingModule("NoSuchModule"));
        assertNull(NnLibrary.definingModule("functional.no_such_function"));
        assertNull(NnLibrary.module("torch.nn.modules.nonexistent"));
    }

    @Test
    void moduleClassesListOnlyModulesWithTheirFiles() {
        var classes = NnLibrary.moduleClasses();
        assertEquals("torch.nn.modules.linear", classes.get("Linear"));
        assertEquals("torch.nn.modules.linear", classes.get("NonDynamicallyQuantizableLinear"));
        assertEquals("torch.nn.modules.container", classes.get("ModuleDict"));
        assertEquals("__torch__.torch.nn.modules.linear.Linear", NnLibrary.qualifiedClassName("Linear"));
        assertEquals(NnLibrary.module("torch.nn.functional"), NnLibrary.forQualifier("__torch__.torch.nn.functional"));
    }
}
