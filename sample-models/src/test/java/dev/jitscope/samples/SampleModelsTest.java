package dev.jitscope.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleModelsTest {
    @Test
    void everySampleDefinesItsClass() {
        for (SampleModels.Sample s : SampleModels.ALL) {
            assertTrue(s.source().contains("class " + s.className() + "("), s.file() + " should define " + s.className());
        }
    }
}
