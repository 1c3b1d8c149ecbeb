package dev.jitscope.ir.archive;

/** The archive format versions PyTorch 1.13 reads and writes (caffe2/serialize/versions.h). */
public final class ArchiveFormat {
    private ArchiveFormat() { }

    /** The oldest format 1.13 still loads. */
    public static final long MIN_VERSION = 1;
    /** The newest format 1.13 loads (its operator upgraders go up to here). */
    public static final long MAX_VERSION = 10;
    /** What 1.13 writes when no operator forces a newer version. */
    public static final long PRODUCED_VERSION = 3;

    public static boolean isSupported(long version) { return version >= MIN_VERSION && version <= MAX_VERSION; }
}
