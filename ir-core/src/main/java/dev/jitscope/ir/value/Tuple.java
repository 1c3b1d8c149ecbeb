package dev.jitscope.ir.value;

import java.util.List;

/**
 * Runtime value mapping (IValue-like), used everywhere values cross module boundaries:
 * Tensor → dev.jitscope.tensor.Tensor, int → Long, float → Double, bool → Boolean, str → String,
 * None → null, List → java.util.List (mutable ArrayList), Tuple → this record, Dict →
 * java.util.LinkedHashMap, Device → {@link Device}, objects/modules → {@link ScriptObject}.
 */
public record Tuple(List<Object> items) {
    public static Tuple of(Object... items) { return new Tuple(java.util.Arrays.asList(items)); }
    public Object get(int i) { return items.get(i); }
    public int size() { return items.size(); }
}
