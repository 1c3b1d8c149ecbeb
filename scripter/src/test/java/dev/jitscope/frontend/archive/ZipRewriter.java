package dev.jitscope.frontend.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helper: copies a real archive into a new zip after changing its entries (name → bytes, in order). */
final class ZipRewriter {
    private ZipRewriter() { }

    static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            var e = zip.entries();
            while (e.hasMoreElements()) {
                ZipEntry z = e.nextElement();
                out.put(z.getName(), zip.getInputStream(z).readAllBytes());
            }
        }
        return out;
    }

    static Path rewrite(Path archive, Path target, Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = entries(archive);
        change.accept(entries);
        try (OutputStream os = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return target;
    }
}
