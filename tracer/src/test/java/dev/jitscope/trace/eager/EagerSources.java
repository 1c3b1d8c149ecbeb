package dev.jitscope.trace.eager;

import dev.jitscope.ir.Source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test sources: resources next to this class, and a session whose print() output is captured. */
final class EagerSources {
    private EagerSources() { }

    static Source resource(String name) {
        try (InputStream in = EagerSources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new Source(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path copy(Source s, Path dir) throws IOException {
        Path p = dir.resolve(Path.of(s.name()).getFileName().toString());
        Files.writeString(p, s.text());
        return p;
    }

    /** A session with print() captured into {@code out}. */
    static EagerSession load(Source s, LibraryResolver lib, ByteArrayOutputStream out) {
        return EagerSession.load(s, lib, new PrintStream(out, true, StandardCharsets.UTF_8));
    }
}
