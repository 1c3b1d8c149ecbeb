package dev.jitscope.kernels.opencl;

import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One context per test class; helpers that run a device op on host tensors and read the result back. */
abstract class OpenClKernelTestBase {
    static OpenClContext ctx;

    @BeforeAll
    static void open() {
        OpenClTestSupport.requireOpenCl();
        ctx = OpenClContext.open("opencl");
    }

    @AfterAll
    static void close() { if (ctx != null) { ctx.close(); ctx = null; } }

    /** Uploads the inputs (null stays null), runs op, downloads its result and frees every device tensor. */
    static Tensor onDevice(Function<DeviceTensor[], DeviceTensor> op, Tensor... inputs) {
        List<DeviceTensor> up = new ArrayList<>();
        DeviceTensor[] args = new DeviceTensor[inputs.length];
        try {
            for (int i = 0; i < inputs.length; i++) if (inputs[i] != null) { args[i] = ctx.upload(inputs[i]); up.add(args[i]); }
            try (DeviceTensor out = op.apply(args)) {
                return ctx.download(out);
            }
        } finally {
            up.forEach(DeviceTensor::close);
        }
    }
}
