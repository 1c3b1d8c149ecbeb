package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OpenClDevicesTest {
    @BeforeAll
    static void prerequisites() { OpenClTestSupport.requireOpenCl(); }

    @Test
    void listsDevicesWithTheirProperties() {
        List<OpenClDevice> all = OpenClDevices.list();
        assertFalse(all.isEmpty());
        for (int i = 0; i < all.size(); i++) {
            OpenClDevice d = all.get(i);
            assertEquals(i, d.index());
            assertFalse(d.name().isBlank(), "device name");
            assertFalse(d.platformName().isBlank(), "platform name");
            assertTrue(d.globalMemoryBytes() > 0);
            assertTrue(d.computeUnits() > 0);
            assertTrue(d.describe().startsWith("opencl:" + i + " " + d.name()), d.describe());
        }
    }

    @Test
    void plainOpenclPrefersAGpuElseTheFirstDevice() {
        List<OpenClDevice> all = OpenClDevices.list();
        OpenClDevice expected = all.stream().filter(OpenClDevice::isGpu).findFirst().orElse(all.get(0));
        assertEquals(expected, OpenClDevices.select("opencl"));
        assertEquals(all.get(all.size() - 1), OpenClDevices.select("opencl:" + (all.size() - 1)));
    }

    @Test
    void badDeviceNamesAreUserErrors() {
        int n = OpenClDevices.list().size();
        JitScopeException e = assertThrows(JitScopeException.class, () -> OpenClDevices.select("opencl:" + n));
        assertTrue(e.getMessage().contains("no OpenCL device " + n), e.getMessage());
        e = assertThrows(JitScopeException.class, () -> OpenClDevices.select("opencl:first"));
        assertTrue(e.getMessage().contains("expected opencl or opencl:N"), e.getMessage());
        assertThrows(JitScopeException.class, () -> OpenClDevices.select("cuda"));
    }
}
