package dev.jitscope.app.workbench.run;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.tensor.Npy;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * An input as the user types it: the path of a {@code .npy} file; for a tensor a shape such as
 * {@code 1, 4} (standard normal values), optionally shifted, {@code 1, 4 + 2}; for a scalar a number.
 */
public final class InputText {
    private InputText() { }

    /**
     * @param seed the random values' seed: the same text gives the same tensor, so runs compare
     * @throws JitScopeException naming the input when the text is none of the accepted forms
     */
    public static Object parse(String name, String type, String text, long seed) {
        String s = text == null ? "" : text.trim();
        if (s.endsWith(".npy")) return Npy.read(Path.of(s));
        if (!type.startsWith("Tensor")) {
            try {
                return s.contains(".") ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new JitScopeException("input " + name + ": '" + s + "' is not a number");
            }
        }
        double shift = 0;
        int plus = s.indexOf('+');
        int[] shape;
        try {
            if (plus >= 0) {
                shift = Double.parseDouble(s.substring(plus + 1).trim());
                s = s.substring(0, plus);
            }
            shape = Arrays.stream(s.replace("(", "").replace(")", "").split("[,x ]+")).filter(t -> !t.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new JitScopeException("input " + name + ": '" + text.trim() + "' is neither a shape like 1, 4 (or 1, 4 + 2) nor a .npy path");
        }
        Random random = new Random(seed);
        float[] data = new float[Tensor.numel(shape)];
        for (int i = 0; i < data.length; i++) data[i] = (float) (random.nextGaussian() + shift);
        return Tensor.contiguous(Storage.wrap(data), shape);
    }
}
