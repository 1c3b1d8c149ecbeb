package dev.jitscope.runtime;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.kernels.cpu.*;
import dev.jitscope.tensor.Tensor;

import static dev.jitscope.runtime.Args.*;

/** Registrations of the neural-network operators: linear algebra, convolution, pooling, normalization, embedding. */
final class AtenNetworkOps {
    private AtenNetworkOps() { }

    static void registerAll(OperatorRegistry r) {
        r.register("aten::matmul(Tensor self, Tensor other) -> Tensor", a -> LinearAlgebraKernels.matmul(t(a[0]), t(a[1])));
        r.register("aten::mm(Tensor self, Tensor mat2) -> Tensor", a -> LinearAlgebraKernels.mm(t(a[0]), t(a[1])));
        r.register("aten::bmm(Tensor self, Tensor mat2) -> Tensor", a -> LinearAlgebraKernels.bmm(t(a[0]), t(a[1])));
        r.register("aten::addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
                a -> LinearAlgebraKernels.addmm(t(a[0]), t(a[1]), t(a[2]), d(a[3]), d(a[4])));
        r.register("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor", a -> LinearAlgebraKernels.linear(t(a[0]), t(a[1]), (Tensor) a[2]));
        r.register("aten::bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None) -> Tensor", a -> LinearAlgebraKernels.bilinear(t(a[0]), t(a[1]), t(a[2]), (Tensor) a[3]));
        r.register("aten::conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] dilation=1, int groups=1) -> Tensor",
                a -> ConvolutionKernels.conv2d(t(a[0]), t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[5]), i(a[6])));
        r.register("aten::conv2d.padding(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, str padding=\"valid\", int[2] dilation=1, int groups=1) -> Tensor",
                a -> ConvolutionKernels.conv2d(t(a[0]), t(a[1]), (Tensor) a[2], ints(a[3]), (String) a[4], ints(a[5]), i(a[6])));
        r.register("aten::constant_pad_nd(Tensor self, int[] pad, Scalar value=0) -> Tensor", a -> JoinKernels.constantPad(t(a[0]), ints(a[1]), a[2]));
        r.register("aten::pad(Tensor self, int[] pad, str mode=\"constant\", float? value=None) -> Tensor", a -> {
            if (!"constant".equals(a[2])) throw new JitScopeException("padding mode '" + a[2] + "' is not supported yet");
            return JoinKernels.constantPad(t(a[0]), ints(a[1]), a[3] == null ? (Object) 0L : a[3]);
        });
        r.register("aten::conv1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=1, int[1] padding=0, int[1] dilation=1, int groups=1) -> Tensor",
                a -> ConvolutionKernels.conv1d(t(a[0]), t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[5]), i(a[6])));
        r.register("aten::_convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, "
                + "int[] output_padding, int groups, bool benchmark, bool deterministic, bool cudnn_enabled, bool allow_tf32) -> Tensor", a -> {
            Tensor x = t(a[0]);
            if (b(a[6])) return x.dim() == 3
                    ? ConvolutionKernels.convTranspose1d(x, t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[7]), i(a[8]), ints(a[5]))
                    : ConvolutionKernels.convTranspose2d(x, t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[7]), i(a[8]), ints(a[5]));
            return x.dim() == 3 ? ConvolutionKernels.conv1d(x, t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[5]), i(a[8]))
                    : ConvolutionKernels.conv2d(x, t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[5]), i(a[8]));
        });
        r.register("aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> Tensor",
                a -> PoolingKernels.maxPool2d(t(a[0]), ints(a[1]), ints(a[2]), ints(a[3]), ints(a[4]), b(a[5])));
        r.register("aten::avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor",
                a -> PoolingKernels.avgPool2d(t(a[0]), ints(a[1]), ints(a[2]), ints(a[3]), b(a[4]), b(a[5]), (Long) a[6]));
        r.register("aten::adaptive_avg_pool2d(Tensor self, int[2] output_size) -> Tensor", a -> PoolingKernels.adaptiveAvgPool2d(t(a[0]), ints(a[1])));
        r.register("aten::adaptive_max_pool2d(Tensor self, int[2] output_size) -> (Tensor, Tensor)",
                a -> PoolingKernels.adaptiveMaxPool2dWithIndices(t(a[0]), ints(a[1])));
        r.register("aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor",
                a -> NormalizationKernels.batchNorm(t(a[0]), (Tensor) a[1], (Tensor) a[2], (Tensor) a[3], (Tensor) a[4], b(a[5]), d(a[6]), d(a[7])));
        r.register("aten::layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enable=True) -> Tensor",
                a -> NormalizationKernels.layerNorm(t(a[0]), ints(a[1]), (Tensor) a[2], (Tensor) a[3], d(a[4])));
        r.register("aten::group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enabled=True) -> Tensor",
                a -> NormalizationKernels.groupNorm(t(a[0]), i(a[1]), (Tensor) a[2], (Tensor) a[3], d(a[4])));
        r.register("aten::embedding(Tensor weight, Tensor indices, int padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor",
                a -> IndexingKernels.embedding(t(a[0]), t(a[1])));
        r.register("aten::index_select(Tensor self, int dim, Tensor index) -> Tensor", a -> IndexingKernels.indexSelect(t(a[0]), i(a[1]), t(a[2])));
        r.register("aten::baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
                a -> LinearAlgebraKernels.baddbmm(t(a[0]), t(a[1]), t(a[2]), d(a[3]), d(a[4])));
        r.register("aten::gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor", a -> IndexingKernels.gather(t(a[0]), i(a[1]), t(a[2])));
        r.register("aten::index.Tensor(Tensor self, Tensor?[] indices) -> Tensor", a -> IndexingKernels.index(t(a[0]), tensors(a[1])));
        r.register("aten::tril(Tensor self, int diagonal=0) -> Tensor", a -> IndexingKernels.triangle(t(a[0]), l(a[1]), true));
        r.register("aten::triu(Tensor self, int diagonal=0) -> Tensor", a -> IndexingKernels.triangle(t(a[0]), l(a[1]), false));
        r.register("aten::cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor", a -> ReductionKernels.cumsum(t(a[0]), i(a[1]), dtype(a[2])));
        r.register("aten::masked_fill_.Scalar(Tensor(a!) self, Tensor mask, Scalar value) -> Tensor(a!)",
                a -> CreationKernels.copy_(t(a[0]), IndexingKernels.maskedFill(t(a[0]), t(a[1]), a[2])));
        for (String[] rnn : new String[][]{{"lstm", "Tensor[] hx", "LSTM"}, {"gru", "Tensor hx", "GRU"}, {"rnn_tanh", "Tensor hx", "RNN_TANH"}, {"rnn_relu", "Tensor hx", "RNN_RELU"}}) {
            RecurrentKernels.Cell cell = RecurrentKernels.Cell.valueOf(rnn[2]);
            r.register("aten::" + rnn[0] + ".input(Tensor input, " + rnn[1] + ", Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> "
                            + (cell == RecurrentKernels.Cell.LSTM ? "(Tensor, Tensor, Tensor)" : "(Tensor, Tensor)"),
                    a -> RecurrentKernels.run(cell, t(a[0]), a[1] instanceof Tensor h ? java.util.List.of(h) : tensors(a[1]), tensors(a[2]), b(a[3]), i(a[4]), b(a[6]), b(a[7]), b(a[8])));
        }
        r.register("aten::_native_multi_head_attention(Tensor query, Tensor key, Tensor value, int embed_dim, int num_head, Tensor qkv_weight, Tensor qkv_bias, "
                        + "Tensor proj_weight, Tensor proj_bias, Tensor? mask=None, bool need_weights=True, bool average_attn_weights=True, int? mask_type=None) -> (Tensor, Tensor)",
                a -> AttentionKernels.multiHeadAttention(t(a[0]), t(a[1]), t(a[2]), i(a[3]), i(a[4]), t(a[5]), t(a[6]), t(a[7]), t(a[8]), (Tensor) a[9], b(a[10]), b(a[11]), optI(a[12])));
        r.register("aten::_transformer_encoder_layer_fwd(Tensor src, int embed_dim, int num_heads, Tensor qkv_weight, Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, "
                        + "bool use_gelu, bool norm_first, float eps, Tensor norm_weight_1, Tensor norm_bias_1, Tensor norm_weight_2, Tensor norm_bias_2, Tensor ffn_weight_1, "
                        + "Tensor ffn_bias_1, Tensor ffn_weight_2, Tensor ffn_bias_2, Tensor? mask=None, int? mask_type=None) -> Tensor",
                a -> AttentionKernels.encoderLayer(t(a[0]), i(a[1]), i(a[2]), t(a[3]), t(a[4]), t(a[5]), t(a[6]), b(a[7]), b(a[8]), d(a[9]),
                        t(a[10]), t(a[11]), t(a[12]), t(a[13]), t(a[14]), t(a[15]), t(a[16]), t(a[17]), (Tensor) a[18], optI(a[19])));
        r.register("aten::einsum(str equation, Tensor[] tensors, *, int[]? path=None) -> Tensor", a -> EinsumKernels.einsum((String) a[0], tensors(a[1])));
        r.register("aten::conv_transpose2d.input(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] output_padding=0, int groups=1, int[2] dilation=1) -> Tensor",
                a -> ConvolutionKernels.convTranspose2d(t(a[0]), t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[5]), i(a[6]), ints(a[7])));
        r.register("aten::conv_transpose1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=[1], int[1] padding=[0], int[1] output_padding=[0], int groups=1, int[1] dilation=[1]) -> Tensor",
                a -> ConvolutionKernels.convTranspose1d(t(a[0]), t(a[1]), (Tensor) a[2], ints(a[3]), ints(a[4]), ints(a[5]), i(a[6]), ints(a[7])));
    }
}
