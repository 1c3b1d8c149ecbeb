package dev.jitscope.ir.type;

public final class DeviceType extends JitType {
    public static final DeviceType INSTANCE = new DeviceType();
    private DeviceType() {}
    @Override public String str() { return "Device"; }
    @Override public String annotation() { return "Device"; }
}
