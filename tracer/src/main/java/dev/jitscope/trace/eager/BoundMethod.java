package dev.jitscope.trace.eager;

/** {@code obj.method} for a method defined in source: calling it passes obj as the first argument. */
record BoundMethod(Object self, PyFunction function) {
    @Override public String toString() { return "<bound method " + function.name() + ">"; }
}
