package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.SourceOrigins;
import dev.jitscope.ir.SourceRange;
import dev.jitscope.ir.value.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code code/<qualifier>.py.debug_pkl}, the table PyTorch's serializer writes next to each
 * code file: for every byte offset where the printed code switches to another node, that node's
 * range in the original source. PyTorch 1.13 writes it as
 * <pre>
 * ("FORMAT_WITH_STRING_TABLE", (str, ...),                        # text table
 *  ((byte_offset, ((line_text_indices, filename_index, starting_line_no), start, end), tag), ...))
 * </pre>
 * older archives as a bare tuple of {@code (byte_offset, ((text, filename, starting_line_no), start, end)[, tag])}.
 * Both are read with the {@link RestrictedUnpickler} (the file is as untrusted as the rest of the
 * archive). All offsets are UTF-8 byte offsets; they become character offsets here.
 */
public final class DebugInfoReader {
    static final String STRING_TABLE_FORMAT = "FORMAT_WITH_STRING_TABLE";

    private final String where;
    private final List<?> textTable;
    private final Map<Object, Source> sources = new IdentityHashMap<>();

    private DebugInfoReader(String where, List<?> textTable) {
        this.where = where;
        this.textTable = textTable;
    }

    /** The record name of a code qualifier's debug info, e.g. {@code code/__torch__.py.debug_pkl}. */
    public static String recordName(String qualifier) { return ArchiveReader.codeRecord(qualifier) + ".debug_pkl"; }

    /**
     * The origins of the code file of {@code qualifier}, or null when the archive has no debug info
     * for it. A malformed debug_pkl is a {@link JitScopeException} naming the entry.
     */
    public static SourceOrigins read(ArchiveReader archive, String qualifier) {
        String name = recordName(qualifier);
        if (!archive.hasRecord(name)) return null;
        String code = archive.code(qualifier);
        return code == null ? null : read(archive.record(name), code, archive.where(name));
    }

    /**
     * Parses a debug_pkl for the generated text {@code code}.
     * @param where the entry named by diagnostics
     */
    public static SourceOrigins read(byte[] debugPkl, String code, String where) {
        Object root = new RestrictedUnpickler(where, null).read(debugPkl);
        List<Object> records;
        List<?> table = null;
        if (root instanceof Tuple t && t.size() == 3 && STRING_TABLE_FORMAT.equals(t.items().get(0))) {
            table = items(t.items().get(1), where, "text table");
            records = items(t.items().get(2), where, "records");
        } else {
            records = items(root, where, "records");
        }
        DebugInfoReader reader = new DebugInfoReader(where, table);
        int[] charOfByte = charOffsets(code);
        List<SourceOrigins.Origin> origins = new ArrayList<>(records.size());
        int last = -1;
        for (Object r : records) {
            List<Object> rec = items(r, where, "record");
            if (rec.size() < 2) throw reader.fail("a record has " + rec.size() + " fields, expected (offset, range[, tag])");
            int offset = reader.offset(rec.get(0), charOfByte, "record offset");
            if (offset < last) throw reader.fail("records are not in offset order (" + offset + " after " + last + ")");
            last = offset;
            origins.add(new SourceOrigins.Origin(offset, reader.range(rec.get(1))));
        }
        return new SourceOrigins(origins);
    }

    /** ((source), start, end) → the range, or null for a range of no source (a node without location). */
    private SourceRange range(Object o) {
        List<Object> r = items(o, where, "range");
        if (r.size() != 3) throw fail("a range has " + r.size() + " fields, expected (source, start, end)");
        Source s = source(r.get(0));
        if (s == null) return null;
        int[] charOfByte = charOffsets(s.text());
        // NB: PyTorch writes ranges past the end of their source (a node without a location is
        // the range 0..1 of the empty source), so range offsets are clamped, not refused
        int start = clampedOffset(r.get(1), charOfByte, "range start");
        int end = Math.max(start, clampedOffset(r.get(2), charOfByte, "range end"));
        return new SourceRange(s, start, end);
    }

    private int clampedOffset(Object o, int[] charOfByte, String what) {
        long b = integer(o, what);
        return charOfByte[(int) Math.max(0, Math.min(b, charOfByte.length - 1))];
    }

    private Source source(Object o) {
        if (sources.containsKey(o)) return sources.get(o);   // the pickle memo shares each source's tuple
        List<Object> s = items(o, where, "source");
        if (s.size() != 3) throw fail("a source has " + s.size() + " fields, expected 3");
        String text, file;
        if (textTable != null) {
            StringBuilder sb = new StringBuilder();
            for (Object i : items(s.get(0), where, "source lines")) sb.append(text(i));
            text = sb.toString();
            file = text(s.get(1));
        } else {
            if (!(s.get(0) instanceof String t)) throw fail("source text is not a string");
            if (s.get(1) != null && !(s.get(1) instanceof String)) throw fail("source file name is not a string");
            text = t;
            file = (String) s.get(1);
        }
        long startLine = integer(s.get(2), "starting line");
        // NB: a node printed without a range is stored as the empty source "" starting at line 0;
        // PyTorch then prints "# :0:0", so it stays a source. Only a missing file name (old format) has no location.
        Source src = file == null ? null : new Source(file, text, (int) Math.max(0, Math.min(startLine, Integer.MAX_VALUE)));
        sources.put(o, src);
        return src;
    }

    private String text(Object index) {
        long i = integer(index, "text index");
        if (i < 0 || i >= textTable.size()) throw fail("text index " + i + " is outside the text table of " + textTable.size());
        if (!(textTable.get((int) i) instanceof String s)) throw fail("text table entry " + i + " is not a string");
        return s;
    }

    private int offset(Object o, int[] charOfByte, String what) {
        long b = integer(o, what);
        if (b < 0 || b >= charOfByte.length) throw fail(what + " " + b + " is outside the text of " + (charOfByte.length - 1) + " bytes");
        return charOfByte[(int) b];
    }

    private long integer(Object o, String what) {
        if (o instanceof Long l) return l;
        throw fail(what + " is not an integer");
    }

    /** For each UTF-8 byte offset of {@code text} (and its end), the character offset it falls in. */
    static int[] charOffsets(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] map = new int[utf8.length + 1];
        int b = 0;
        for (int c = 0; c < text.length(); ) {
            int cp = text.codePointAt(c);
            // a lone surrogate is written as one '?' byte by Java's encoder
            int n = cp < 0x80 || Character.isSurrogate((char) cp) ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            for (int k = 0; k < n; k++) map[b + k] = c;
            b += n;
            c += Character.charCount(cp);
        }
        map[utf8.length] = text.length();
        return map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> items(Object o, String where, String what) {
        if (o instanceof Tuple t) return t.items();
        if (o instanceof List<?> l) return (List<Object>) l;
        throw new JitScopeException("malformed debug info: " + what + " is not a tuple", where);
    }

    private JitScopeException fail(String message) { return new JitScopeException("malformed debug info: " + message, where); }
}
