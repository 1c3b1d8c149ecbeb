package dev.jitscope.app.workbench.passes;

import java.util.ArrayList;
import java.util.List;

/** A line diff by longest common subsequence: printed graphs are at most a few thousand lines. */
public final class TextDiff {
    public enum Kind { SAME, REMOVED, ADDED }

    public record Line(Kind kind, String text) {
        @Override public String toString() {
            return (kind == Kind.SAME ? "  " : kind == Kind.REMOVED ? "- " : "+ ") + text;
        }
    }

    private TextDiff() {}

    public static List<Line> lines(String before, String after) {
        String[] a = before.split("\n", -1), b = after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--)
            for (int j = b.length - 1; j >= 0; j--)
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        List<Line> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) { out.add(new Line(Kind.SAME, a[i++])); j++; }
            // removals before additions, as unified diffs show a rewritten line
            else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.add(new Line(Kind.REMOVED, a[i++]));
            else out.add(new Line(Kind.ADDED, b[j++]));
        }
        if (!out.isEmpty() && out.get(out.size() - 1).text().isEmpty() && out.get(out.size() - 1).kind() == Kind.SAME) out.remove(out.size() - 1);
        return out;
    }
}
