package dev.jitscope.ir;

import java.util.Arrays;

/**
 * A named source text (a model file, or an archive's code entry) with line lookup. The text may be
 * a fragment of its file (a function's source as PyTorch stores it in debug_pkl): {@link #firstLine()}
 * is then the file line of its first line. An archive's generated code can carry the
 * {@link SourceOrigins} that say which original source each part of it was printed from.
 */
public final class Source {
    private final String name;
    private final String text;
    private final int firstLine;
    private final int[] lineStarts;
    private volatile SourceOrigins origins;

    public Source(String name, String text) { this(name, text, 1); }

    /** @param firstLine the line number, in the file {@code name}, of the text's first line */
    public Source(String name, String text, int firstLine) {
        this.name = name;
        this.text = text;
        this.firstLine = firstLine;
        int n = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
        lineStarts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lineStarts[k++] = i + 1;
    }

    public String name() { return name; }
    public String text() { return text; }
    public int lineCount() { return lineStarts.length; }

    /** The file line of the text's first line (1 unless the text is a fragment of a larger file). */
    public int firstLine() { return firstLine; }

    /** The line in the file {@link #name()} of a character offset: {@link #lineOf} shifted by {@link #firstLine()}. */
    public int fileLineOf(int offset) { return lineOf(offset) + firstLine - 1; }

    /** Where this (generated) text came from, or null when it is original source. */
    public SourceOrigins origins() { return origins; }

    /** Attaches the origins of a generated text (set once, when an archive's code is loaded). */
    public void setOrigins(SourceOrigins origins) { this.origins = origins; }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of a character offset. */
    public int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    public int lineStart(int line) { return lineStarts[line - 1]; }

    /** Text of a 1-based line without its newline. */
    public String lineText(int line) {
        int s = lineStarts[line - 1];
        int e = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (e > s && text.charAt(e - 1) == '\r') e--;
        return text.substring(s, Math.max(s, e));
    }

    public SourceRange range(int start, int end) { return new SourceRange(this, start, end); }
}
