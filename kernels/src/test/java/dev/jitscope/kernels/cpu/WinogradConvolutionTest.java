package dev.jitscope.kernels.cpu;

import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Winograd F(2×2, 3×3) against PyTorch's conv2d: even and odd planes (a last half-empty tile row and column), planes one
 * and three rows high, batches,
 * output channels other than input channels, with and without bias, relu6 and relu clamps. Each case is asserted to
 * take the Winograd path, so that the comparison cannot silently test the GEMM convolution instead.
 */
class WinogradConvolutionTest {
    private static final String CASES = """
            import torch.nn.functional as F
            cases = [('even', (1, 16, 20, 20), 16, True, None), ('odd_batch_relu6', (2, 17, 21, 23), 24, True, 'relu6'),
                     ('resnet_relu', (1, 64, 56, 56), 64, True, 'relu'), ('no_bias', (1, 32, 28, 27), 16, False, None),
                     ('one_row', (1, 16, 1, 250), 16, True, None), ('three_rows', (1, 16, 3, 151), 20, True, 'relu6')]
            for name, xs, o, has_bias, clamp in cases:
                x, w = torch.randn(*xs), torch.randn(o, xs[1], 3, 3)
                b = torch.randn(o) if has_bias else None
                y = F.conv2d(x, w, b, padding=1)
                y = F.relu6(y) if clamp == 'relu6' else F.relu(y) if clamp == 'relu' else y
                save(name + '_x', x); save(name + '_w', w); save(name, y)
                if has_bias: save(name + '_b', b)
            """;

    @Test
    void matchesPyTorchOnEvenAndOddPlanes(@TempDir Path dir) throws Exception {
        TorchReference ref = TorchReference.run(dir, CASES);
        Object[][] cases = {{"even", true, null}, {"odd_batch_relu6", true, "relu6"}, {"resnet_relu", true, "relu"}, {"no_bias", false, null},
                {"one_row", true, null}, {"three_rows", true, "relu6"}};
        int[] one = {1, 1};
        for (Object[] c : cases) {
            String name = (String) c[0];
            Tensor x = ref.get(name + "_x"), w = ref.get(name + "_w"), b = (Boolean) c[1] ? ref.get(name + "_b") : null;
            int[] xs = x.shape();
            assertTrue(WinogradConvolution.applies(xs[1], w.shape()[0], 1, xs[2], xs[3], 3, 3, 1, 1, 1, 1, 1, 1), name);
            float min = c[2] == null ? Float.NEGATIVE_INFINITY : 0f, max = "relu6".equals(c[2]) ? 6f : Float.POSITIVE_INFINITY;
            ref.check(name, ConvolutionKernels.conv2d(x, w, b, one, one, one, 1, min, max), 1e-4);
        }
    }

    @Test
    void leavesOtherConvolutionsToTheGemmPath() {
        assertFalse(WinogradConvolution.applies(64, 64, 1, 56, 56, 3, 3, 2, 2, 1, 1, 1, 1), "stride 2");
        assertFalse(WinogradConvolution.applies(64, 64, 2, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1), "groups");
        assertFalse(WinogradConvolution.applies(512, 512, 1, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1), "7×7: too few tiles");
        assertFalse(WinogradConvolution.applies(8, 64, 1, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1), "few input channels");
        assertFalse(WinogradConvolution.applies(64, 64, 1, 56, 56, 3, 3, 1, 1, 0, 0, 1, 1), "no padding");
    }
}
