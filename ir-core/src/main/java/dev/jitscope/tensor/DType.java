package dev.jitscope.tensor;

/** Tensor element types, with PyTorch's ScalarType codes (used by archives and type promotion). */
public enum DType {
    UINT8(0, "uint8", 1, "Byte"),
    INT8(1, "int8", 1, "Char"),
    INT16(2, "int16", 2, "Short"),
    INT32(3, "int32", 4, "Int"),
    INT64(4, "int64", 8, "Long"),
    FLOAT16(5, "float16", 2, "Half"),
    FLOAT32(6, "float32", 4, "Float"),
    FLOAT64(7, "float64", 8, "Double"),
    BOOL(11, "bool", 1, "Bool"),
    BFLOAT16(15, "bfloat16", 2, "BFloat16");

    public final int code;
    public final String torchName;
    public final int itemSize;
    /** Prefix of the storage class name in pickles, e.g. "Float" in torch.FloatStorage. */
    public final String storageName;

    DType(int code, String torchName, int itemSize, String storageName) {
        this.code = code; this.torchName = torchName; this.itemSize = itemSize; this.storageName = storageName;
    }

    public boolean isFloatingPoint() { return this == FLOAT16 || this == FLOAT32 || this == FLOAT64 || this == BFLOAT16; }
    public boolean isIntegral() { return !isFloatingPoint() && this != BOOL; }

    public static DType fromCode(int code) {
        for (DType d : values()) if (d.code == code) return d;
        throw new IllegalArgumentException("unknown ScalarType code " + code);
    }
}
