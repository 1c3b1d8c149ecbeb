package dev.jitscope.frontend.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Test helper: the code/ entries of a torch.jit.save archive, by qualifier. */
final class ArchiveCode {
    private final Map<String, String> byQualifier = new HashMap<>();

    ArchiveCode(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                int code = name.indexOf("/code/");
                if (code < 0 || !name.endsWith(".py")) continue;
                String qualifier = name.substring(code + "/code/".length(), name.length() - 3).replace('/', '.');
                byQualifier.put(qualifier, new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    String load(String qualifier) { return byQualifier.get(qualifier); }

    Map<String, String> all() { return byQualifier; }
}
