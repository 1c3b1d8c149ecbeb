package dev.jitscope.ir.archive;

/**
 * An instance of one of the archive's own {@code __torch__.*} classes as the pickle describes it:
 * the class name and the state given to BUILD (for modules a dict of attribute name to value).
 * Nothing of the class is run; the importer later turns this into a ScriptObject.
 */
public final class PickledObject {
    private final String qualifiedName;
    private Object state;

    public PickledObject(String qualifiedName) { this.qualifiedName = qualifiedName; }

    public String qualifiedName() { return qualifiedName; }

    /** The BUILD state: a LinkedHashMap for plain objects, whatever __getstate__ returned otherwise; null before BUILD. */
    public Object state() { return state; }

    void setState(Object state) { this.state = state; }

    @Override public String toString() { return qualifiedName + "(" + state + ")"; }
}
