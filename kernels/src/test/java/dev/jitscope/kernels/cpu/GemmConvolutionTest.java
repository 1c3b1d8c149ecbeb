package dev.jitscope.kernels.cpu;

import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Both GEMM convolution strategies (column blocks per thread, and the whole-image im2col) against PyTorch, on
 * shapes chosen to reach every branch: blocks that do not divide the output, the output-channel split of deep
 * 7×7 layers, strided unfolding from phase planes (1×1 and 7×7 strided, stride 3 with dilation), groups,
 * batches, and the fused clamp.
 */
class GemmConvolutionTest {
    /** name, input shape, weight shape, stride, padding, dilation, groups, clamp (relu6 or none). */
    private static final String CASES = """
            cases = [
                ('stem', (1, 3, 37, 41), (8, 3, 7, 7), (2, 2), (3, 3), (1, 1), 1, False),
                ('s1_batch', (2, 6, 23, 19), (10, 6, 3, 3), (1, 1), (1, 1), (1, 1), 1, True),
                ('s2_groups', (1, 8, 30, 30), (12, 4, 3, 3), (2, 2), (1, 1), (1, 1), 2, False),
                ('pointwise', (1, 24, 40, 40), (36, 24, 1, 1), (1, 1), (0, 0), (1, 1), 1, True),
                ('pointwise_s2', (1, 16, 29, 29), (20, 16, 1, 1), (2, 2), (0, 0), (1, 1), 1, False),
                ('s3_dilated', (1, 5, 31, 33), (7, 5, 3, 3), (3, 2), (2, 1), (2, 3), 1, False),
                ('deep_7x7', (1, 64, 7, 7), (64, 64, 3, 3), (1, 1), (1, 1), (1, 1), 1, True),
                ('wide', (1, 4, 70, 70), (6, 4, 5, 5), (1, 1), (2, 2), (1, 1), 1, False),
                ('one_pixel', (1, 9, 1, 1), (5, 9, 1, 1), (1, 1), (0, 0), (1, 1), 1, False),
            ]
            import torch.nn.functional as F
            for name, xs, ws, st, pd, dl, g, clamp in cases:
                x, w, b = torch.randn(*xs), torch.randn(*ws), torch.randn(ws[0])
                y = F.conv2d(x, w, b, st, pd, dl, g)
                save(name + '_x', x); save(name + '_w', w); save(name + '_b', b)
                save(name, F.relu6(y) if clamp else y)
            """;

    private static final Object[][] JAVA_CASES = {
            {"stem", new int[]{2, 2}, new int[]{3, 3}, new int[]{1, 1}, 1, false},
            {"s1_batch", new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, 1, true},
            {"s2_groups", new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1}, 2, false},
            {"pointwise", new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, 1, true},
            {"pointwise_s2", new int[]{2, 2}, new int[]{0, 0}, new int[]{1, 1}, 1, false},
            {"s3_dilated", new int[]{3, 2}, new int[]{2, 1}, new int[]{2, 3}, 1, false},
            {"deep_7x7", new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, 1, true},
            {"wide", new int[]{1, 1}, new int[]{2, 2}, new int[]{1, 1}, 1, false},
            {"one_pixel", new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, 1, false},
    };

    @Test
    void bothStrategiesMatchPyTorch(@TempDir Path dir) throws Exception {
        TorchReference ref = TorchReference.run(dir, CASES);
        for (Object[] c : JAVA_CASES) {
            String name = (String) c[0];
            Tensor x = ref.get(name + "_x"), w = ref.get(name + "_w"), b = ref.get(name + "_b");
            float max = (Boolean) c[5] ? 6f : Float.POSITIVE_INFINITY, min = (Boolean) c[5] ? 0f : Float.NEGATIVE_INFINITY;
            for (boolean blocked : new boolean[]{true, false}) {
                Tensor y = ConvolutionKernels.conv2d(x, w, b, (int[]) c[1], (int[]) c[2], (int[]) c[3], (Integer) c[4], min, max, blocked);
                ref.check(name, y, 1e-4);
            }
        }
    }
}
