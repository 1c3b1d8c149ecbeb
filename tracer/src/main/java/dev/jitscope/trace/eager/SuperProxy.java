package dev.jitscope.trace.eager;

/** {@code super()} inside a method of {@code owner}: attribute lookup starts at owner's base. */
record SuperProxy(PyClass owner, Object self) { }
