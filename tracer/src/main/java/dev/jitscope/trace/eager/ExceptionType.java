package dev.jitscope.trace.eager;

/** A built-in exception class (ValueError, RuntimeError, ...): calling it makes a {@link PyException}. */
record ExceptionType(String name) {
    @Override public String toString() { return "<class '" + name + "'>"; }
}
