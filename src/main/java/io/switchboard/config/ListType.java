package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A value written as a list of items of one type; an empty value reads as an empty list.
 *
 * @param expected what a right list looks like
 * @param item the type of each item
 * @param minimum how many items the list needs at least
 * @param distinct whether two equal items are a problem
 * @param <T> what each item becomes
 */
record ListType<T>(String expected, ValueType<T> item, int minimum, boolean distinct) implements ValueType<List<T>> {
    @Override
    public @Nullable List<T> read(Value value) {
        if (!(value.node() instanceof SequenceNode) && !value.isEmpty()) {
            value.report(ValueText.describe(value.node(), false) + " (expected: " + expected + ")");
            return null;
        }
        List<Node> nodes = value.node() instanceof SequenceNode sequence ? sequence.getValue() : List.of();
        if (nodes.size() < minimum) {
            value.report((nodes.isEmpty() ? "an empty list" : "a list of " + nodes.size()) + " (expected: " + expected
                    + ")");
        }
        List<T> items = new ArrayList<>(nodes.size());
        List<Integer> indexes = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Value itemValue = new Value(node, node.getStartMark(), value.path() + "[" + i + "]", value.source());
            T read = item.read(itemValue);
            if (read == null) {
                continue;
            }
            int earlier = items.indexOf(read);
            if (distinct && earlier >= 0) {
                itemValue.report(ValueText.describe(node, false) + " (expected: each item once; it repeats ["
                        + indexes.get(earlier) + "])");
                continue;
            }
            items.add(read);
            indexes.add(i);
        }
        return items;
    }
}
