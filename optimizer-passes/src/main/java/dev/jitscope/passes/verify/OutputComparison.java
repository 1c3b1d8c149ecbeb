package dev.jitscope.passes.verify;

import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two runs of a graph (before and after a pipeline) produced the same results: tensors
 * elementwise within a relative tolerance (|a - b| <= tol * max(1, |a|)), everything else by equality,
 * walking into tuples, lists and dicts.
 *
 * @param equal      every leaf matched
 * @param maxAbsDiff largest elementwise difference over all tensors (0 without tensors)
 * @param mismatch   the first difference, as a path and a reason ("output 0[1]: shape [2, 3] vs [3, 2]"); null when equal
 */
public record OutputComparison(boolean equal, double maxAbsDiff, String mismatch) {

    public static OutputComparison of(List<Object> expected, List<Object> actual, double relTol) {
        Walker w = new Walker(relTol);
        if (expected.size() != actual.size()) w.fail("outputs", expected.size() + " results vs " + actual.size());
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) w.compare("output " + i, expected.get(i), actual.get(i));
        return new OutputComparison(w.mismatch == null, w.maxAbs, w.mismatch);
    }

    private static final class Walker {
        final double tol;
        double maxAbs;
        String mismatch;

        Walker(double tol) { this.tol = tol; }

        void fail(String path, String why) { if (mismatch == null) mismatch = path + ": " + why; }

        void compare(String path, Object a, Object b) {
            if (a instanceof Tensor x && b instanceof Tensor y) tensors(path, x, y);
            else if (a instanceof Tuple x && b instanceof Tuple y) sequences(path, x.items(), y.items());
            else if (a instanceof List<?> x && b instanceof List<?> y) sequences(path, x, y);
            else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
                if (!x.keySet().equals(y.keySet())) { fail(path, "keys " + x.keySet() + " vs " + y.keySet()); return; }
                for (Object k : x.keySet()) compare(path + "[" + k + "]", x.get(k), y.get(k));
            } else if (a instanceof Double x && b instanceof Double y) {
                if (!close(x, y)) fail(path, x + " vs " + y);
            } else if (!Objects.equals(a, b)) fail(path, a + " vs " + b);
        }

        void sequences(String path, List<?> a, List<?> b) {
            if (a.size() != b.size()) { fail(path, "length " + a.size() + " vs " + b.size()); return; }
            for (int i = 0; i < a.size(); i++) compare(path + "[" + i + "]", a.get(i), b.get(i));
        }

        void tensors(String path, Tensor a, Tensor b) {
            if (!Arrays.equals(a.shape(), b.shape())) { fail(path, "shape " + Arrays.toString(a.shape()) + " vs " + Arrays.toString(b.shape())); return; }
            if (a.dtype() != b.dtype()) { fail(path, "dtype " + a.dtype() + " vs " + b.dtype()); return; }
            for (int i = 0; i < a.numel(); i++) {
                double x = a.getDouble(i), y = b.getDouble(i);
                if (Double.isNaN(x) && Double.isNaN(y)) continue;
                double d = Math.abs(x - y);
                if (d > maxAbs || Double.isNaN(d)) maxAbs = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                if (!close(x, y)) { fail(path, "element " + i + ": " + x + " vs " + y); return; }
            }
        }

        boolean close(double x, double y) {
            if (x == y) return true;
            return Math.abs(x - y) <= tol * Math.max(1, Math.abs(x));
        }
    }
}
