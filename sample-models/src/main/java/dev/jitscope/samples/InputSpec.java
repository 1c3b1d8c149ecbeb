package dev.jitscope.samples;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one argument of a sample's {@code forward} looks like, written {@code float32[2,4]} or
 * {@code int64[2,6]:0..20}: a numpy dtype name, the shape, and for integer tensors the range
 * random values are drawn from ({@code low} inclusive, {@code high} exclusive, as
 * {@code torch.randint}). Floating tensors are standard normal. Tests, the workbench's run panel
 * and the trace/script diff all generate inputs from it.
 *
 * @param dtype numpy dtype name: float32, float64, int64, int32, bool
 * @param shape sizes, outermost first
 * @param low   smallest integer value (integer dtypes; 0 otherwise)
 * @param high  one past the largest integer value (integer dtypes; 0 otherwise)
 */
public record InputSpec(String dtype, int[] shape, long low, long high) {
    private static final Pattern FORM = Pattern.compile("(float32|float64|int64|int32|bool)\\[([0-9, ]*)](?::(-?\\d+)\\.\\.(-?\\d+))?");

    public InputSpec {
        shape = shape.clone();
    }

    public static InputSpec parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches())
            throw new IllegalArgumentException("input spec '" + text + "' is not of the form float32[2,4] or int64[2,6]:0..20");
        String dims = m.group(2).replace(" ", "");
        int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        boolean integral = m.group(1).startsWith("int");
        if (!integral && m.group(3) != null)
            throw new IllegalArgumentException("input spec '" + text + "': a value range applies to integer tensors only");
        long low = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        long high = m.group(4) == null ? (integral ? 10 : 0) : Long.parseLong(m.group(4));
        if (integral && high <= low)
            throw new IllegalArgumentException("input spec '" + text + "': empty value range " + low + ".." + high);
        return new InputSpec(m.group(1), shape, low, high);
    }

    @Override
    public int[] shape() { return shape.clone(); }

    public boolean isIntegral() { return dtype.startsWith("int"); }

    /** The written form, e.g. {@code int64[2,6]:0..20}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype).append('[');
        for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ",").append(shape[i]);
        sb.append(']');
        if (isIntegral()) sb.append(':').append(low).append("..").append(high);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && s.dtype.equals(dtype) && Arrays.equals(s.shape, shape) && s.low == low && s.high == high;
    }

    @Override
    public int hashCode() { return 31 * dtype.hashCode() + Arrays.hashCode(shape); }
}
