package dev.jitscope.trace.diff;

import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far the traced model's results are from the scripted model's on one input set: tensors
 * elementwise within a relative tolerance (|traced - scripted| <= tol * max(1, |scripted|)), other
 * values by equality, walking into tuples, lists and dicts.
 *
 * @param differs    some leaf differs beyond the tolerance, or shapes, dtypes or structure differ
 * @param maxAbsDiff the largest elementwise difference over the tensors compared (NaN when none could be)
 * @param reason     the first difference, as a path and what differs; null when none
 */
public record OutputDifference(boolean differs, double maxAbsDiff, String reason) {
    /** The bound: outputs differ beyond 1e-4 relative. */
    public static final double TOLERANCE = 1e-4;

    public static OutputDifference of(List<Object> scripted, List<Object> traced) {
        Walker w = new Walker();
        if (scripted.size() != traced.size()) w.fail("outputs", scripted.size() + " results (scripted) vs " + traced.size() + " (traced)");
        for (int i = 0; i < Math.min(scripted.size(), traced.size()); i++) w.compare("output " + i, scripted.get(i), traced.get(i));
        return new OutputDifference(w.reason != null, w.compared ? w.maxAbs : Double.NaN, w.reason);
    }

    private static final class Walker {
        double maxAbs;
        boolean compared;
        String reason;

        void fail(String path, String why) { if (reason == null) reason = path + ": " + why; }

        void compare(String path, Object a, Object b) {
            if (a instanceof Tensor x && b instanceof Tensor y) tensors(path, x, y);
            else if (a instanceof Tuple x && b instanceof Tuple y) sequences(path, x.items(), y.items());
            else if (a instanceof List<?> x && b instanceof List<?> y) sequences(path, x, y);
            else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
                if (!x.keySet().equals(y.keySet())) { fail(path, "keys " + x.keySet() + " vs " + y.keySet()); return; }
                for (Object k : x.keySet()) compare(path + "[" + k + "]", x.get(k), y.get(k));
            } else if (a instanceof Double x && b instanceof Double y) {
                double d = Math.abs(x - y);
                compared = true;
                maxAbs = Math.max(maxAbs, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
                if (!close(x, y)) fail(path, "scripted " + x + ", traced " + y);
            } else if (!Objects.equals(a, b)) fail(path, "scripted " + a + ", traced " + b);
        }

        void sequences(String path, List<?> a, List<?> b) {
            if (a.size() != b.size()) { fail(path, "length " + a.size() + " (scripted) vs " + b.size() + " (traced)"); return; }
            for (int i = 0; i < a.size(); i++) compare(path + "[" + i + "]", a.get(i), b.get(i));
        }

        void tensors(String path, Tensor a, Tensor b) {
            if (!Arrays.equals(a.shape(), b.shape())) {
                fail(path, "shape " + Arrays.toString(a.shape()) + " (scripted) vs " + Arrays.toString(b.shape()) + " (traced)");
                return;
            }
            if (a.dtype() != b.dtype()) { fail(path, "dtype " + a.dtype() + " (scripted) vs " + b.dtype() + " (traced)"); return; }
            compared = true;
            String first = null;
            for (int i = 0; i < a.numel(); i++) {
                double x = a.getDouble(i), y = b.getDouble(i);
                if (Double.isNaN(x) && Double.isNaN(y)) continue;
                double d = Math.abs(x - y);
                maxAbs = Math.max(maxAbs, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
                if (first == null && !close(x, y)) first = "element " + i + ": scripted " + x + ", traced " + y;
            }
            if (first != null) fail(path, first);
        }

        static boolean close(double scripted, double traced) {
            if (scripted == traced) return true;
            return Math.abs(scripted - traced) <= TOLERANCE * Math.max(1, Math.abs(scripted));
        }
    }
}
