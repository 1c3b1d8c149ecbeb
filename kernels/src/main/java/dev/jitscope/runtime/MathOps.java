package dev.jitscope.runtime;

import java.util.function.DoubleUnaryOperator;

import static dev.jitscope.runtime.Args.d;
import static dev.jitscope.runtime.Args.l;

/** Python's math module on ints and floats (math.sqrt, math.floor, ...), as TorchScript's scalar overloads. */
final class MathOps {
    private MathOps() { }

    static void registerAll(OperatorRegistry r) {
        unary(r, "sqrt", Math::sqrt);
        unary(r, "exp", Math::exp);
        unary(r, "log", Math::log);
        unary(r, "log10", Math::log10);
        unary(r, "sin", Math::sin);
        unary(r, "cos", Math::cos);
        unary(r, "tan", Math::tan);
        unary(r, "tanh", Math::tanh);
        unary(r, "fabs", Math::abs);
        unary(r, "round", Math::rint);   // TorchScript rounds half to even, like Python 3
        for (String f : new String[]{"floor", "ceil"}) {
            DoubleUnaryOperator op = f.equals("floor") ? Math::floor : Math::ceil;
            r.register("aten::" + f + ".int(int a) -> int", a -> l(a[0]));
            r.register("aten::" + f + ".float(float a) -> int", a -> (long) op.applyAsDouble(d(a[0])));
            r.register("aten::" + f + ".Scalar(Scalar a) -> Scalar", a -> a[0] instanceof Long v ? v : (Object) (long) op.applyAsDouble(d(a[0])));
        }
        r.register("aten::pow.float(float a, float b) -> float", a -> Math.pow(d(a[0]), d(a[1])));
        r.register("aten::pow.int_float(int a, float b) -> float", a -> Math.pow(d(a[0]), d(a[1])));
        r.register("aten::pow.float_int(float a, int b) -> float", a -> Math.pow(d(a[0]), d(a[1])));
        r.register("aten::log.int_int(int a, int b) -> float", a -> Math.log(d(a[0])) / Math.log(d(a[1])));
        r.register("aten::log.float_float(float a, float b) -> float", a -> Math.log(d(a[0])) / Math.log(d(a[1])));
    }

    /** The .int, .float and .Scalar overloads of a float-valued math function. */
    private static void unary(OperatorRegistry r, String name, DoubleUnaryOperator op) {
        r.register("aten::" + name + ".int(int a) -> float", a -> op.applyAsDouble(d(a[0])));
        r.register("aten::" + name + ".float(float a) -> float", a -> op.applyAsDouble(d(a[0])));
        r.register("aten::" + name + ".Scalar(Scalar a) -> Scalar", a -> op.applyAsDouble(d(a[0])));
    }
}
