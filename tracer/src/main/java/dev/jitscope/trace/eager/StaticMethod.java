package dev.jitscope.trace.eager;

/** A @staticmethod: called without binding an instance. */
record StaticMethod(PyFunction function) { }
