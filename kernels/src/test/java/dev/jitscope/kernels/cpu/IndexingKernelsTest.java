package dev.jitscope.kernels.cpu;

import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

/** gather, advanced indexing, tril/triu, cumsum and baddbmm against PyTorch. */
class IndexingKernelsTest {
    @TempDir Path dir;

    @Test
    void indexingFamilyMatchesPyTorch() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "x = torch.randn(4, 5, 3); gi = torch.randint(0, 4, (2, 5, 3)); ii = torch.tensor([[3, 0], [1, 1]]); m = x[:, :, 0] > 0",
                "i32 = torch.randint(-3, 9, (3, 4)).int(); s = torch.randn(2, 3, 6); b1 = torch.randn(2, 3, 4); b2 = torch.randn(2, 4, 6)",
                "for n in ['x','gi','ii','m','i32','s','b1','b2']: save(n, globals()[n])",
                "save('gather', torch.gather(x, 0, gi)); save('index', x[:, ii]); save('mask', x[m]); save('index0', x[ii])",
                "save('tril', torch.tril(x, -1)); save('triu', torch.triu(x[0], 1)); save('cumsum', torch.cumsum(x, 1)); save('icumsum', torch.cumsum(i32, 0))",
                "save('baddbmm', torch.baddbmm(s, b1, b2, beta=0.5, alpha=2))"));
        Tensor x = ref.get("x");
        ref.check("gather", IndexingKernels.gather(x, 0, ref.get("gi")));
        ref.check("index", IndexingKernels.index(x, Arrays.asList(null, ref.get("ii"))));
        ref.check("mask", IndexingKernels.index(x, Arrays.asList(ref.get("m"))));
        ref.check("index0", IndexingKernels.index(x, Arrays.asList(ref.get("ii"))));
        ref.check("tril", IndexingKernels.triangle(x, -1, true));
        ref.check("triu", IndexingKernels.triangle(ShapeKernels.select(x, 0, 0), 1, false));
        ref.check("cumsum", ReductionKernels.cumsum(x, 1, null));
        ref.check("icumsum", ReductionKernels.cumsum(ref.get("i32"), 0, null));
        ref.check("baddbmm", LinearAlgebraKernels.baddbmm(ref.get("s"), ref.get("b1"), ref.get("b2"), 0.5, 2));
    }
}
