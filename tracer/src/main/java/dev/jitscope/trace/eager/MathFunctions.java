package dev.jitscope.trace.eager;

import dev.jitscope.diag.JitScopeException;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Python's math module on Python floats and ints. */
final class MathFunctions {
    private MathFunctions() { }

    static Object get(String name) {
        switch (name) {
            case "pi": return Math.PI;
            case "e": return Math.E;
            case "tau": return 2 * Math.PI;
            case "inf": return Double.POSITIVE_INFINITY;
            case "nan": return Double.NaN;
            case "sqrt": return unary(name, Math::sqrt);
            case "exp": return unary(name, Math::exp);
            case "cos": return unary(name, Math::cos);
            case "sin": return unary(name, Math::sin);
            case "tan": return unary(name, Math::tan);
            case "acos": return unary(name, Math::acos);
            case "asin": return unary(name, Math::asin);
            case "atan": return unary(name, Math::atan);
            case "tanh": return unary(name, Math::tanh);
            case "fabs": return unary(name, Math::abs);
            case "log2": return unary(name, x -> Math.log(x) / Math.log(2));
            case "log10": return unary(name, Math::log10);
            case "log1p": return unary(name, Math::log1p);
            case "expm1": return unary(name, Math::expm1);
            case "erf": return unary(name, MathFunctions::erf);
            case "floor": return (NativeFunction) (a, k, r) -> (long) Math.floor(num(a.get(0)));
            case "ceil": return (NativeFunction) (a, k, r) -> (long) Math.ceil(num(a.get(0)));
            case "trunc": return (NativeFunction) (a, k, r) -> (long) num(a.get(0));
            case "isnan": return (NativeFunction) (a, k, r) -> Double.isNaN(num(a.get(0)));
            case "isinf": return (NativeFunction) (a, k, r) -> Double.isInfinite(num(a.get(0)));
            case "isfinite": return (NativeFunction) (a, k, r) -> Double.isFinite(num(a.get(0)));
            case "pow": return (NativeFunction) (a, k, r) -> Math.pow(num(a.get(0)), num(a.get(1)));
            case "atan2": return (NativeFunction) (a, k, r) -> Math.atan2(num(a.get(0)), num(a.get(1)));
            case "copysign": return (NativeFunction) (a, k, r) -> Math.copySign(num(a.get(0)), num(a.get(1)));
            case "log": return (NativeFunction) (a, k, r) -> {
                double x = num(a.get(0));
                if (x <= 0) throw new JitScopeException("ValueError: math domain error", r);
                return a.size() > 1 ? Math.log(x) / Math.log(num(a.get(1))) : Math.log(x);
            };
            case "gcd": return (NativeFunction) (a, k, r) -> {
                long x = Math.abs((Long) a.get(0)), y = Math.abs((Long) a.get(1));
                while (y != 0) { long t = x % y; x = y; y = t; }
                return x;
            };
            case "factorial": return (NativeFunction) (a, k, r) -> {
                long f = 1;
                for (long i = 2; i <= (Long) a.get(0); i++) f *= i;
                return f;
            };
            case "prod": return (NativeFunction) (a, k, r) -> {
                Object acc = 1L;
                for (Object o : (List<?>) (a.get(0) instanceof dev.jitscope.ir.value.Tuple t ? t.items() : a.get(0))) {
                    acc = acc instanceof Long x && o instanceof Long y ? (Object) (x * y) : (Object) (num(acc) * num(o));
                }
                return acc;
            };
            default: return PyClass.MISSING;
        }
    }

    private static double num(Object o) {
        if (o instanceof Boolean b) return b ? 1 : 0;
        return ((Number) o).doubleValue();
    }

    private static NativeFunction unary(String name, DoubleUnaryOperator f) {
        return (a, k, r) -> {
            if (a.size() != 1 || !(a.get(0) instanceof Number || a.get(0) instanceof Boolean))
                throw new JitScopeException("TypeError: math." + name + "() takes one number", r);
            double x = num(a.get(0));
            double y = f.applyAsDouble(x);
            if (Double.isNaN(y) && !Double.isNaN(x)) throw new JitScopeException("ValueError: math domain error", r);
            return y;
        };
    }

    /** Abramowitz-Stegun 7.1.26 refined by one Newton step is not exact enough; use the series/continued fraction. */
    static double erf(double x) {
        double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }
}
