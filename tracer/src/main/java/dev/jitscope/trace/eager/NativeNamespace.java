package dev.jitscope.trace.eager;

import dev.jitscope.ir.SourceRange;

import java.util.function.BiFunction;

/**
 * A module implemented in Java (torch, torch.nn, math, typing, ...): attribute lookup by name,
 * {@link PyClass#MISSING} for unknown names.
 */
final class NativeNamespace {
    final String name;
    private final BiFunction<String, SourceRange, Object> lookup;

    NativeNamespace(String name, BiFunction<String, SourceRange, Object> lookup) {
        this.name = name;
        this.lookup = lookup;
    }

    Object get(String attr, SourceRange range) { return lookup.apply(attr, range); }

    @Override public String toString() { return "<module '" + name + "'>"; }
}
