package dev.jitscope.app.workbench.editor;

import java.util.List;

/** Splits source text into styled spans; the editor asks again after each typing pause. */
public interface SyntaxHighlighter {
    /** A styled run of text; {@code style} is a CSS class of the editor sheet, spans are sorted and disjoint. */
    record Span(int start, int end, String style) {}

    List<Span> highlight(String text);
}
