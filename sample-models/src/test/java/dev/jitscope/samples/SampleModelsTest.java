package dev.jitscope.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleModelsTest {
    @Test
    void everySampleDefinesItsClass() {
        for (SampleModels.Sample s : SampleModels.ALL) {
            assertTrue(s.source().contains("class " + s.className() + "("), s.file() + " should define " + s.className());
        }
    }

    @Test
    void everySampleSaysWhatItsForwardTakes() {
        for (SampleModels.Sample s : SampleModels.ALL) assertFalse(s.inputSpecs().isEmpty(), s.file());
    }

    @Test
    void inputSpecsReadDtypeShapeAndIntegerRange() {
        InputSpec tokens = InputSpec.parse("int64[2,6]:0..20");
        assertEquals("int64", tokens.dtype());
        assertArrayEquals(new int[] {2, 6}, tokens.shape());
        assertEquals(20, tokens.high());
        assertEquals("int64[2,6]:0..20", tokens.toString());
        assertEquals(InputSpec.parse("float32[2, 4]"), InputSpec.parse("float32[2,4]"));
        assertEquals(0, InputSpec.parse("float64[]").shape().length);
        assertThrows(IllegalArgumentException.class, () -> InputSpec.parse("float32[2,4]:0..3"));
        assertThrows(IllegalArgumentException.class, () -> InputSpec.parse("tensor(2,4)"));
    }
}
