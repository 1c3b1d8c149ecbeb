package dev.jitscope.runtime;

import dev.jitscope.kernels.cpu.*;
import dev.jitscope.kernels.cpu.ElementwiseKernels.Binary;
import dev.jitscope.kernels.cpu.UnaryKernels.Op;
import dev.jitscope.tensor.Tensor;

import static dev.jitscope.runtime.Args.*;

/** Registrations of the tensor-math operators (elementwise, views, reductions, creation) under PyTorch's schemas. */
final class AtenTensorOps {
    private AtenTensorOps() { }

    static void registerAll(OperatorRegistry r) {
        binary(r, "add", Binary.ADD, true);
        binary(r, "sub", Binary.SUB, true);
        binary(r, "mul", Binary.MUL, false);
        binary(r, "div", Binary.DIV, false);
        binary(r, "remainder", Binary.REMAINDER, false);
        binary(r, "floor_divide", Binary.FLOOR_DIVIDE, false);
        r.register("aten::rsub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", a -> ElementwiseKernels.sub(a[1], a[0], a[2]));
        r.register("aten::rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", a -> ElementwiseKernels.sub(a[1], a[0], a[2]));
        r.register("aten::div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor", a -> ElementwiseKernels.div(a[0], a[1], (String) a[2]));
        r.register("aten::div.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor", a -> ElementwiseKernels.div(a[0], a[1], (String) a[2]));
        r.register("aten::pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor", a -> ElementwiseKernels.binary(Binary.POW, a[0], a[1], null));
        r.register("aten::pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor", a -> ElementwiseKernels.binary(Binary.POW, a[0], a[1], null));
        r.register("aten::pow.Scalar(Scalar self, Tensor exponent) -> Tensor", a -> ElementwiseKernels.binary(Binary.POW, a[0], a[1], null));
        r.register("aten::maximum(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.MAXIMUM, a[0], a[1], null));
        r.register("aten::minimum(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.MINIMUM, a[0], a[1], null));
        r.register("aten::atan2(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.ATAN2, a[0], a[1], null));
        for (String[] c : new String[][]{{"eq", "EQ"}, {"ne", "NE"}, {"lt", "LT"}, {"le", "LE"}, {"gt", "GT"}, {"ge", "GE"}}) {
            Binary op = Binary.valueOf(c[1]);
            r.register("aten::" + c[0] + ".Tensor(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(op, a[0], a[1], null));
            r.register("aten::" + c[0] + ".Scalar(Tensor self, Scalar other) -> Tensor", a -> ElementwiseKernels.binary(op, a[0], a[1], null));
        }
        for (String[] c : new String[][]{{"logical_and", "LOGICAL_AND"}, {"logical_or", "LOGICAL_OR"}, {"logical_xor", "LOGICAL_XOR"},
                {"bitwise_and", "BITWISE_AND"}, {"bitwise_or", "BITWISE_OR"}, {"bitwise_xor", "BITWISE_XOR"}}) {
            Binary op = Binary.valueOf(c[1]);
            r.register("aten::" + c[0] + "(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(op, a[0], a[1], null));
        }
        r.register("aten::__and__.Tensor(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.BITWISE_AND, a[0], a[1], null));
        r.register("aten::__or__.Tensor(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.BITWISE_OR, a[0], a[1], null));
        r.register("aten::__xor__.Tensor(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.BITWISE_XOR, a[0], a[1], null));
        r.register("aten::__invert__(Tensor self) -> Tensor", a -> UnaryKernels.unary(Op.BITWISE_NOT, t(a[0])));
        r.register("aten::where.self(Tensor condition, Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.where(t(a[0]), a[1], a[2]));
        r.register("aten::where.ScalarOther(Tensor condition, Tensor self, Scalar other) -> Tensor", a -> ElementwiseKernels.where(t(a[0]), a[1], a[2]));
        r.register("aten::masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor", a -> IndexingKernels.maskedFill(t(a[0]), t(a[1]), a[2]));
        r.register("aten::masked_fill.Tensor(Tensor self, Tensor mask, Tensor value) -> Tensor", a -> IndexingKernels.maskedFill(t(a[0]), t(a[1]), a[2]));

        unary(r, "neg", Op.NEG); unary(r, "abs", Op.ABS); unary(r, "exp", Op.EXP); unary(r, "log", Op.LOG); unary(r, "log2", Op.LOG2);
        unary(r, "log10", Op.LOG10); unary(r, "log1p", Op.LOG1P); unary(r, "expm1", Op.EXPM1); unary(r, "sqrt", Op.SQRT); unary(r, "rsqrt", Op.RSQRT);
        unary(r, "reciprocal", Op.RECIPROCAL); unary(r, "sin", Op.SIN); unary(r, "cos", Op.COS); unary(r, "tan", Op.TAN); unary(r, "asin", Op.ASIN);
        unary(r, "acos", Op.ACOS); unary(r, "atan", Op.ATAN); unary(r, "sinh", Op.SINH); unary(r, "cosh", Op.COSH); unary(r, "tanh", Op.TANH);
        unary(r, "sigmoid", Op.SIGMOID); unary(r, "erf", Op.ERF); unary(r, "floor", Op.FLOOR); unary(r, "ceil", Op.CEIL); unary(r, "round", Op.ROUND);
        unary(r, "trunc", Op.TRUNC); unary(r, "sign", Op.SIGN); unary(r, "relu", Op.RELU); unary(r, "silu", Op.SILU); unary(r, "mish", Op.MISH);
        unary(r, "hardswish", Op.HARDSWISH); unary(r, "hardsigmoid", Op.HARDSIGMOID); unary(r, "relu6", Op.RELU6);
        unary(r, "logical_not", Op.LOGICAL_NOT); unary(r, "bitwise_not", Op.BITWISE_NOT);
        r.register("aten::gelu(Tensor self, *, str approximate='none') -> Tensor", a -> ActivationKernels.gelu(t(a[0]), (String) a[1]));
        r.register("aten::leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor", a -> ActivationKernels.leakyRelu(t(a[0]), d(a[1])));
        r.register("aten::leaky_relu_(Tensor(a!) self, Scalar negative_slope=0.01) -> Tensor(a!)", a -> UnaryKernels.unaryInPlace(Op.LEAKY_RELU, t(a[0]), d(a[1]), 0));
        r.register("aten::elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor", a -> ActivationKernels.elu(t(a[0]), d(a[1])));
        r.register("aten::hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor", a -> ActivationKernels.hardtanh(t(a[0]), d(a[1]), d(a[2])));
        r.register("aten::hardtanh_(Tensor(a!) self, Scalar min_val=-1, Scalar max_val=1) -> Tensor(a!)", a -> UnaryKernels.unaryInPlace(Op.HARDTANH, t(a[0]), d(a[1]), d(a[2])));
        r.register("aten::softplus(Tensor self, Scalar beta=1, Scalar threshold=20) -> Tensor", a -> ActivationKernels.softplus(t(a[0]), d(a[1]), d(a[2])));
        r.register("aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor", a -> ActivationKernels.clamp(t(a[0]), optD(a[1]), optD(a[2])));
        r.register("aten::clamp_(Tensor(a!) self, Scalar? min=None, Scalar? max=None) -> Tensor(a!)",
                a -> UnaryKernels.unaryInPlace(Op.CLAMP, t(a[0]), a[1] == null ? Double.NEGATIVE_INFINITY : d(a[1]), a[2] == null ? Double.POSITIVE_INFINITY : d(a[2])));
        r.register("aten::clamp_min(Tensor self, Scalar min) -> Tensor", a -> ActivationKernels.clamp(t(a[0]), d(a[1]), null));
        r.register("aten::clamp_max(Tensor self, Scalar max) -> Tensor", a -> ActivationKernels.clamp(t(a[0]), null, d(a[1])));
        r.register("aten::dropout(Tensor input, float p, bool train) -> Tensor", a -> ActivationKernels.dropout(t(a[0]), d(a[1]), b(a[2])));
        r.register("aten::dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)", a -> ActivationKernels.dropout(t(a[0]), d(a[1]), b(a[2])));
        r.register("aten::feature_dropout(Tensor input, float p, bool train) -> Tensor", a -> ActivationKernels.dropout(t(a[0]), d(a[1]), b(a[2])));
        r.register("aten::softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor", a -> ReductionKernels.softmax(t(a[0]), i(a[1]), dtype(a[2]), false));
        r.register("aten::log_softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor", a -> ReductionKernels.softmax(t(a[0]), i(a[1]), dtype(a[2]), true));

        // views and shapes
        r.register("aten::view(Tensor(a) self, int[] size) -> Tensor(a)", a -> ShapeKernels.view(t(a[0]), ints(a[1])));
        r.register("aten::reshape(Tensor(a) self, int[] shape) -> Tensor(a)", a -> ShapeKernels.reshape(t(a[0]), ints(a[1])));
        r.register("aten::flatten.using_ints(Tensor(a) self, int start_dim=0, int end_dim=-1) -> Tensor(a)", a -> ShapeKernels.flatten(t(a[0]), i(a[1]), i(a[2])));
        r.register("aten::transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)", a -> ShapeKernels.transpose(t(a[0]), i(a[1]), i(a[2])));
        r.register("aten::t(Tensor(a) self) -> Tensor(a)", a -> ShapeKernels.t(t(a[0])));
        r.register("aten::permute(Tensor(a) self, int[] dims) -> Tensor(a)", a -> ShapeKernels.permute(t(a[0]), ints(a[1])));
        r.register("aten::unsqueeze(Tensor(a) self, int dim) -> Tensor(a)", a -> ShapeKernels.unsqueeze(t(a[0]), i(a[1])));
        r.register("aten::squeeze(Tensor(a) self) -> Tensor(a)", a -> ShapeKernels.squeeze(t(a[0])));
        r.register("aten::squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)", a -> ShapeKernels.squeeze(t(a[0]), i(a[1])));
        r.register("aten::slice.Tensor(Tensor(a) self, int dim=0, int? start=None, int? end=None, int step=1) -> Tensor(a)",
                a -> ShapeKernels.slice(t(a[0]), i(a[1]), (Long) a[2], (Long) a[3], l(a[4])));
        r.register("aten::narrow(Tensor(a) self, int dim, int start, int length) -> Tensor(a)", a -> ShapeKernels.narrow(t(a[0]), i(a[1]), l(a[2]), l(a[3])));
        r.register("aten::select.int(Tensor(a) self, int dim, int index) -> Tensor(a)", a -> ShapeKernels.select(t(a[0]), i(a[1]), l(a[2])));
        r.register("aten::expand(Tensor(a) self, int[] size, *, bool implicit=False) -> Tensor(a)", a -> ShapeKernels.expand(t(a[0]), ints(a[1])));
        r.register("aten::expand_as(Tensor(a) self, Tensor other) -> Tensor(a)", a -> ShapeKernels.expandAs(t(a[0]), t(a[1])));
        r.register("aten::view_as(Tensor(a) self, Tensor other) -> Tensor(a)", a -> ShapeKernels.view(t(a[0]), t(a[1]).shape()));
        r.register("aten::reshape_as(Tensor(a) self, Tensor other) -> Tensor(a)", a -> ShapeKernels.reshape(t(a[0]), t(a[1]).shape()));
        r.register("aten::contiguous(Tensor(a) self, *, MemoryFormat memory_format=0) -> Tensor(a)", a -> ShapeKernels.contiguous(t(a[0])));
        r.register("aten::chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]", a -> list(ShapeKernels.chunk(t(a[0]), i(a[1]), i(a[2]))));
        r.register("aten::split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]", a -> list(ShapeKernels.split(t(a[0]), i(a[1]), i(a[2]))));
        r.register("aten::split_with_sizes(Tensor(a -> *) self, int[] split_sizes, int dim=0) -> Tensor(a)[]", a -> list(ShapeKernels.splitWithSizes(t(a[0]), ints(a[1]), i(a[2]))));
        r.register("aten::unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]", a -> list(ShapeKernels.unbind(t(a[0]), i(a[1]))));
        r.register("aten::cat(Tensor[] tensors, int dim=0) -> Tensor", a -> JoinKernels.cat(tensors(a[0]), i(a[1])));
        r.register("aten::stack(Tensor[] tensors, int dim=0) -> Tensor", a -> JoinKernels.stack(tensors(a[0]), i(a[1])));
        r.register("aten::size.int(Tensor self, int dim) -> int", a -> (long) t(a[0]).size(ShapeKernels.wrapDim(i(a[1]), t(a[0]).dim())));
        r.register("aten::size(Tensor self) -> int[]", a -> longs(t(a[0]).shape()));
        r.register("aten::dim(Tensor self) -> int", a -> (long) t(a[0]).dim());
        r.register("aten::numel(Tensor self) -> int", a -> (long) t(a[0]).numel());
        r.register("aten::len.Tensor(Tensor t) -> int", a -> (long) t(a[0]).size(0));

        // in-place arithmetic, with aliasing through views
        for (String[] c : new String[][]{{"add_", "ADD"}, {"sub_", "SUB"}}) {
            Binary op = Binary.valueOf(c[1]);
            r.register("aten::" + c[0] + ".Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)", a -> ElementwiseKernels.binaryInPlace(op, t(a[0]), a[1], a[2]));
            r.register("aten::" + c[0] + ".Scalar(Tensor(a!) self, Scalar other, Scalar alpha=1) -> Tensor(a!)", a -> ElementwiseKernels.binaryInPlace(op, t(a[0]), a[1], a[2]));
        }
        for (String[] c : new String[][]{{"mul_", "MUL"}, {"div_", "DIV"}}) {
            Binary op = Binary.valueOf(c[1]);
            r.register("aten::" + c[0] + ".Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)", a -> ElementwiseKernels.binaryInPlace(op, t(a[0]), a[1], null));
            r.register("aten::" + c[0] + ".Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)", a -> ElementwiseKernels.binaryInPlace(op, t(a[0]), a[1], null));
        }
        r.register("aten::relu_(Tensor(a!) self) -> Tensor(a!)", a -> ActivationKernels.relu_(t(a[0])));
        r.register("aten::sigmoid_(Tensor(a!) self) -> Tensor(a!)", a -> UnaryKernels.unaryInPlace(Op.SIGMOID, t(a[0]), 0, 0));
        r.register("aten::tanh_(Tensor(a!) self) -> Tensor(a!)", a -> UnaryKernels.unaryInPlace(Op.TANH, t(a[0]), 0, 0));
        r.register("aten::hardswish_(Tensor(a!) self) -> Tensor(a!)", a -> UnaryKernels.unaryInPlace(Op.HARDSWISH, t(a[0]), 0, 0));
        r.register("aten::silu_(Tensor(a!) self) -> Tensor(a!)", a -> UnaryKernels.unaryInPlace(Op.SILU, t(a[0]), 0, 0));
        r.register("aten::copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)", a -> CreationKernels.copy_(t(a[0]), t(a[1])));
        r.register("aten::fill_.Scalar(Tensor(a!) self, Scalar value) -> Tensor(a!)", a -> CreationKernels.fill(t(a[0]), a[1]));
        r.register("aten::zero_(Tensor(a!) self) -> Tensor(a!)", a -> CreationKernels.fill(t(a[0]), 0L));

        // reductions
        r.register("aten::sum(Tensor self, *, ScalarType? dtype=None) -> Tensor", a -> ReductionKernels.sum(t(a[0]), null, false, dtype(a[1])));
        r.register("aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
                a -> ReductionKernels.sum(t(a[0]), optInts(a[1]), b(a[2]), dtype(a[3])));
        r.register("aten::mean(Tensor self, *, ScalarType? dtype=None) -> Tensor", a -> ReductionKernels.mean(t(a[0]), null, false, dtype(a[1])));
        r.register("aten::mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
                a -> ReductionKernels.mean(t(a[0]), optInts(a[1]), b(a[2]), dtype(a[3])));
        r.register("aten::prod(Tensor self, *, ScalarType? dtype=None) -> Tensor", a -> ReductionKernels.prod(t(a[0]), null, false, dtype(a[1])));
        r.register("aten::prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
                a -> ReductionKernels.prod(t(a[0]), new int[]{i(a[1])}, b(a[2]), dtype(a[3])));
        r.register("aten::max(Tensor self) -> Tensor", a -> ReductionKernels.amaxAmin(t(a[0]), null, false, true));
        r.register("aten::min(Tensor self) -> Tensor", a -> ReductionKernels.amaxAmin(t(a[0]), null, false, false));
        r.register("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)", a -> ReductionKernels.maxMin(t(a[0]), i(a[1]), b(a[2]), true));
        r.register("aten::min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)", a -> ReductionKernels.maxMin(t(a[0]), i(a[1]), b(a[2]), false));
        r.register("aten::max.other(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.MAXIMUM, a[0], a[1], null));
        r.register("aten::min.other(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(Binary.MINIMUM, a[0], a[1], null));
        r.register("aten::amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor", a -> ReductionKernels.amaxAmin(t(a[0]), ints(a[1]), b(a[2]), true));
        r.register("aten::amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor", a -> ReductionKernels.amaxAmin(t(a[0]), ints(a[1]), b(a[2]), false));
        r.register("aten::argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor", a -> ReductionKernels.argMaxMin(t(a[0]), optI(a[1]), b(a[2]), true));
        r.register("aten::argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor", a -> ReductionKernels.argMaxMin(t(a[0]), optI(a[1]), b(a[2]), false));
        r.register("aten::var(Tensor self, bool unbiased=True) -> Tensor", a -> ReductionKernels.var(t(a[0]), null, b(a[1]) ? 1 : 0, false, false));
        r.register("aten::var.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor", a -> ReductionKernels.var(t(a[0]), optInts(a[1]), b(a[2]) ? 1 : 0, b(a[3]), false));
        r.register("aten::std(Tensor self, bool unbiased=True) -> Tensor", a -> ReductionKernels.var(t(a[0]), null, b(a[1]) ? 1 : 0, false, true));
        r.register("aten::std.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor", a -> ReductionKernels.var(t(a[0]), optInts(a[1]), b(a[2]) ? 1 : 0, b(a[3]), true));
        r.register("aten::norm.Scalar(Tensor self, Scalar p=2) -> Tensor", a -> ReductionKernels.norm(t(a[0]), d(a[1]), null, false));
        r.register("aten::norm.ScalarOpt_dim(Tensor self, Scalar? p, int[1] dim, bool keepdim=False) -> Tensor",
                a -> ReductionKernels.norm(t(a[0]), a[1] == null ? 2 : d(a[1]), ints(a[2]), b(a[3])));
        r.register("aten::all(Tensor self) -> Tensor", a -> ReductionKernels.allAny(t(a[0]), null, false, true));
        r.register("aten::any(Tensor self) -> Tensor", a -> ReductionKernels.allAny(t(a[0]), null, false, false));

        // creation and conversion
        String opts = ", *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None";
        r.register("aten::zeros(int[] size" + opts + ") -> Tensor", a -> CreationKernels.zeros(ints(a[0]), dtype(a[1])));
        r.register("aten::ones(int[] size" + opts + ") -> Tensor", a -> CreationKernels.ones(ints(a[0]), dtype(a[1])));
        r.register("aten::empty.memory_format(int[] size" + opts + ", MemoryFormat? memory_format=None) -> Tensor", a -> CreationKernels.empty(ints(a[0]), dtype(a[1])));
        r.register("aten::full(int[] size, Scalar fill_value" + opts + ") -> Tensor", a -> CreationKernels.full(ints(a[0]), a[1], dtype(a[2])));
        r.register("aten::zeros_like(Tensor self" + opts + ", MemoryFormat? memory_format=None) -> Tensor", a -> CreationKernels.zerosLike(t(a[0]), dtype(a[1])));
        r.register("aten::ones_like(Tensor self" + opts + ", MemoryFormat? memory_format=None) -> Tensor", a -> CreationKernels.onesLike(t(a[0]), dtype(a[1])));
        r.register("aten::empty_like(Tensor self" + opts + ", MemoryFormat? memory_format=None) -> Tensor", a -> CreationKernels.emptyLike(t(a[0]), dtype(a[1])));
        r.register("aten::full_like(Tensor self, Scalar fill_value" + opts + ", MemoryFormat? memory_format=None) -> Tensor", a -> CreationKernels.fullLike(t(a[0]), a[1], dtype(a[2])));
        r.register("aten::arange(Scalar end" + opts + ") -> Tensor", a -> CreationKernels.arange(0L, a[0], 1L, dtype(a[1])));
        r.register("aten::arange.start(Scalar start, Scalar end" + opts + ") -> Tensor", a -> CreationKernels.arange(a[0], a[1], 1L, dtype(a[2])));
        r.register("aten::arange.start_step(Scalar start, Scalar end, Scalar step=1" + opts + ") -> Tensor", a -> CreationKernels.arange(a[0], a[1], a[2], dtype(a[3])));
        r.register("aten::scalar_tensor(Scalar s" + opts + ") -> Tensor", a -> CreationKernels.scalarTensor(a[0], dtype(a[1]) == null ? dev.jitscope.tensor.DType.FLOAT32 : dtype(a[1])));
        r.register("aten::to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)",
                a -> CreationKernels.to(t(a[0]), dtype(a[1]), b(a[3])));
        r.register("aten::clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor", a -> CreationKernels.clone(t(a[0])));
        r.register("aten::type_as(Tensor self, Tensor other) -> Tensor", a -> CreationKernels.to(t(a[0]), t(a[1]).dtype(), false));
        r.register("aten::to.prim_dtype(Tensor(a) self, int? dtype=None, bool non_blocking=False, bool copy=False) -> Tensor(a)",
                a -> a[1] == null ? (b(a[3]) ? CreationKernels.clone(t(a[0])) : t(a[0])) : CreationKernels.to(t(a[0]), dtype(a[1]), b(a[3])));
        r.register("aten::to.prim_Device(Tensor(a) self, Device? device, int? dtype=None, bool non_blocking=False, bool copy=False) -> Tensor(a)",
                a -> a[2] == null ? (b(a[4]) ? CreationKernels.clone(t(a[0])) : t(a[0])) : CreationKernels.to(t(a[0]), dtype(a[2]), b(a[4])));
        r.register("aten::to.device(Tensor(a) self, Device device, ScalarType dtype, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)",
                a -> CreationKernels.to(t(a[0]), dtype(a[2]), b(a[4])));
        r.register("aten::to.other(Tensor(a) self, Tensor other, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)",
                a -> CreationKernels.to(t(a[0]), t(a[1]).dtype(), b(a[3])));
        r.register("aten::float(Tensor self) -> Tensor", a -> CreationKernels.to(t(a[0]), dev.jitscope.tensor.DType.FLOAT32, false));
    }

    private static void binary(OperatorRegistry r, String name, Binary op, boolean alpha) {
        if (alpha) {
            r.register("aten::" + name + ".Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", a -> ElementwiseKernels.binary(op, a[0], a[1], a[2]));
            r.register("aten::" + name + ".Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", a -> ElementwiseKernels.binary(op, a[0], a[1], a[2]));
        } else {
            r.register("aten::" + name + ".Tensor(Tensor self, Tensor other) -> Tensor", a -> ElementwiseKernels.binary(op, a[0], a[1], null));
            r.register("aten::" + name + ".Scalar(Tensor self, Scalar other) -> Tensor", a -> ElementwiseKernels.binary(op, a[0], a[1], null));
        }
    }

    private static void unary(OperatorRegistry r, String name, Op op) {
        r.register("aten::" + name + "(Tensor self) -> Tensor", a -> UnaryKernels.unary(op, (Tensor) a[0]));
    }
}
