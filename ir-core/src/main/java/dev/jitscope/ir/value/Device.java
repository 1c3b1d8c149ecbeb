package dev.jitscope.ir.value;

/** A device value, e.g. {@code cpu} or {@code opencl:0}. */
public record Device(String type, int index) {
    public static final Device CPU = new Device("cpu", -1);
    @Override public String toString() { return index < 0 ? type : type + ":" + index; }
}
