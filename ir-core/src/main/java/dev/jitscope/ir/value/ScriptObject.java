package dev.jitscope.ir.value;

import dev.jitscope.ir.type.ClassType;
import java.util.ArrayList;
import java.util.List;

/** An instance of a {@link ClassType} (usually a module): one slot per attribute, in the type's order. */
public final class ScriptObject {
    private final ClassType type;
    private final List<Object> slots = new ArrayList<>();

    public ScriptObject(ClassType type) {
        this.type = type;
        for (int i = 0; i < type.attributes().size(); i++) slots.add(null);
    }

    public ClassType type() { return type; }

    public Object getAttr(String name) {
        int i = type.findAttribute(name);
        if (i < 0) throw new IllegalArgumentException(type.qualifiedName() + " has no attribute " + name);
        return i < slots.size() ? slots.get(i) : null;
    }

    public void setAttr(String name, Object value) {
        int i = type.findAttribute(name);
        if (i < 0) throw new IllegalArgumentException(type.qualifiedName() + " has no attribute " + name);
        while (slots.size() <= i) slots.add(null);
        slots.set(i, value);
    }

    public Object slot(int i) { return i < slots.size() ? slots.get(i) : null; }
}
