package dev.jitscope.ir.schema;

import java.util.List;

/**
 * An alias annotation of a schema type: {@code (a)} (may alias set a), {@code (a!)} (writes set a),
 * {@code (a -> *)} (enters the wildcard set, e.g. stored into a list), {@code (*)}, {@code (b|a)}.
 */
public record AliasInfo(List<String> beforeSets, List<String> afterSets, boolean isWrite) {
    public AliasInfo {
        beforeSets = List.copyOf(beforeSets);
        afterSets = List.copyOf(afterSets);
    }

    public static AliasInfo of(String set, boolean isWrite) { return new AliasInfo(List.of(set), List.of(set), isWrite); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("(").append(String.join("|", beforeSets));
        if (!afterSets.equals(beforeSets)) sb.append(" -> ").append(String.join("|", afterSets));
        if (isWrite) sb.append('!');
        return sb.append(')').toString();
    }
}
