package dev.jitscope.app.workbench.graph;

import dev.jitscope.ir.Node;
import dev.jitscope.ir.Value;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only PropertySheet rows describing one IR node. */
public final class NodeProperties {
    private NodeProperties() {}

    /** Node first: the sheet's accordion opens its first category, and the kind is what users look for. */
    public static final Comparator<String> CATEGORY_ORDER =
            Comparator.comparingInt(c -> List.of("Node", "Inputs", "Outputs", "Attributes").indexOf(c));

    public static List<PropertySheet.Item> of(Node n) {
        List<PropertySheet.Item> items = new ArrayList<>();
        items.add(new Row("Node", "kind", n.kind()));
        items.add(new Row("Node", "schema", n.schema() == null ? "(unresolved)" : n.schema().toString()));
        items.add(new Row("Node", "source", n.range() == null ? "(none)" : n.range().location()));
        if (n.scope() != null && !n.scope().isEmpty()) items.add(new Row("Node", "scope", n.scope()));
        for (int i = 0; i < n.inputs().size(); i++) {
            items.add(new Row("Inputs", "input " + i, ValueLabels.nameAndType(n.inputs().get(i))));
        }
        for (int i = 0; i < n.outputs().size(); i++) {
            Value v = n.outputs().get(i);
            items.add(new Row("Outputs", "output " + i, ValueLabels.nameAndType(v)));
        }
        for (Map.Entry<String, Object> a : n.attributes().entrySet()) {
            items.add(new Row("Attributes", a.getKey(), String.valueOf(a.getValue())));
        }
        if (!n.blocks().isEmpty()) items.add(new Row("Node", "blocks", String.valueOf(n.blocks().size())));
        return items;
    }

    /** One row; read-only because the sheet inspects the IR, it does not edit it. */
    public record Row(String category, String name, String value) implements PropertySheet.Item {
        @Override public Class<?> getType() { return String.class; }
        @Override public String getCategory() { return category; }
        @Override public String getName() { return name; }
        @Override public String getDescription() { return value; }
        @Override public Object getValue() { return value; }
        @Override public void setValue(Object v) { }
        @Override public boolean isEditable() { return false; }
        @Override public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(new ReadOnlyStringWrapper(value));
        }
    }
}
