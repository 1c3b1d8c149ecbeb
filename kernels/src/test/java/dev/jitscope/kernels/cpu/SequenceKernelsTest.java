package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Recurrent layers, the fused attention paths and einsum against PyTorch. */
class SequenceKernelsTest {
    @TempDir Path dir;

    private static List<Tensor> flat(TorchReference ref, String prefix, int n) {
        List<Tensor> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(ref.get(prefix + i));
        return l;
    }

    @Test
    void lstmAndGruWithFlatWeights() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "lstm = torch.nn.LSTM(5, 7, num_layers=2, bidirectional=True).eval(); gru = torch.nn.GRU(5, 6, batch_first=True).eval()",
                "rnn = torch.nn.RNN(5, 4, nonlinearity='relu', bias=False).eval()",
                "x = torch.randn(4, 3, 5); h0 = torch.randn(4, 3, 7); c0 = torch.randn(4, 3, 7); xb = torch.randn(3, 4, 5); g0 = torch.randn(1, 3, 6)",
                "for n in ['x','h0','c0','xb','g0']: save(n, globals()[n])",
                "for i, w in enumerate(lstm._flat_weights): save('lw%d' % i, w)",
                "for i, w in enumerate(gru._flat_weights): save('gw%d' % i, w)",
                "for i, w in enumerate(rnn._flat_weights): save('rw%d' % i, w)",
                "with torch.no_grad():",
                "    o, (h, c) = lstm(x, (h0, c0)); save('lo', o); save('lh', h); save('lc', c)",
                "    o, h = gru(xb, g0); save('go', o); save('gh', h)",
                "    o, h = rnn(x); save('ro', o); save('rh', h)"));
        Tuple l = RecurrentKernels.run(RecurrentKernels.Cell.LSTM, ref.get("x"), List.of(ref.get("h0"), ref.get("c0")),
                flat(ref, "lw", 16), true, 2, false, true, false);
        ref.check("lo", (Tensor) l.get(0), 1e-5);
        ref.check("lh", (Tensor) l.get(1), 1e-5);
        ref.check("lc", (Tensor) l.get(2), 1e-5);
        Tuple g = RecurrentKernels.run(RecurrentKernels.Cell.GRU, ref.get("xb"), List.of(ref.get("g0")), flat(ref, "gw", 4), true, 1, false, false, true);
        ref.check("go", (Tensor) g.get(0), 1e-5);
        ref.check("gh", (Tensor) g.get(1), 1e-5);
        Tuple r = RecurrentKernels.run(RecurrentKernels.Cell.RNN_RELU, ref.get("x"), List.of(CreationKernels.zeros(new int[]{1, 3, 4}, null)),
                flat(ref, "rw", 2), false, 1, false, false, false);
        ref.check("ro", (Tensor) r.get(0), 1e-5);
        ref.check("rh", (Tensor) r.get(1), 1e-5);
        assertThrows(JitScopeException.class, () -> RecurrentKernels.run(RecurrentKernels.Cell.GRU, ref.get("xb"), List.of(ref.get("g0")),
                flat(ref, "gw", 3), true, 1, false, false, true));
    }

    @Test
    void fusedAttentionAndEncoderLayer() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "mha = torch.nn.MultiheadAttention(16, 4, batch_first=True).eval()",
                "x = torch.randn(2, 5, 16); kv = torch.randn(2, 3, 16); pad = torch.tensor([[False]*5, [False]*3 + [True]*2])",
                "for n in ['x','kv','pad']: save(n, globals()[n])",
                "save('in_w', mha.in_proj_weight); save('in_b', mha.in_proj_bias); save('out_w', mha.out_proj.weight); save('out_b', mha.out_proj.bias)",
                "layer = torch.nn.TransformerEncoderLayer(16, 4, dim_feedforward=24, batch_first=True, activation='gelu').eval()",
                "p = dict(layer.named_parameters())",
                "for n, t in p.items(): save(n.replace('.', '_'), t)",
                "with torch.no_grad():",
                "    o, w = mha(x, x, x); save('self_o', o); save('self_w', w)",
                "    o, w = mha(x, kv, kv, average_attn_weights=False); save('cross_o', o); save('cross_w', w)",
                "    o, _ = mha(x, x, x, key_padding_mask=pad); save('pad_o', o)",
                "    save('enc', layer(x)); save('enc_pad', layer(x, src_key_padding_mask=pad)[0])",
                "    layer.norm_first = True; save('enc_nf', layer(x))"));
        Tensor x = ref.get("x"), kv = ref.get("kv");
        Tensor inW = ref.get("in_w"), inB = ref.get("in_b"), outW = ref.get("out_w"), outB = ref.get("out_b");
        Tuple self = AttentionKernels.multiHeadAttention(x, x, x, 16, 4, inW, inB, outW, outB, null, true, true, null);
        ref.check("self_o", (Tensor) self.get(0), 1e-5);
        ref.check("self_w", (Tensor) self.get(1), 1e-5);
        Tuple cross = AttentionKernels.multiHeadAttention(x, kv, kv, 16, 4, inW, inB, outW, outB, null, true, false, null);
        ref.check("cross_o", (Tensor) cross.get(0), 1e-5);
        ref.check("cross_w", (Tensor) cross.get(1), 1e-5);
        ref.check("pad_o", (Tensor) AttentionKernels.multiHeadAttention(x, x, x, 16, 4, inW, inB, outW, outB, ref.get("pad"), false, true, 1).get(0), 1e-5);
        Tensor[] p = {ref.get("self_attn_in_proj_weight"), ref.get("self_attn_in_proj_bias"), ref.get("self_attn_out_proj_weight"), ref.get("self_attn_out_proj_bias"),
                ref.get("norm1_weight"), ref.get("norm1_bias"), ref.get("norm2_weight"), ref.get("norm2_bias"),
                ref.get("linear1_weight"), ref.get("linear1_bias"), ref.get("linear2_weight"), ref.get("linear2_bias")};
        ref.check("enc", AttentionKernels.encoderLayer(x, 16, 4, p[0], p[1], p[2], p[3], true, false, 1e-5, p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], null, null), 1e-5);
        ref.check("enc_nf", AttentionKernels.encoderLayer(x, 16, 4, p[0], p[1], p[2], p[3], true, true, 1e-5, p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], null, null), 1e-5);
        Tensor encPad = AttentionKernels.encoderLayer(x, 16, 4, p[0], p[1], p[2], p[3], true, false, 1e-5, p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], ref.get("pad"), 1);
        ref.check("enc_pad", ShapeKernels.select(encPad, 0, 0), 1e-5);
    }

    /** Heads big enough for the GEMM path (scores and context through BLAS on strided slices), masks and a relu layer. */
    @Test
    void largeHeadsTakeTheGemmPath() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "mha = torch.nn.MultiheadAttention(64, 2, batch_first=True).eval()",
                "x = torch.randn(2, 40, 64); kv = torch.randn(2, 36, 64); pad = torch.zeros(2, 40, dtype=torch.bool); pad[1, 30:] = True",
                "for n in ['x','kv','pad']: save(n, globals()[n])",
                "save('in_w', mha.in_proj_weight); save('in_b', mha.in_proj_bias); save('out_w', mha.out_proj.weight); save('out_b', mha.out_proj.bias)",
                "layer = torch.nn.TransformerEncoderLayer(64, 2, dim_feedforward=96, batch_first=True).eval()",
                "for n, t in dict(layer.named_parameters()).items(): save(n.replace('.', '_'), t)",
                "with torch.no_grad():",
                "    o, w = mha(x, x, x); save('self_o', o); save('self_w', w)",
                "    o, w = mha(x, kv, kv, average_attn_weights=False); save('cross_o', o); save('cross_w', w)",
                "    o, _ = mha(x, x, x, key_padding_mask=pad); save('pad_o', o)",
                "    save('enc', layer(x))"));
        Tensor x = ref.get("x"), kv = ref.get("kv");
        Tensor inW = ref.get("in_w"), inB = ref.get("in_b"), outW = ref.get("out_w"), outB = ref.get("out_b");
        Tuple self = AttentionKernels.multiHeadAttention(x, x, x, 64, 2, inW, inB, outW, outB, null, true, true, null);
        ref.check("self_o", (Tensor) self.get(0), 1e-5);
        ref.check("self_w", (Tensor) self.get(1), 1e-5);
        Tuple cross = AttentionKernels.multiHeadAttention(x, kv, kv, 64, 2, inW, inB, outW, outB, null, true, false, null);
        ref.check("cross_o", (Tensor) cross.get(0), 1e-5);
        ref.check("cross_w", (Tensor) cross.get(1), 1e-5);
        ref.check("pad_o", (Tensor) AttentionKernels.multiHeadAttention(x, x, x, 64, 2, inW, inB, outW, outB, ref.get("pad"), false, true, 1).get(0), 1e-5);
        Tensor[] p = {ref.get("self_attn_in_proj_weight"), ref.get("self_attn_in_proj_bias"), ref.get("self_attn_out_proj_weight"), ref.get("self_attn_out_proj_bias"),
                ref.get("norm1_weight"), ref.get("norm1_bias"), ref.get("norm2_weight"), ref.get("norm2_bias"),
                ref.get("linear1_weight"), ref.get("linear1_bias"), ref.get("linear2_weight"), ref.get("linear2_bias")};
        ref.check("enc", AttentionKernels.encoderLayer(x, 64, 2, p[0], p[1], p[2], p[3], false, false, 1e-5, p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], null, null), 1e-5);
    }

    @Test
    void einsumContractsPairsAndSumsFreeLabels() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "q = torch.randn(2, 3, 4, 5); k = torch.randn(2, 3, 6, 5); a = torch.randn(4, 5); b = torch.randn(5, 6); c = torch.randn(6, 2); v = torch.randn(5)",
                "for n in ['q','k','a','b','c','v']: save(n, globals()[n])",
                "save('attn', torch.einsum('bhid,bhjd->bhij', q, k)); save('chain', torch.einsum('ij,jk,kl->il', a, b, c))",
                "save('implicit', torch.einsum('ij,jk', a, b)); save('transpose', torch.einsum('ij->ji', a)); save('rowsum', torch.einsum('ij->i', a))",
                "save('outer', torch.einsum('i,j->ij', v, v)); save('total', torch.einsum('bhid->', q)); save('mv', torch.einsum('ij,j->i', a, v))"));
        Tensor a = ref.get("a"), b = ref.get("b"), v = ref.get("v");
        ref.check("attn", EinsumKernels.einsum("bhid,bhjd->bhij", List.of(ref.get("q"), ref.get("k"))), 1e-5);
        ref.check("chain", EinsumKernels.einsum("ij,jk,kl->il", List.of(a, b, ref.get("c"))), 1e-5);
        ref.check("implicit", EinsumKernels.einsum("ij,jk", List.of(a, b)), 1e-5);
        ref.check("transpose", EinsumKernels.einsum("ij->ji", List.of(a)));
        ref.check("rowsum", EinsumKernels.einsum("ij->i", List.of(a)), 1e-5);
        ref.check("outer", EinsumKernels.einsum("i, j -> ij", List.of(v, v)), 1e-5);
        ref.check("total", EinsumKernels.einsum("bhid->", List.of(ref.get("q"))), 1e-4);
        ref.check("mv", EinsumKernels.einsum("ij,j->i", List.of(a, v)), 1e-5);
        assertThrows(JitScopeException.class, () -> EinsumKernels.einsum("ij,jk->ik", List.of(a)));
        assertThrows(JitScopeException.class, () -> EinsumKernels.einsum("ii->i", List.of(a)));
    }
}
