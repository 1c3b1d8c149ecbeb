package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Read access to a {@code torch.jit.save} archive (or a {@code torch.save} zip): a zip whose entries
 * all live under one top folder, holding {@code data.pkl}, {@code constants.pkl}, {@code version},
 * {@code code/...py} and raw little-endian storages {@code data/<key>}. Every defect of the file is
 * reported as a {@link JitScopeException} naming the entry; sizes are checked before allocation.
 */
public final class ArchiveReader implements Closeable {
    /** Records larger than this are refused before reading (a storage needs a Java array). */
    static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 16;
    /** Pickles, code and version records larger than this are refused (a compressed entry could claim gigabytes). */
    static final long MAX_TEXT_RECORD_BYTES = 512L << 20;

    private final Path path;
    private final ZipFile zip;
    private final String prefix;                          // "<top folder>/"
    private final Map<String, ZipEntry> records = new LinkedHashMap<>();   // without the prefix
    private final Map<String, Storage> storages = new HashMap<>();

    private ArchiveReader(Path path, ZipFile zip) {
        this.path = path;
        this.zip = zip;
        String top = null;
        Enumeration<? extends ZipEntry> e = zip.entries();
        while (e.hasMoreElements()) {
            ZipEntry entry = e.nextElement();
            String name = entry.getName();
            int slash = name.indexOf('/');
            if (slash <= 0 || name.contains("..") || name.startsWith("/") || name.contains("\\"))
                throw fail("entry '" + name + "' is outside the archive's top folder", where());
            String folder = name.substring(0, slash);
            if (top == null) top = folder;
            else if (!top.equals(folder))
                throw fail("entry '" + name + "' is outside the archive's top folder '" + top + "/'", where());
            if (!entry.isDirectory()) records.put(name.substring(slash + 1), entry);
        }
        if (top == null) throw fail("the zip file has no entries (expected a torch.jit.save archive)", where());
        this.prefix = top + "/";
    }

    /** Opens an archive; the caller closes it. */
    public static ArchiveReader open(Path path) {
        if (!Files.isRegularFile(path)) throw new JitScopeException("no such file", path.toString());
        try {
            if (Files.size(path) == 0) throw new JitScopeException("the file is empty (expected a torch.jit.save zip archive)", path.toString());
        } catch (IOException e) {
            throw new JitScopeException("cannot read the file: " + e.getMessage(), null, path.toString(), e);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new JitScopeException("not a zip file (expected a torch.jit.save archive)", null, path.toString(), e);
        } catch (IOException e) {
            throw new JitScopeException("cannot read the file: " + e.getMessage(), null, path.toString(), e);
        }
        try {
            return new ArchiveReader(path, zip);
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    public Path path() { return path; }

    /** The top folder name, e.g. "model" for {@code model/data.pkl}. */
    public String topFolder() { return prefix.substring(0, prefix.length() - 1); }

    public boolean hasRecord(String name) { return records.containsKey(name); }

    /** Record names relative to the top folder, in zip order. */
    public List<String> recordNames() { return new ArrayList<>(records.keySet()); }

    /** The diagnostic location of a record: "path/file.pt:top/name". */
    public String where(String name) { return path + ":" + prefix + name; }

    private String where() { return path.toString(); }

    private static JitScopeException fail(String message, String where) { return new JitScopeException(message, where); }

    /** The bytes of a record; a missing record is an error naming what was expected. */
    public byte[] record(String name) {
        ZipEntry e = records.get(name);
        if (e == null) throw fail("missing entry '" + prefix + name + "'", path.toString());
        long size = e.getSize();
        if (size > MAX_TEXT_RECORD_BYTES) throw fail("entry of " + size + " bytes is too large (at most " + MAX_TEXT_RECORD_BYTES + ")", where(name));
        return read(name, e, size < 0 ? -1 : (int) size);
    }

    /**
     * PyTorch stores every entry uncompressed; a compressed entry that inflates far beyond its
     * compressed size (a zip bomb) is refused before it is read.
     */
    static final long MAX_EXPANSION = 200, SMALL_ENTRY_BYTES = 1L << 20;

    private void checkExpansion(String name, ZipEntry e, long size) {
        long packed = e.getCompressedSize();
        if (e.getMethod() != ZipEntry.STORED && size > SMALL_ENTRY_BYTES && (packed <= 0 || size / packed > MAX_EXPANSION))
            throw fail("compressed entry inflates from " + packed + " to " + size + " bytes, more than " + MAX_EXPANSION
                    + " times (PyTorch writes entries uncompressed)", where(name));
    }

    private byte[] read(String name, ZipEntry e, int expected) {
        checkExpansion(name, e, expected < 0 ? Long.MAX_VALUE : expected);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = expected < 0 ? in.readNBytes((int) MAX_TEXT_RECORD_BYTES + 1) : in.readNBytes(expected);
            if (expected < 0 && b.length > MAX_TEXT_RECORD_BYTES)
                throw fail("entry is too large (more than " + MAX_TEXT_RECORD_BYTES + " bytes)", where(name));
            if (expected >= 0 && b.length != expected)
                throw fail("entry is truncated: " + b.length + " of " + expected + " bytes", where(name));
            return b;
        } catch (ZipException ex) {
            throw new JitScopeException("entry is corrupted: " + ex.getMessage(), null, where(name), ex);
        } catch (IOException ex) {
            throw new JitScopeException("cannot read entry: " + (ex.getMessage() != null ? ex.getMessage() : "the zip data is damaged ("
                    + ex.getClass().getSimpleName() + ")"), null, where(name), ex);
        }
    }

    /** The file format version from the {@code version} record, checked against what 1.13 loads. */
    public long version() {
        String name = hasRecord("version") ? "version" : ".data/version";
        String text = new String(record(name), StandardCharsets.UTF_8).trim();
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw fail("version '" + text + "' is not a number", where(name));
        }
        if (!ArchiveFormat.isSupported(v))
            throw fail("unsupported archive format version " + v + " (PyTorch 1.13 archives have versions "
                    + ArchiveFormat.MIN_VERSION + " to " + ArchiveFormat.MAX_VERSION + ")", where(name));
        return v;
    }

    /** Whether there is a code file for this qualifier (e.g. {@code __torch__.torch.nn.modules.linear}). */
    public boolean hasCode(String qualifier) { return hasRecord(codeRecord(qualifier)); }

    /** Source text of the code file of a qualifier, or null when the archive has none. */
    public String code(String qualifier) {
        String name = codeRecord(qualifier);
        return hasRecord(name) ? new String(record(name), StandardCharsets.UTF_8) : null;
    }

    /** The qualifiers of all code files, e.g. {@code __torch__}, {@code __torch__.torch.nn.modules.linear}. */
    public List<String> listCode() {
        List<String> out = new ArrayList<>();
        for (String n : records.keySet())
            if (n.startsWith("code/") && n.endsWith(".py")) out.add(n.substring(5, n.length() - 3).replace('/', '.'));
        return out;
    }

    static String codeRecord(String qualifier) { return "code/" + qualifier.replace('.', '/') + ".py"; }

    /**
     * The storage of record {@code <folder>/<key>} (folder "data" for data.pkl, "constants" for
     * constants.pkl): its entry must hold exactly numel × itemsize bytes, which is checked before
     * anything is allocated. Each record is loaded once and shared by all its tensors.
     */
    public Storage storage(String folder, String key, DType dtype, long numel) {
        String name = folder + "/" + key;
        Storage cached = storages.get(name);
        if (cached != null) {
            if (cached.dtype() != dtype || cached.length() != numel)
                throw fail("storage '" + key + "' is used as " + numel + " " + dtype.torchName + " elements and as "
                        + cached.length() + " " + cached.dtype().torchName + " elements", where(name));
            return cached;
        }
        ZipEntry e = records.get(name);
        if (e == null) throw fail("missing storage entry '" + prefix + name + "' referenced by the pickle", path.toString());
        if (numel < 0 || numel > MAX_RECORD_BYTES / dtype.itemSize)
            throw fail("storage size of " + numel + " " + dtype.torchName + " elements is out of range", where(name));
        long bytes = numel * dtype.itemSize;
        long size = e.getSize();
        if (size >= 0 && size < bytes)
            throw fail("storage is truncated: " + size + " bytes, expected " + bytes + " (" + numel + " " + dtype.torchName + " elements)", where(name));
        if (size > bytes)
            throw fail("storage size mismatch: " + size + " bytes, expected " + bytes + " (" + numel + " " + dtype.torchName + " elements)", where(name));
        Storage s = Storage.fromBytes(dtype, read(name, e, (int) bytes), ByteOrder.LITTLE_ENDIAN);
        storages.put(name, s);
        return s;
    }

    /**
     * Unpickles {@code <archiveName>.pkl} with the restricted unpickler; its storages are the
     * records {@code <archiveName>/<key>} (PyTorch's readArchive convention).
     */
    public Object unpickle(String archiveName) {
        String name = archiveName + ".pkl";
        return new RestrictedUnpickler(where(name), (key, dtype, numel) -> storage(archiveName, key, dtype, numel)).read(record(name));
    }

    /** The object tree of {@code data.pkl} (the root module, or a state dict for torch.save files). */
    public Object data() { return unpickle("data"); }

    /** The tensor constants of {@code constants.pkl} (empty when the archive has none). */
    public List<Object> constants() {
        if (!hasRecord("constants.pkl")) return new ArrayList<>();
        Object c = unpickle("constants");
        if (!(c instanceof Tuple t)) throw fail("expected a tuple of constants", where("constants.pkl"));
        return new ArrayList<>(t.items());
    }

    @Override public void close() { closeQuietly(zip); }

    private static void closeQuietly(ZipFile z) {
        try { z.close(); } catch (IOException ignored) { /* nothing left to release */ }
    }
}
