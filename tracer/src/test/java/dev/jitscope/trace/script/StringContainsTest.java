package dev.jitscope.trace.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code key in s} on two strings scripts, runs and saves as PyTorch's inlined str.__contains__. */
class StringContainsTest {
    static final String SOURCE = """
            from typing import Tuple
            import torch
            import torch.nn as nn

            class Has(nn.Module):
                def forward(self, s: str, key: str) -> Tuple[bool, bool, bool]:
                    word = "abc"
                    return key in s, key not in s, key in word
            """;

    @TempDir Path dir;

    @Test
    void substringTestsAgreeWithPyTorchScriptedAndLoaded() throws Exception {
        ScriptReference ref = new ScriptReference(dir, SOURCE, "Has");
        List<List<Object>> cases = List.of(List.of("abc", "b"), List.of("abc", "z"), List.of("hello", "ll"),
                List.of("ab", "abc"), List.of("xyz", "bc"), List.of("abc", "abc"), List.of("aaa", "aa"));
        ScriptReference.Answer pyTorch = ref.askPyTorch(cases);
        assertEquals(pyTorch.ops(), ref.ourOps());
        for (int i = 0; i < cases.size(); i++) {
            List<Object> ours = ref.run(new ArrayList<>(cases.get(i)));
            ScriptReference.assertSameValues(pyTorch.scripted().get(i), ours, "case " + cases.get(i));
            ScriptReference.assertSameValues(pyTorch.loaded().get(i), ours, "our archive in PyTorch, case " + cases.get(i));
        }
    }
}
