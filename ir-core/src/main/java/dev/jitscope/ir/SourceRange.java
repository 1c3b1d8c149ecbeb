package dev.jitscope.ir;

/** A half-open character range [start, end) of a {@link Source}; carried by AST and IR nodes. */
public record SourceRange(Source source, int start, int end) {

    public int line() { return source.lineOf(start); }
    public int column() { return source.columnOf(start); }
    public String file() { return source.name(); }
    public String text() { return source.text().substring(start, Math.min(end, source.text().length())); }

    /** {@code file:line:col}, the form PyTorch prints after {@code #} in graphs. */
    public String location() { return file() + ":" + line() + ":" + column(); }

    public SourceRange to(SourceRange other) {
        return new SourceRange(source, Math.min(start, other.start), Math.max(end, other.end));
    }

    /** The source line with carets under the range (only the first line of a multi-line range). */
    public String highlight() {
        int line = line();
        String text = source.lineText(line);
        int col = column() - 1;
        int lineEnd = source.lineStart(line) + text.length();
        int width = Math.max(1, Math.min(end, lineEnd) - start);
        StringBuilder sb = new StringBuilder();
        String gutter = String.format("%5d | ", line);
        sb.append(gutter).append(text).append('\n');
        sb.append(" ".repeat(gutter.length()));
        for (int i = 0; i < col && i < text.length(); i++) sb.append(text.charAt(i) == '\t' ? '\t' : ' ');
        sb.append("~".repeat(Math.max(0, width - 1))).append("^"); 
        return sb.toString();
    }

    @Override public String toString() { return location(); }
}
