package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.kernels.cpu.ElementwiseKernels.Binary;
import dev.jitscope.kernels.cpu.UnaryKernels.Op;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ElementwiseKernelsTest {
    @TempDir Path dir;

    @Test
    void broadcastingFollowsPyTorchTypePromotion() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "a = torch.arange(3).reshape(3, 1); b = torch.randn(4)",
                "save('a', a); save('b', b); save('a_plus_b', a + b)",
                "u = torch.tensor([200, 3, 7], dtype=torch.uint8); i8 = torch.tensor([-1, 5, 100], dtype=torch.int8)",
                "save('u', u); save('i8', i8); save('u_plus_i8', u + i8)",
                "save('a_plus_2_5', a + 2.5); save('a_times_true', a * True); save('a_div_2', a / 2)",
                "z = torch.tensor(1.25, dtype=torch.float64); save('z', z); save('b_plus_z', b + z)",
                "zi = torch.tensor(7); save('zi', zi); save('u_plus_zi', u + zi)",
                "save('a_sub_b_alpha', torch.sub(a, b, alpha=3)); save('a_floordiv_neg', torch.floor_divide(a - 1, -2))",
                "save('a_rem', torch.remainder(a - 2, 3)); save('b_rem', torch.remainder(b, -0.7))",
                "save('a_lt_b', a < b); save('a_pow', a ** 3); save('b_pow', b.abs() ** 0.5); save('b_max_a', torch.maximum(b, a))"));
        Tensor a = ref.get("a"), b = ref.get("b"), u = ref.get("u"), i8 = ref.get("i8");
        ref.check("a_plus_b", ElementwiseKernels.add(a, b, 1L));
        ref.check("u_plus_i8", ElementwiseKernels.add(u, i8, 1L));
        ref.check("a_plus_2_5", ElementwiseKernels.add(a, 2.5, 1L));
        ref.check("a_times_true", ElementwiseKernels.mul(a, true));
        ref.check("a_div_2", ElementwiseKernels.div(a, 2L));
        ref.check("b_plus_z", ElementwiseKernels.add(b, ref.get("z"), 1L));
        ref.check("u_plus_zi", ElementwiseKernels.add(u, ref.get("zi"), 1L));
        ref.check("a_sub_b_alpha", ElementwiseKernels.sub(a, b, 3L));
        ref.check("a_floordiv_neg", ElementwiseKernels.binary(Binary.FLOOR_DIVIDE, ElementwiseKernels.sub(a, 1L, 1L), -2L, null));
        ref.check("a_rem", ElementwiseKernels.binary(Binary.REMAINDER, ElementwiseKernels.sub(a, 2L, 1L), 3L, null));
        ref.check("b_rem", ElementwiseKernels.binary(Binary.REMAINDER, b, -0.7, null));
        ref.check("a_lt_b", ElementwiseKernels.binary(Binary.LT, a, b, null));
        ref.check("a_pow", ElementwiseKernels.binary(Binary.POW, a, 3L, null));
        ref.check("b_pow", ElementwiseKernels.binary(Binary.POW, UnaryKernels.unary(Op.ABS, b), 0.5, null));
        ref.check("b_max_a", ElementwiseKernels.binary(Binary.MAXIMUM, b, a, null));
    }

    @Test
    void bitwiseOperatorsOnBoolTensorsStayBool() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "p = torch.randn(3, 4) > 0; q = torch.randn(4) > 0; save('p', p); save('q', q)",
                "save('and', p & q); save('or', p | q); save('xor', p ^ q)"));
        Tensor p = ref.get("p"), q = ref.get("q");
        ref.check("and", ElementwiseKernels.binary(Binary.BITWISE_AND, p, q, null));
        ref.check("or", ElementwiseKernels.binary(Binary.BITWISE_OR, p, q, null));
        ref.check("xor", ElementwiseKernels.binary(Binary.BITWISE_XOR, p, q, null));
    }

    @Test
    void nonContiguousAndEmptyOperands() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "x = torch.randn(4, 5); y = torch.randn(5, 4)",
                "save('x', x); save('y', y); save('xt_plus_y', x.t() + y); save('slice_mul', x[1:, ::2] * y.t()[1:, ::2])",
                "e = torch.zeros(0, 3); save('e', e); save('e_plus', e + torch.ones(3))",
                "save('exp_t', torch.exp(x.t())); save('sig', torch.sigmoid(x[:, 1])); save('gelu', torch.nn.functional.gelu(x * 3))",
                "save('gelu_tanh', torch.nn.functional.gelu(x * 3, approximate='tanh')); save('silu', torch.nn.functional.silu(x))",
                "save('hswish', torch.nn.functional.hardswish(x * 4)); save('hsig', torch.nn.functional.hardsigmoid(x * 4))",
                "save('elu', torch.nn.functional.elu(x)); save('leaky', torch.nn.functional.leaky_relu(x, 0.1)); save('htanh', torch.nn.functional.hardtanh(x * 2))",
                "save('sqrt_int', torch.sqrt(torch.arange(6)))",
                "h = x.half(); save('h', h); save('h_mul', h * 1.1); bf = x.bfloat16(); save('bf_add', (bf + 1.3).float())"));
        Tensor x = ref.get("x"), y = ref.get("y");
        ref.check("xt_plus_y", ElementwiseKernels.add(ShapeKernels.t(x), y, 1L));
        Tensor xs = ShapeKernels.slice(ShapeKernels.slice(x, 0, 1L, null, 1), 1, null, null, 2);
        Tensor ys = ShapeKernels.slice(ShapeKernels.slice(ShapeKernels.t(y), 0, 1L, null, 1), 1, null, null, 2);
        ref.check("slice_mul", ElementwiseKernels.mul(xs, ys));
        ref.check("e_plus", ElementwiseKernels.add(ref.get("e"), CreationKernels.ones(new int[]{3}, null), 1L));
        ref.check("exp_t", UnaryKernels.unary(Op.EXP, ShapeKernels.t(x)));
        ref.check("sig", ActivationKernels.sigmoid(ShapeKernels.select(x, 1, 1)));
        Tensor x3 = ElementwiseKernels.mul(x, 3L);
        ref.check("gelu", ActivationKernels.gelu(x3, "none"));
        ref.check("gelu_tanh", ActivationKernels.gelu(x3, "tanh"));
        ref.check("silu", ActivationKernels.silu(x));
        ref.check("hswish", ActivationKernels.hardswish(ElementwiseKernels.mul(x, 4L)));
        ref.check("hsig", ActivationKernels.hardsigmoid(ElementwiseKernels.mul(x, 4L)));
        ref.check("elu", ActivationKernels.elu(x, 1.0));
        ref.check("leaky", ActivationKernels.leakyRelu(x, 0.1));
        ref.check("htanh", ActivationKernels.hardtanh(ElementwiseKernels.mul(x, 2L), -1, 1));
        ref.check("sqrt_int", UnaryKernels.unary(Op.SQRT, CreationKernels.arange(0L, 6L, 1L, null)));
        // NB: .npy float16 widens to float32 on read, so the half input is narrowed again and the result widened to compare.
        Tensor h = CreationKernels.to(ref.get("h"), DType.FLOAT16, false);
        Tensor hm = ElementwiseKernels.mul(h, 1.1);
        assertEquals(DType.FLOAT16, hm.dtype());
        ref.check("h_mul", CreationKernels.to(hm, DType.FLOAT32, false), 0);
        Tensor bf = CreationKernels.to(x, DType.BFLOAT16, false);
        ref.check("bf_add", CreationKernels.to(ElementwiseKernels.add(bf, 1.3, 1L), DType.FLOAT32, false), 0);
    }

    @Test
    void inPlaceOnViewsWritesThroughToTheBase() throws Exception {
        TorchReference ref = TorchReference.run(dir, String.join("\n",
                "x = torch.arange(12.).reshape(3, 4); save('x0', x)",
                "v = x[:, 1:3]; v.mul_(2); x.t()[0].add_(100); x[2].relu_(); x[:, 3].sub_(torch.tensor([1., 2., 3.]), alpha=2)",
                "save('x1', x); save('v', v)",
                "i = torch.arange(4); i.add_(torch.tensor(True)); save('i', i)",
                "f = torch.randn(5, 6); save('f0', f); f.add_(f); f[1:].mul_(f[0]); f.div_(f[2, 3].clone()); save('f1', f)"));
        Tensor x = ref.get("x0");
        Tensor v = ShapeKernels.slice(x, 1, 1L, 3L, 1);
        ElementwiseKernels.binaryInPlace(Binary.MUL, v, 2L, null);
        ElementwiseKernels.binaryInPlace(Binary.ADD, ShapeKernels.select(ShapeKernels.t(x), 0, 0), 100L, null);
        ActivationKernels.relu_(ShapeKernels.select(x, 0, 2));
        Tensor sub = dev.jitscope.tensor.Tensor.contiguous(dev.jitscope.tensor.Storage.wrap(new float[]{1, 2, 3}), 3);
        ElementwiseKernels.binaryInPlace(Binary.SUB, ShapeKernels.select(x, 1, 3), sub, 2L);
        ref.check("x1", x);
        ref.check("v", v);
        Tensor i = CreationKernels.arange(0L, 4L, 1L, null);
        ElementwiseKernels.binaryInPlace(Binary.ADD, i, CreationKernels.scalarTensor(true, null), null);
        ref.check("i", i);

        Tensor f = ref.get("f0");
        ElementwiseKernels.binaryInPlace(Binary.ADD, f, f, null);
        ElementwiseKernels.binaryInPlace(Binary.MUL, ShapeKernels.slice(f, 0, 1L, null, 1), ShapeKernels.select(f, 0, 0), null);
        assertThrows(JitScopeException.class, () -> ElementwiseKernels.binaryInPlace(Binary.DIV, f, ShapeKernels.select(ShapeKernels.select(f, 0, 2), 0, 3), null),
                "a 0-d view into self overlaps it partially, as PyTorch reports");
        ElementwiseKernels.binaryInPlace(Binary.DIV, f, CreationKernels.clone(ShapeKernels.select(ShapeKernels.select(f, 0, 2), 0, 3)), null);
        ref.check("f1", f);
        Tensor m = ShapeKernels.reshape(CreationKernels.arange(0L, 9L, 1L, DType.FLOAT32), new int[]{3, 3});
        JitScopeException overlap = assertThrows(JitScopeException.class, () -> ElementwiseKernels.binaryInPlace(Binary.ADD, m, ShapeKernels.select(m, 0, 0), null));
        assertTrue(overlap.getMessage().startsWith("unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location"));

        JitScopeException e = assertThrows(JitScopeException.class,
                () -> ElementwiseKernels.binaryInPlace(Binary.ADD, CreationKernels.arange(0L, 4L, 1L, null), 0.5, null));
        assertEquals("result type Float can't be cast to the desired output type Long", e.getMessage());
        e = assertThrows(JitScopeException.class, () -> ElementwiseKernels.add(CreationKernels.zeros(new int[]{2, 3}, null), CreationKernels.zeros(new int[]{4}, null), 1L));
        assertEquals("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", e.getMessage());
    }

    @Test
    void promotionTable() {
        assertEquals(DType.INT16, TypePromotion.promote(DType.UINT8, DType.INT8));
        assertEquals(DType.FLOAT32, TypePromotion.resultType(Tensor.zeros(DType.INT64, 2), 2.5));
        assertEquals(DType.UINT8, TypePromotion.resultType(Tensor.zeros(DType.UINT8, 2), 1000L));
        assertEquals(DType.FLOAT64, TypePromotion.resultType(Tensor.zeros(DType.INT32), Tensor.zeros(DType.FLOAT64)));
        assertEquals(DType.FLOAT16, TypePromotion.resultType(Tensor.zeros(DType.FLOAT16, 3), Tensor.zeros(DType.FLOAT64)));
    }
}
