package dev.jitscope.app.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jitscope script BAD.py} on malformed sources: exit status 1, nothing on stdout, and on
 * stderr exactly one diagnostic "file:line:col: error: ..." at the line the file's
 * {@code # expect-line: N} header names, followed by the source line and a caret; no stack trace.
 */
class MalformedSourceTest {
    static final Path DIR = Path.of("src/test/resources/dev/jitscope/app/malformed");
    static final Pattern EXPECT_LINE = Pattern.compile("^# expect-line: (\\d+)", Pattern.MULTILINE);

    @TestFactory
    Stream<DynamicTest> everyMalformedSourceIsOneDiagnosticWithLocationAndCaret() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 10, "expected at least ten malformed sources in " + DIR);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher expect = EXPECT_LINE.matcher(text);
        assertTrue(expect.find(), file + " lacks its '# expect-line: N' header");
        int expectedLine = Integer.parseInt(expect.group(1));

        CliRunResult run = CliRunResult.of("script", file.toString());
        assertEquals(1, run.exitCode(), () -> "exit status; stdout:\n" + run.stdout() + "stderr:\n" + run.stderr());
        assertEquals("", run.stdout(), "nothing on stdout");
        String[] lines = run.stderr().split("\n");
        Pattern header = Pattern.compile("^" + Pattern.quote(file.toString()) + ":(\\d+):(\\d+): error: .+");
        long diagnostics = Stream.of(lines).filter(l -> l.contains(": error: ")).count();
        assertEquals(1, diagnostics, () -> "one diagnostic expected:\n" + run.stderr());
        Matcher m = header.matcher(lines[0]);
        assertTrue(m.matches(), () -> "first line is not file:line:col: error: ...:\n" + run.stderr());
        assertEquals(expectedLine, Integer.parseInt(m.group(1)), () -> "diagnostic line:\n" + run.stderr());
        assertTrue(lines.length >= 3 && lines[2].strip().endsWith("^"),
                () -> "source line and caret expected:\n" + run.stderr());
        assertTrue(lines[1].contains(Files.readAllLines(file).get(expectedLine - 1).strip()),
                () -> "the quoted source line is line " + expectedLine + ":\n" + run.stderr());
        assertTrue(!run.stderr().contains("Exception") && !run.stderr().contains("\tat "), "no stack trace");
    }
}
