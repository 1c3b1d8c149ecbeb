package dev.jitscope.kernels.cpu;

import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** Linear algebra, convolution, pooling, normalization and reductions against PyTorch. */
class NetworkKernelsTest {
    @TempDir Path dir;

    @Test
    void matmulFormsAndLinear() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "a = torch.randn(5, 7); b = torch.randn(7, 3); v = torch.randn(7); bt = torch.randn(2, 4, 5, 7); c = torch.randn(4, 7, 6)",
                "w = torch.randn(3, 7); bias = torch.randn(3); ad = a.double()",
                "for n in ['a','b','v','bt','c','w','bias','ad']: save(n, globals()[n])",
                "save('mm', a @ b); save('mm_tt', b.t() @ a.t()); save('mv', a @ v); save('vm', v @ b); save('dot', v @ v)",
                "save('bmm_fold', bt @ b); save('bmm_bcast', bt @ c); save('linear', torch.nn.functional.linear(bt, w, bias))",
                "save('addmm', torch.addmm(bias, a, b, beta=0.5, alpha=2)); save('mm64', ad @ ad.t())",
                "save('empty', torch.zeros(0, 7) @ b)",
                "save('linear_row', torch.nn.functional.linear(v.unsqueeze(0), w, bias)); save('row_strided', a.t()[2:3] @ a)",
                // big enough to be split over the threads, both weight layouts, a slab size that is not a multiple of 16
                "hx = torch.randn(1, 1030); hw = torch.randn(1111, 1030); hb = torch.randn(1111)",
                "save('hx', hx); save('hw', hw); save('hb', hb); save('head', torch.nn.functional.linear(hx, hw, hb)); save('head_mm', hx @ hw.t().contiguous())",
                "big_a = torch.randn(300, 170); big_b = torch.randn(170, 333); save('big_a', big_a); save('big_b', big_b); save('big_mm', big_a @ big_b); save('big_tall', big_b.t() @ big_a.t())"));
        Tensor a = ref.get("a"), b = ref.get("b"), v = ref.get("v"), bt = ref.get("bt");
        ref.check("mm", LinearAlgebraKernels.mm(a, b));
        ref.check("mm_tt", LinearAlgebraKernels.matmul(ShapeKernels.t(b), ShapeKernels.t(a)));
        ref.check("mv", LinearAlgebraKernels.matmul(a, v));
        ref.check("vm", LinearAlgebraKernels.matmul(v, b));
        ref.check("dot", LinearAlgebraKernels.matmul(v, v));
        ref.check("bmm_fold", LinearAlgebraKernels.matmul(bt, b));
        ref.check("bmm_bcast", LinearAlgebraKernels.matmul(bt, ref.get("c")));
        ref.check("linear", LinearAlgebraKernels.linear(bt, ref.get("w"), ref.get("bias")));
        ref.check("addmm", LinearAlgebraKernels.addmm(ref.get("bias"), a, b, 0.5, 2));
        Tensor ad = ref.get("ad");
        ref.check("mm64", LinearAlgebraKernels.matmul(ad, ShapeKernels.t(ad)));
        ref.check("empty", LinearAlgebraKernels.mm(CreationKernels.zeros(new int[]{0, 7}, null), b));
        // one-row products go to matrix-vector BLAS
        ref.check("linear_row", LinearAlgebraKernels.linear(ShapeKernels.unsqueeze(v, 0), ref.get("w"), ref.get("bias")));
        ref.check("row_strided", LinearAlgebraKernels.mm(ShapeKernels.slice(ShapeKernels.t(a), 0, 2L, 3L, 1), a));
        ref.check("head", LinearAlgebraKernels.linear(ref.get("hx"), ref.get("hw"), ref.get("hb")), 1e-4);   // sums of 1030 products cancel to near zero
        ref.check("head_mm", LinearAlgebraKernels.mm(ref.get("hx"), ShapeKernels.contiguous(ShapeKernels.t(ref.get("hw")))), 1e-4);
        // products split into column slabs (wide) and row slabs (tall)
        ref.check("big_mm", LinearAlgebraKernels.mm(ref.get("big_a"), ref.get("big_b")), 1e-4);
        ref.check("big_tall", LinearAlgebraKernels.mm(ShapeKernels.t(ref.get("big_b")), ShapeKernels.t(ref.get("big_a"))), 1e-4);
    }

    @Test
    void bilinearOverLeadingDimensionsWithAndWithoutBias() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "x1 = torch.randn(2, 3, 4); x2 = torch.randn(2, 3, 5); w = torch.randn(6, 4, 5); b = torch.randn(6)",
                "for n in ['x1','x2','w','b']: save(n, globals()[n])",
                "save('with_bias', torch.nn.functional.bilinear(x1, x2, w, b)); save('no_bias', torch.nn.functional.bilinear(x1[0], x2[0], w))"));
        Tensor x1 = ref.get("x1"), x2 = ref.get("x2"), w = ref.get("w");
        ref.check("with_bias", LinearAlgebraKernels.bilinear(x1, x2, w, ref.get("b")));
        ref.check("no_bias", LinearAlgebraKernels.bilinear(ShapeKernels.select(x1, 0, 0), ShapeKernels.select(x2, 0, 0), w, null));
    }

    /**
     * The direct depthwise kernel's paths (3×3 stride 1 and 2 on odd and even sizes, any other filter) and the fused clamp;
     * the tall planes span several bands, with the usual padding of 1 (deinterleaved stride-2 taps) and others.
     */
    @Test
    void depthwiseConvolutionsAndFusedClamp() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "import torch.nn.functional as F",
                "x = torch.randn(2, 5, 13, 10); w3 = torch.randn(5, 1, 3, 3); w5 = torch.randn(10, 1, 5, 3); b5 = torch.randn(5); b10 = torch.randn(10)",
                "xe = torch.randn(1, 4, 8, 8); we = torch.randn(4, 1, 3, 3); xb = torch.randn(2, 3, 30, 53); wb = torch.randn(6, 1, 3, 3)",
                "xt = torch.randn(1, 2, 101, 61); wt = torch.randn(2, 1, 3, 3); bt = torch.randn(2); xs = torch.randn(2, 5, 6, 5)",
                "for n in ['x','w3','w5','b5','b10','xe','we','xb','wb','xt','wt','bt','xs']: save(n, globals()[n])",
                "save('small_s1', F.relu6(F.conv2d(xs, w3, b5, padding=1, groups=5)))",
                "save('tall_s1', F.relu6(F.conv2d(xt, wt, bt, padding=1, groups=2))); save('tall_s2', F.conv2d(xt, wt, bt, stride=2, padding=1, groups=2))",
                "save('tall_s1_pad2', F.conv2d(xt, wt, None, padding=2, groups=2)); save('tall_s2_pad0', F.conv2d(xt, wt, bt, stride=2, groups=2))",
                "save('tall_s2_pad2', F.relu(F.conv2d(xt, wt, None, stride=2, padding=2, groups=2)))",
                "save('big_s1', F.conv2d(xb, wb, None, padding=1, groups=3)); save('big_s2', F.relu6(F.conv2d(xb, wb, None, stride=2, padding=1, groups=3)))",
                "save('s1', F.conv2d(x, w3, b5, padding=1, groups=5)); save('s1_nopad', F.conv2d(x, w3, None, groups=5))",
                "save('s2', F.conv2d(x, w3, b5, stride=2, padding=1, groups=5)); save('s2_even', F.conv2d(xe, we, None, stride=2, padding=1, groups=4))",
                "save('s2_nopad', F.conv2d(x, w3, b5, stride=2, groups=5))",
                "save('general', F.conv2d(x, w5, b10, stride=(2, 1), padding=(2, 3), dilation=(1, 2), groups=5))",
                "save('relu6', F.relu6(F.conv2d(x, w3, b5, stride=2, padding=1, groups=5)))",
                "save('relu', F.relu(F.conv2d(x, w5, b10, padding=1, groups=5)))"));
        Tensor x = ref.get("x"), w3 = ref.get("w3"), b5 = ref.get("b5");
        int[] one = {1}, two = {2}, zero = {0};
        ref.check("s1", ConvolutionKernels.conv2d(x, w3, b5, one, one, one, 5), 1e-4);
        ref.check("s1_nopad", ConvolutionKernels.conv2d(x, w3, null, one, zero, one, 5), 1e-4);
        ref.check("s2", ConvolutionKernels.conv2d(x, w3, b5, two, one, one, 5), 1e-4);
        ref.check("s2_even", ConvolutionKernels.conv2d(ref.get("xe"), ref.get("we"), null, two, one, one, 4), 1e-4);
        ref.check("s2_nopad", ConvolutionKernels.conv2d(x, w3, b5, two, zero, one, 5), 1e-4);
        ref.check("general", ConvolutionKernels.conv2d(x, ref.get("w5"), ref.get("b10"), new int[]{2, 1}, new int[]{2, 3}, new int[]{1, 2}, 5), 1e-4);
        ref.check("relu6", ConvolutionKernels.conv2d(x, w3, b5, two, one, one, 5, 0f, 6f), 1e-4);
        ref.check("big_s1", ConvolutionKernels.conv2d(ref.get("xb"), ref.get("wb"), null, one, one, one, 3), 1e-4);
        ref.check("big_s2", ConvolutionKernels.conv2d(ref.get("xb"), ref.get("wb"), null, two, one, one, 3, 0f, 6f), 1e-4);
        ref.check("relu", ConvolutionKernels.conv2d(x, ref.get("w5"), ref.get("b10"), one, one, one, 5, 0f, Float.POSITIVE_INFINITY), 1e-4);
        ref.check("small_s1", ConvolutionKernels.conv2d(ref.get("xs"), w3, b5, one, one, one, 5, 0f, 6f), 1e-4);
        Tensor xt = ref.get("xt"), wt = ref.get("wt"), bt = ref.get("bt");
        ref.check("tall_s1", ConvolutionKernels.conv2d(xt, wt, bt, one, one, one, 2, 0f, 6f), 1e-4);
        ref.check("tall_s2", ConvolutionKernels.conv2d(xt, wt, bt, two, one, one, 2), 1e-4);
        ref.check("tall_s1_pad2", ConvolutionKernels.conv2d(xt, wt, null, one, two, one, 2), 1e-4);
        ref.check("tall_s2_pad0", ConvolutionKernels.conv2d(xt, wt, bt, two, zero, one, 2), 1e-4);
        ref.check("tall_s2_pad2", ConvolutionKernels.conv2d(xt, wt, null, two, two, one, 2, 0f, Float.POSITIVE_INFINITY), 1e-4);
    }

    @Test
    void convolutionsAndPooling() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "import torch.nn.functional as F",
                "x = torch.randn(2, 6, 11, 9); w = torch.randn(4, 3, 3, 2); bias = torch.randn(4); dw = torch.randn(12, 1, 3, 3); pw = torch.randn(5, 6, 1, 1)",
                "x1 = torch.randn(2, 4, 13); w1 = torch.randn(3, 4, 3)",
                "for n in ['x','w','bias','dw','pw','x1','w1']: save(n, globals()[n])",
                "save('conv_g', F.conv2d(x, w, bias, stride=(2, 1), padding=(1, 2), dilation=(2, 1), groups=2))",
                "save('conv_dw', F.conv2d(x, dw, None, stride=2, padding=1, groups=6)); save('conv_pw', F.conv2d(x, pw))",
                "save('conv_nc', F.conv2d(x.transpose(2, 3), pw)); save('conv1d', F.conv1d(x1, w1, None, stride=2, padding=1))",
                "save('maxp', F.max_pool2d(x, 3, 2, 1)); save('maxp_ceil', F.max_pool2d(x, 2, 2, 0, ceil_mode=True))",
                "save('avgp', F.avg_pool2d(x, 3, 2, 1)); save('avgp_nopad', F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False))",
                "save('aavg', F.adaptive_avg_pool2d(x, (4, 3))); save('amax', F.adaptive_max_pool2d(x, 5)); save('amax_i', F.adaptive_max_pool2d(x, (3, 4), return_indices=True)[1])",
                "save('same', F.conv2d(x, w, None, padding='same', groups=2)); save('pad', F.pad(x, (1, 2, -1, 0), value=0.5))"));
        Tensor x = ref.get("x");
        ref.check("conv_g", ConvolutionKernels.conv2d(x, ref.get("w"), ref.get("bias"), new int[]{2, 1}, new int[]{1, 2}, new int[]{2, 1}, 2), 1e-4);
        ref.check("conv_dw", ConvolutionKernels.conv2d(x, ref.get("dw"), null, new int[]{2}, new int[]{1}, new int[]{1}, 6), 1e-4);
        ref.check("conv_pw", ConvolutionKernels.conv2d(x, ref.get("pw"), null, new int[]{1}, new int[]{0}, new int[]{1}, 1), 1e-4);
        ref.check("conv_nc", ConvolutionKernels.conv2d(ShapeKernels.transpose(x, 2, 3), ref.get("pw"), null, new int[]{1}, new int[]{0}, new int[]{1}, 1), 1e-4);
        ref.check("conv1d", ConvolutionKernels.conv1d(ref.get("x1"), ref.get("w1"), null, new int[]{2}, new int[]{1}, new int[]{1}, 1), 1e-4);
        ref.check("maxp", PoolingKernels.maxPool2d(x, new int[]{3}, new int[]{2}, new int[]{1}, new int[]{1}, false));
        ref.check("maxp_ceil", PoolingKernels.maxPool2d(x, new int[]{2}, new int[]{2}, new int[]{0}, new int[]{1}, true));
        ref.check("avgp", PoolingKernels.avgPool2d(x, new int[]{3}, new int[]{2}, new int[]{1}, false, true, null));
        ref.check("avgp_nopad", PoolingKernels.avgPool2d(x, new int[]{3}, new int[]{2}, new int[]{1}, true, false, null));
        ref.check("aavg", PoolingKernels.adaptiveAvgPool2d(x, new int[]{4, 3}));
        ref.check("same", ConvolutionKernels.conv2d(x, ref.get("w"), null, new int[]{1}, "same", new int[]{1}, 2), 1e-4);
        ref.check("pad", JoinKernels.constantPad(x, new int[]{1, 2, -1, 0}, 0.5));
        ref.check("amax", PoolingKernels.adaptiveMaxPool2d(x, new int[]{5}));
        ref.check("amax_i", (Tensor) PoolingKernels.adaptiveMaxPool2dWithIndices(x, new int[]{3, 4}).get(1));
    }

    @Test
    void normalizationReductionsAndJoins() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "import torch.nn.functional as F",
                "x = torch.randn(3, 6, 4, 5); g = torch.randn(6); b = torch.randn(6); rm = torch.randn(6); rv = torch.rand(6) + 0.5",
                "g2 = torch.randn(4, 5); b2 = torch.randn(4, 5); idx = torch.tensor([[1, 0], [5, 2]]); i64 = torch.randint(-5, 5, (4, 3))",
                "for n in ['x','g','b','rm','rv','g2','b2','idx','i64']: save(n, globals()[n])",
                "save('bn_eval', F.batch_norm(x, rm, rv, g, b, False, 0.1, 1e-5))",
                "rm2 = rm.clone(); rv2 = rv.clone(); save('bn_train', F.batch_norm(x, rm2, rv2, g, b, True, 0.1, 1e-5)); save('rm2', rm2); save('rv2', rv2)",
                "save('ln', F.layer_norm(x, (4, 5), g2, b2)); save('gn', F.group_norm(x, 3, g, b))",
                "save('sum', x.sum((1, 3), keepdim=True)); save('mean', x.mean(-1)); save('isum', i64.sum(0)); save('all_sum', i64.sum())",
                "mx = x.max(2); save('max_v', mx[0]); save('max_i', mx[1]); save('argmin', x.argmin()); save('amax', x.amax((0, 2)))",
                "save('var', x.var(1)); save('std', x.std((2, 3), unbiased=False)); save('norm', x.norm(dim=1)); save('prod', i64.prod(1))",
                "save('softmax', F.softmax(x, 1)); save('log_softmax', F.log_softmax(x.transpose(1, 3), -1))",
                "save('cat', torch.cat([x, x[:, :2]], 1)); save('stack', torch.stack([g, b, rm], 1)); save('cat_promote', torch.cat([i64, i64.float()]))",
                "save('emb', F.embedding(idx, x[0, :, 0])); save('masked', x[0, 0].masked_fill(x[0, 0] > 0, -1.5))"));
        Tensor x = ref.get("x");
        ref.check("bn_eval", NormalizationKernels.batchNorm(x, ref.get("g"), ref.get("b"), ref.get("rm"), ref.get("rv"), false, 0.1, 1e-5));
        Tensor rm2 = CreationKernels.clone(ref.get("rm")), rv2 = CreationKernels.clone(ref.get("rv"));
        ref.check("bn_train", NormalizationKernels.batchNorm(x, ref.get("g"), ref.get("b"), rm2, rv2, true, 0.1, 1e-5), 1e-4);
        ref.check("rm2", rm2);
        ref.check("rv2", rv2);
        ref.check("ln", NormalizationKernels.layerNorm(x, new int[]{4, 5}, ref.get("g2"), ref.get("b2"), 1e-5), 1e-4);
        ref.check("gn", NormalizationKernels.groupNorm(x, 3, ref.get("g"), ref.get("b"), 1e-5), 1e-4);
        ref.check("sum", ReductionKernels.sum(x, new int[]{1, 3}, true, null));
        ref.check("mean", ReductionKernels.mean(x, new int[]{-1}, false, null));
        Tensor i64 = ref.get("i64");
        ref.check("isum", ReductionKernels.sum(i64, new int[]{0}, false, null));
        ref.check("all_sum", ReductionKernels.sum(i64, null, false, null));
        Tuple mx = ReductionKernels.maxMin(x, 2, false, true);
        ref.check("max_v", (Tensor) mx.get(0));
        ref.check("max_i", (Tensor) mx.get(1));
        ref.check("argmin", ReductionKernels.argMaxMin(x, null, false, false));
        ref.check("amax", ReductionKernels.amaxAmin(x, new int[]{0, 2}, false, true));
        ref.check("var", ReductionKernels.var(x, new int[]{1}, 1, false, false));
        ref.check("std", ReductionKernels.var(x, new int[]{2, 3}, 0, false, true));
        ref.check("norm", ReductionKernels.norm(x, 2, new int[]{1}, false));
        ref.check("prod", ReductionKernels.prod(i64, new int[]{1}, false, null));
        ref.check("softmax", ReductionKernels.softmax(x, 1, null, false));
        ref.check("log_softmax", ReductionKernels.softmax(ShapeKernels.transpose(x, 1, 3), -1, null, true));
        ref.check("cat", JoinKernels.cat(List.of(x, ShapeKernels.slice(x, 1, null, 2L, 1)), 1));
        ref.check("stack", JoinKernels.stack(List.of(ref.get("g"), ref.get("b"), ref.get("rm")), 1));
        ref.check("cat_promote", JoinKernels.cat(List.of(i64, CreationKernels.to(i64, dev.jitscope.tensor.DType.FLOAT32, false)), 0));
        Tensor table = ShapeKernels.select(ShapeKernels.select(x, 0, 0), 1, 0);
        ref.check("emb", IndexingKernels.embedding(table, ref.get("idx")));
        Tensor plane = ShapeKernels.select(ShapeKernels.select(x, 0, 0), 0, 0);
        ref.check("masked", IndexingKernels.maskedFill(plane, ElementwiseKernels.binary(ElementwiseKernels.Binary.GT, plane, 0L, null), -1.5));
    }

    @Test
    void transposedConvolutions() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "import torch.nn.functional as F",
                "x = torch.randn(2, 4, 5, 6); w = torch.randn(4, 3, 3, 2); bias = torch.randn(6); x1 = torch.randn(3, 7); w1 = torch.randn(3, 2, 4)",
                "for n in ['x','w','bias','x1','w1']: save(n, globals()[n])",
                "save('ct', F.conv_transpose2d(x, w, bias, stride=(2, 3), padding=(1, 0), output_padding=(1, 2), groups=2, dilation=(1, 2)))",
                "save('ct_plain', F.conv_transpose2d(x, w[:, :, :, :1]))",
                "save('ct1', F.conv_transpose1d(x1, w1, None, stride=2, padding=1))"));
        Tensor x = ref.get("x"), w = ref.get("w");
        ref.check("ct", ConvolutionKernels.convTranspose2d(x, w, ref.get("bias"), new int[]{2, 3}, new int[]{1, 0}, new int[]{1, 2}, 2, new int[]{1, 2}), 1e-4);
        ref.check("ct_plain", ConvolutionKernels.convTranspose2d(x, ShapeKernels.slice(w, 3, 0L, 1L, 1), null, new int[]{1}, new int[]{0}, new int[]{0}, 1, new int[]{1}), 1e-4);
        ref.check("ct1", ConvolutionKernels.convTranspose1d(ref.get("x1"), ref.get("w1"), null, new int[]{2}, new int[]{1}, new int[]{0}, 1, new int[]{1}), 1e-4);
    }
}
