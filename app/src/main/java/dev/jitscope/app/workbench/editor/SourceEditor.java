package dev.jitscope.app.workbench.editor;

import dev.jitscope.ir.SourceRange;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** The model source: a CodeArea with line numbers, re-highlighted after each pause in typing. */
public final class SourceEditor extends StackPane {
    private final CodeArea area = new CodeArea();
    private final SyntaxHighlighter highlighter;
    private SourceRange problem;
    private Runnable onPause = () -> { };

    public SourceEditor(SyntaxHighlighter highlighter) {
        this.highlighter = highlighter;
        getStyleClass().add("source-editor");
        getStylesheets().add(SourceEditor.class.getResource("editor.css").toExternalForm());
        area.setId("sourceEditor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.multiPlainChanges().successionEnds(Duration.ofMillis(300)).subscribe(ignore -> {
            restyle();
            onPause.run();
        });
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    public CodeArea area() { return area; }

    public void setText(String text) {
        area.replaceText(text);
        area.moveTo(0);
        restyle();
    }

    public String getText() { return area.getText(); }

    /** Called when the user stops typing for a moment: the workbench recompiles then. */
    public void setOnPause(Runnable r) { onPause = r; }

    /** Underlines {@code range} (a compile error's place) until the next call; null removes it. */
    public void showProblem(SourceRange range) {
        problem = range;
        restyle();
    }

    /** The 1-based line of the caret. */
    public int caretLine() { return area.getCurrentParagraph() + 1; }

    /** Selects {@code range} and scrolls it into view: how a graph selection points back at its source. */
    public void reveal(SourceRange range) {
        if (range == null || !range.source().text().equals(area.getText())) return;
        int end = Math.min(range.end(), area.getLength());
        area.selectRange(range.start(), end);
        area.showParagraphInViewport(range.line() - 1);
    }

    private void restyle() {
        String text = area.getText();
        if (text.isEmpty()) return;
        area.setStyleSpans(0, spans(text, highlighter.highlight(text)));
        if (problem != null && problem.source().text().equals(text)) {
            int start = Math.min(problem.start(), text.length());
            // an error at the very end (unclosed paren) has an empty range: underline the last character
            int end = Math.min(Math.max(problem.end(), start + 1), text.length());
            if (start == end && start > 0) start--;
            if (start < end) area.setStyleSpans(start, area.getStyleSpans(start, end).mapStyles(styles -> {
                List<String> withProblem = new java.util.ArrayList<>(styles);
                withProblem.add("problem");
                return withProblem;
            }));
        }
    }

    private static StyleSpans<Collection<String>> spans(String text, List<SyntaxHighlighter.Span> spans) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int at = 0;
        for (SyntaxHighlighter.Span s : spans) {
            if (s.start() < at || s.end() > text.length()) continue;
            b.add(Collections.emptyList(), s.start() - at);
            b.add(Collections.singleton(s.style()), s.end() - s.start());
            at = s.end();
        }
        b.add(Collections.emptyList(), text.length() - at);
        return b.create();
    }
}
