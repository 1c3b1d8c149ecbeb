package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny LLVM FileCheck: directives in the test input, checked in order against printed IR.
 * {@code # CHECK: s} finds s at or after the previous match; {@code # CHECK-NEXT: s} on the next line;
 * {@code # CHECK-NOT: s} s absent between the previous and the next match (or the end);
 * {@code # CHECK-COUNT-n: s} exactly n occurrences in the whole output.
 */
final class FileCheck {
    private record Directive(String kind, String pattern) {}

    private FileCheck() {}

    static void check(String directivesText, String output) {
        List<Directive> ds = new ArrayList<>();
        for (String l : directivesText.split("\n")) {
            String t = l.trim();
            int colon = t.indexOf(':');
            if (!t.startsWith("# CHECK") || colon < 0) continue;
            ds.add(new Directive(t.substring(2, colon), t.substring(colon + 1).trim()));
        }
        if (ds.isEmpty()) fail("no # CHECK lines in test input");
        String[] lines = output.split("\n");
        int line = 0;           // next line a CHECK may match
        int lastMatch = -1;
        List<String> pendingNot = new ArrayList<>();
        for (Directive d : ds) {
            if (d.kind.startsWith("CHECK-COUNT-")) {
                int want = Integer.parseInt(d.kind.substring("CHECK-COUNT-".length()));
                int got = 0;
                for (String l : lines) if (l.contains(d.pattern)) got++;
                if (got != want) fail("expected " + want + " lines with '" + d.pattern + "', found " + got + " in:\n" + output);
                continue;
            }
            switch (d.kind) {
                case "CHECK-NOT" -> pendingNot.add(d.pattern);
                case "CHECK", "CHECK-NEXT" -> {
                    int found = -1;
                    if (d.kind.equals("CHECK-NEXT")) {
                        if (lastMatch + 1 < lines.length && lines[lastMatch + 1].contains(d.pattern)) found = lastMatch + 1;
                    } else {
                        for (int i = line; i < lines.length && found < 0; i++) if (lines[i].contains(d.pattern)) found = i;
                    }
                    if (found < 0) fail(d.kind + ": '" + d.pattern + "' not found after line " + (lastMatch + 1) + " in:\n" + output);
                    assertAbsent(pendingNot, lines, line, found, output);
                    pendingNot.clear();
                    lastMatch = found;
                    line = found + 1;
                }
                default -> fail("unknown directive " + d.kind);
            }
        }
        assertAbsent(pendingNot, lines, line, lines.length, output);
    }

    private static void assertAbsent(List<String> pats, String[] lines, int from, int to, String output) {
        for (String p : pats)
            for (int i = from; i < to; i++)
                if (lines[i].contains(p)) fail("CHECK-NOT: '" + p + "' found at line " + (i + 1) + " in:\n" + output);
    }
}
