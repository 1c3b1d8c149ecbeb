package dev.jitscope.tensor;

import dev.jitscope.diag.JitScopeException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (versions 1.0–3.0), the exchange format for tensors with Python.
 * Reading accepts both byte orders and Fortran order (returned as a column-major strided view,
 * as torch.from_numpy does); float16 widens to float32. Writing produces version 1.0,
 * little-endian, C order. Malformed files surface as {@link JitScopeException} naming the file.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() { }

    public static Tensor read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new JitScopeException("cannot read .npy file: " + e.getMessage(), null, file.toString(), e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes .npy bytes; {@code where} names the source in error messages. */
    public static Tensor decode(byte[] bytes, String where) {
        for (int i = 0; i < MAGIC.length; i++)
            if (i >= bytes.length || bytes[i] != MAGIC[i])
                throw new JitScopeException("not a .npy file: expected the magic string \\x93NUMPY at the start", where);
        if (bytes.length < 10) throw new JitScopeException("truncated .npy header", where);
        int major = bytes[6] & 0xff;
        int headerLen, headerStart;
        if (major == 1) {
            headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new JitScopeException("truncated .npy header", where);
            headerLen = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            headerStart = 12;
        } else {
            throw new JitScopeException("unsupported .npy format version " + major + "." + (bytes[7] & 0xff) + " (expected 1.0, 2.0 or 3.0)", where);
        }
        if (headerLen < 0 || headerStart + (long) headerLen > bytes.length)
            throw new JitScopeException("truncated .npy header: expected " + headerLen + " header bytes", where);
        String header = new String(bytes, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        String descr = group(DESCR, header, "'descr'", where);
        boolean fortran = group(FORTRAN, header, "'fortran_order'", where).equals("True");
        int[] shape = parseShape(group(SHAPE, header, "'shape'", where), where);

        ByteOrder order;
        char oc = descr.isEmpty() ? '?' : descr.charAt(0);
        String code = descr;
        if (oc == '<' || oc == '|' || oc == '=') { order = ByteOrder.LITTLE_ENDIAN; code = descr.substring(1); }
        else if (oc == '>') { order = ByteOrder.BIG_ENDIAN; code = descr.substring(1); }
        else order = ByteOrder.LITTLE_ENDIAN;
        DType dtype = switch (code) {
            case "f2" -> DType.FLOAT16;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "i8" -> DType.INT64;
            case "i4" -> DType.INT32;
            case "i2" -> DType.INT16;
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "b1" -> DType.BOOL;
            default -> throw new JitScopeException("unsupported .npy dtype '" + descr
                    + "' (expected float16/32/64, int8/16/32/64, uint8 or bool)", where);
        };

        long numel = 1;
        for (int d : shape) numel *= d;
        long expected = numel * dtype.itemSize;
        int dataStart = headerStart + headerLen;
        long actual = bytes.length - dataStart;
        if (actual != expected)
            throw new JitScopeException("size mismatch: shape " + java.util.Arrays.toString(shape) + " of " + dtype.torchName
                    + " needs " + expected + " data bytes but the file has " + actual, where);
        byte[] data = java.util.Arrays.copyOfRange(bytes, dataStart, bytes.length);
        Storage storage = Storage.fromBytes(dtype, data, order);
        if (dtype == DType.FLOAT16) storage = Storage.wrap(storage.floats());
        if (dtype == DType.BOOL) {
            byte[] b = storage.bytes();
            for (int i = 0; i < b.length; i++) if (b[i] != 0) b[i] = 1;
        }
        if (!fortran) return Tensor.contiguous(storage, shape);
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = 0; i < shape.length; i++) { strides[i] = s; s *= Math.max(shape[i], 1); }
        return new Tensor(storage, shape, strides, 0);
    }

    private static String group(Pattern p, String header, String key, String where) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new JitScopeException("malformed .npy header: expected a " + key + " entry in " + header.trim(), where);
        return m.group(1);
    }

    private static int[] parseShape(String text, String where) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            if (t.endsWith("L")) t = t.substring(0, t.length() - 1);
            try {
                long v = Long.parseLong(t);
                if (v < 0 || v > Integer.MAX_VALUE) throw new NumberFormatException();
                dims.add((int) v);
            } catch (NumberFormatException e) {
                throw new JitScopeException("malformed .npy header: expected non-negative integer dimensions in 'shape', got (" + text + ")", where);
            }
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = dims.get(i);
        long n = 1;
        for (int d : shape) { n *= d; if (n > Integer.MAX_VALUE) throw new JitScopeException("array of shape (" + text + ") is too large", where); }
        return shape;
    }

    public static void write(Path file, Tensor t) {
        try {
            Files.write(file, encode(t));
        } catch (IOException e) {
            throw new JitScopeException("cannot write .npy file: " + e.getMessage(), null, file.toString(), e);
        }
    }

    /** Encodes a tensor (any strides) as version 1.0 little-endian C-order .npy bytes. */
    public static byte[] encode(Tensor t) {
        DType dt = t.dtype();
        String descr = switch (dt) {
            case FLOAT16 -> "<f2";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case INT16 -> "<i2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
            case BFLOAT16 -> throw new JitScopeException("numpy has no bfloat16: convert the tensor to float32 before saving it as .npy");
        };
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < t.dim(); i++) shape.append(t.shape()[i]).append(i == 0 && t.dim() == 1 ? ",)" : i == t.dim() - 1 ? ")" : ", ");
        if (t.dim() == 0) shape.append(")");
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }");
        // NB: numpy pads the header with spaces so that the data starts at a multiple of 64 bytes.
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header.append(" ".repeat(pad)).append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);

        int n = t.numel();
        ByteBuffer bb = ByteBuffer.allocate(10 + h.length + n * dt.itemSize).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        int[] pos = elementPositions(t);
        Storage s = t.storage();
        switch (dt) {
            case FLOAT32 -> { float[] a = s.floats(); for (int p : pos) bb.putFloat(a[p]); }
            case FLOAT16 -> { float[] a = s.floats(); for (int p : pos) bb.putShort(floatToHalf(a[p])); }
            case FLOAT64 -> { double[] a = s.doubles(); for (int p : pos) bb.putDouble(a[p]); }
            case INT64 -> { long[] a = s.longs(); for (int p : pos) bb.putLong(a[p]); }
            case INT32 -> { int[] a = s.ints(); for (int p : pos) bb.putInt(a[p]); }
            case INT16 -> { short[] a = s.shorts(); for (int p : pos) bb.putShort(a[p]); }
            default -> { byte[] a = s.bytes(); for (int p : pos) bb.put(a[p]); }
        }
        return bb.array();
    }

    /** Storage positions of the tensor's elements in row-major order. */
    static int[] elementPositions(Tensor t) {
        int n = t.numel(), rank = t.dim();
        int[] out = new int[n];
        int[] shape = t.shape(), strides = t.strides(), idx = new int[rank];
        int pos = t.offset();
        for (int i = 0; i < n; i++) {
            out[i] = pos;
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) { pos += strides[d]; break; }
                pos -= (shape[d] - 1) * strides[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        int e = exp - 127 + 15;
        if (e >= 0x1f) return (short) (sign | 0x7c00);
        if (e <= 0) {
            if (e < -10) return (short) sign;
            mant |= 0x800000;
            int shift = 14 - e;
            int h = mant >> shift;
            int rem = mant & ((1 << shift) - 1), half = 1 << (shift - 1);
            if (rem > half || (rem == half && (h & 1) != 0)) h++;
            return (short) (sign | h);
        }
        int h = sign | (e << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (h & 1) != 0)) h++;   // round to nearest even; carries into the exponent correctly
        return (short) h;
    }
}
