package dev.jitscope.ir;

import java.util.Arrays;
import java.util.List;

/**
 * Where the parts of a generated text came from: a TorchScript archive's {@code code/*.py} is
 * printed from graphs whose nodes pointed into the user's file, and its {@code .debug_pkl} records,
 * for each offset where the printer switched nodes, the original range of that node. A range of
 * the generated text maps to the last record at or before its start (PyTorch's
 * {@code findSourceRangeThatGenerated}).
 */
public final class SourceOrigins {

    /**
     * From character {@code offset} of the generated text on (until the next origin), the text was
     * printed from a node of {@code range}; a null range means that node had no source location.
     */
    public record Origin(int offset, SourceRange range) { }

    private final int[] offsets;
    private final Origin[] origins;

    /** @param origins in increasing offset order (as debug_pkl stores them) */
    public SourceOrigins(List<Origin> origins) {
        this.origins = origins.toArray(new Origin[0]);
        this.offsets = new int[this.origins.length];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = this.origins[i].offset();
            if (i > 0 && offsets[i] < offsets[i - 1])
                throw new IllegalArgumentException("origins out of order at offset " + offsets[i]);
        }
    }

    public int size() { return origins.length; }

    public List<Origin> all() { return List.of(origins); }

    /** The origin covering character {@code offset} of the generated text, or null when none starts before it. */
    public Origin originOf(int offset) {
        int i = Arrays.binarySearch(offsets, offset);
        if (i < 0) i = -i - 2;
        else while (i + 1 < offsets.length && offsets[i + 1] == offset) i++;   // several records at one offset: the last wins, as upper_bound
        return i < 0 ? null : origins[i];
    }
}
