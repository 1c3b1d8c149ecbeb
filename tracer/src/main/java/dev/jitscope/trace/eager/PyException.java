package dev.jitscope.trace.eager;

/** An exception instance; `raise` turns it into a JitScopeException at the raise statement. */
record PyException(String type, String message) {
    @Override public String toString() { return message.isEmpty() ? type : type + ": " + message; }
}
