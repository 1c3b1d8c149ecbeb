package dev.jitscope.ir.archive;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.tensor.Storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an archive in the layout PyTorch 1.13's {@code torch.jit.save} uses: uncompressed entries
 * under one top folder, {@code data.pkl} with storages in {@code data/<key>}, {@code constants.pkl}
 * with storages in {@code constants/<key>}, {@code code/<qualifier path>.py} and {@code version}.
 */
public final class ArchiveWriter implements Closeable {
    private final Path path;
    private final String prefix;
    /** Record data starts on multiples of this, as PyTorch's writer pads them (so storages can be mapped). */
    static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER_BYTES = 30;

    private final ZipOutputStream zip;
    private final CountingStream counter;

    private ArchiveWriter(Path path, String topFolder, CountingStream counter) {
        this.path = path;
        this.prefix = topFolder + "/";
        this.counter = counter;
        this.zip = new ZipOutputStream(counter);
    }

    /** Counts bytes written, to know where the next entry's data will start. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;
        CountingStream(OutputStream out) { super(out); }
        @Override public void write(int b) throws IOException { out.write(b); count++; }
        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); count += len; }
    }

    /** Creates (or replaces) the archive file; {@code topFolder} is usually the file's base name. */
    public static ArchiveWriter create(Path path, String topFolder) {
        if (topFolder.isEmpty() || topFolder.contains("/") || topFolder.contains("\\") || topFolder.contains(".."))
            throw new IllegalArgumentException("bad top folder name '" + topFolder + "'");
        try {
            OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(path));
            return new ArchiveWriter(path, topFolder, new CountingStream(os));
        } catch (IOException e) {
            throw new JitScopeException("cannot write the archive: " + e.getMessage(), null, path.toString(), e);
        }
    }

    /** Writes one uncompressed record {@code <top>/<name>}. */
    public void writeRecord(String name, byte[] bytes) {
        ZipEntry e = new ZipEntry(prefix + name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        e.setTime(315532800000L);   // 1980-01-01 like PyTorch, so equal models give equal files
        try {
            zip.flush();   // the header of this entry starts at counter.count
            int nameBytes = e.getName().getBytes(StandardCharsets.UTF_8).length;
            long dataStart = counter.count + LOCAL_HEADER_BYTES + nameBytes + 4;
            int pad = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
            byte[] extra = new byte[4 + pad];   // PyTorch's padding field: id "FB", length, 'Z' bytes
            extra[0] = 'F'; extra[1] = 'B'; extra[2] = (byte) pad; extra[3] = (byte) (pad >>> 8);
            java.util.Arrays.fill(extra, 4, extra.length, (byte) 'Z');
            e.setExtra(extra);
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        } catch (IOException ex) {
            throw new JitScopeException("cannot write entry: " + ex.getMessage(), null, path + ":" + prefix + name, ex);
        }
    }

    public void writeVersion(long version) { writeRecord("version", (version + "\n").getBytes(StandardCharsets.UTF_8)); }

    /** Writes the code file of a qualifier, e.g. {@code __torch__.torch.nn.modules.linear}. */
    public void writeCode(String qualifier, String text) {
        writeRecord(ArchiveReader.codeRecord(qualifier), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Pickles the module tree (ScriptObjects, tensors, lists, dicts, tuples, scalars) to data.pkl. */
    public void writeData(Object root) { writeData(root, Map.of()); }

    /**
     * Pickles the module tree; objects in {@code states} (classes with {@code __setstate__}) are
     * saved with that state instead of the dict of their attributes, as PyTorch saves the result of
     * their {@code __getstate__}.
     */
    public void writeData(Object root, Map<ScriptObject, Object> states) { writePickle("data", root, states); }

    /** Pickles the tensor constants as the tuple constants.pkl holds. */
    public void writeConstants(List<Object> constants) { writePickle("constants", constants.toArray(), Map.of()); }

    private void writePickle(String archiveName, Object value, Map<ScriptObject, Object> states) {
        ArchivePickler pickler = new ArchivePickler(states);
        byte[] pkl;
        try {
            pkl = pickler.dumps(value);
        } catch (IOException | RuntimeException e) {
            throw new JitScopeException("cannot pickle " + archiveName + ".pkl: " + e.getMessage(), null, path + ":" + prefix + archiveName + ".pkl", e);
        }
        writeRecord(archiveName + ".pkl", pkl);
        for (Map.Entry<Storage, String> s : pickler.storages().entrySet())
            writeRecord(archiveName + "/" + s.getValue(), littleEndian(s.getKey()));
    }

    /** The raw little-endian bytes of a storage, narrowing half types back from float. */
    static byte[] littleEndian(Storage s) {
        int n = s.length();
        ByteBuffer bb = ByteBuffer.allocate(n * s.dtype().itemSize).order(ByteOrder.LITTLE_ENDIAN);
        switch (s.dtype()) {
            case FLOAT32 -> bb.asFloatBuffer().put(s.floats(), 0, n);
            case FLOAT64 -> bb.asDoubleBuffer().put(s.doubles(), 0, n);
            case INT64 -> bb.asLongBuffer().put(s.longs(), 0, n);
            case INT32 -> bb.asIntBuffer().put(s.ints(), 0, n);
            case INT16 -> bb.asShortBuffer().put(s.shorts(), 0, n);
            case INT8, UINT8, BOOL -> bb.put(s.bytes(), 0, n);
            case FLOAT16 -> { for (int i = 0; i < n; i++) bb.putShort(2 * i, HalfFloats.toHalf(s.floats()[i])); }
            case BFLOAT16 -> { for (int i = 0; i < n; i++) bb.putShort(2 * i, HalfFloats.toBFloat16(s.floats()[i])); }
        }
        return bb.array();
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new JitScopeException("cannot finish the archive: " + e.getMessage(), null, path.toString(), e);
        }
    }
}
