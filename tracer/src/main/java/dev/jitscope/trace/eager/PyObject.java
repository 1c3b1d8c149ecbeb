package dev.jitscope.trace.eager;

import java.util.LinkedHashMap;
import java.util.Map;

/** An instance of a source-defined class: its attributes in assignment order. */
public class PyObject {
    private final PyClass type;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public PyObject(PyClass type) { this.type = type; }

    public PyClass type() { return type; }

    /** Plain attributes in insertion order (for modules: neither parameters, buffers nor submodules). */
    public Map<String, Object> attributes() { return attributes; }

    @Override public String toString() { return "<" + type.qualifiedName() + " object>"; }
}
