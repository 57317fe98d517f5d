package io.switchboard.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping being read key by key. It remembers which keys a binder asked for, so that every other key can be
 * reported as unknown; adding a key to the config is one more {@code optional(...)} line in a binder.
 *
 * <p>Duplicate keys are reported as the mapping is read (the first one counts), and YAML merge keys ({@code <<:
 * *defaults}) are applied, with keys written in the mapping itself winning over merged ones.
 */
final class Section {
    /**
     * One key of the mapping and its value as written.
     *
     * @param key the key's text
     * @param keyNode the key, for its place in the file
     * @param valueNode the value
     */
    record Entry(String key, Node keyNode, Node valueNode) {}

    private final Value value;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private boolean everyKeyKnown;

    Section(Value value) {
        this.value = value;
        if (value.node() instanceof MappingNode mapping) {
            collect(mapping);
        }
    }

    String path() {
        return value.path();
    }

    SourceFile source() {
        return value.source();
    }

    /** Returns the key's value read as {@code type}, or null when the key is absent or its value is wrong. */
    <T> @Nullable T optional(String key, ValueType<T> type) {
        known.add(key);
        Entry entry = entries.get(key);
        return entry == null ? null : type.read(valueOf(entry));
    }

    /** Returns the key's value read as {@code type}, or {@code fallback} when the key is absent or its value wrong. */
    <T> T optional(String key, ValueType<T> type, T fallback) {
        T read = optional(key, type);
        return read == null ? fallback : read;
    }

    /** Returns the key's value read as {@code type}, or null after reporting it missing or wrong. */
    <T> @Nullable T required(String key, ValueType<T> type) {
        if (!entries.containsKey(key)) {
            known.add(key);
            // A missing key has no place of its own, so the problem points at the mapping that lacks it.
            source().report(value.mark(), value.child(key), "missing key (expected: " + type.expected() + ")");
            return null;
        }
        return optional(key, type);
    }

    /** Returns whether the key is written in this mapping (asking does not make the key known). */
    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Returns every entry, for mappings whose keys are names (connector ids) rather than a fixed set. */
    List<Entry> entries() {
        everyKeyKnown = true;
        return List.copyOf(entries.values());
    }

    /** Returns the value of one entry, placed and named for problems. */
    Value valueOf(Entry entry) {
        Node node = entry.valueNode();
        // Nothing written after the colon has no useful place of its own; the key is where the reader should look.
        Mark mark = ValueText.isEmpty(node) ? entry.keyNode().getStartMark() : node.getStartMark();
        return new Value(node, mark, value.child(entry.key()), value.source());
    }

    /** Reports a problem with the mapping as a whole. */
    void report(String message) {
        value.report(message);
    }

    /** Reports a problem with the value of {@code key}, or with the mapping when the key is absent. */
    void report(String key, String message) {
        Entry entry = entries.get(key);
        if (entry == null) {
            value.report(message);
        } else {
            valueOf(entry).report(message);
        }
    }

    /** Returns the value of {@code key} as written, quoted for a message, or {@code absent} when it is not written. */
    String shown(String key, String absent) {
        Entry entry = entries.get(key);
        return entry == null ? absent : ValueText.describe(entry.valueNode(), false);
    }

    /** Returns the secret value of {@code key} as it may be shown: its references only. */
    String shownSecret(String key) {
        Entry entry = entries.get(key);
        return entry == null ? "nothing" : ValueText.describe(entry.valueNode(), true);
    }

    /** Reports each key that no binder asked for, with the nearest known key as a hint. */
    void reportUnknownKeys() {
        if (everyKeyKnown) {
            return;
        }
        for (Entry entry : entries.values()) {
            if (!known.contains(entry.key())) {
                String expected = known.isEmpty() ? "no keys here" : "one of " + String.join(", ", known);
                source().report(
                                entry.keyNode().getStartMark(),
                                value.child(entry.key()),
                                "unknown key (expected: " + expected + DidYouMean.hint(entry.key(), known) + ")");
            }
        }
    }

    private void collect(MappingNode mapping) {
        List<Node> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merged.add(tuple.getValueNode());
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalar) || ValueText.isEmpty(keyNode)) {
                source().report(
                                keyNode.getStartMark(),
                                value.path(),
                                ValueText.describe(keyNode, false) + " as a key (expected: a plain key such as retry)");
                continue;
            }
            String key = scalar.getValue();
            Entry first = entries.get(key);
            if (first != null) {
                Mark firstMark = first.keyNode().getStartMark();
                source().report(
                                keyNode.getStartMark(),
                                value.child(key),
                                "duplicate key (expected: each key once; the first is at line "
                                        + (firstMark.getLine() + 1) + ", column " + (firstMark.getColumn() + 1) + ")");
                continue;
            }
            entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
        }
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node node : merged) {
            merge(node, visited);
        }
    }

    /** Adds the keys of a merged mapping that this mapping does not have yet; earlier merges win, as YAML says. */
    private void merge(Node node, Set<Node> visited) {
        // An alias may point back at a mapping that merges itself; each node is merged once.
        if (!visited.add(node)) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                merge(item, visited);
            }
            return;
        }
        if (!(node instanceof MappingNode mapping)) {
            source().report(
                            node.getStartMark(),
                            value.child("<<"),
                            ValueText.describe(node, false)
                                    + " (expected: a mapping, or a list of mappings, to merge in)");
            return;
        }
        List<Node> nested = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                nested.add(tuple.getValueNode());
            } else if (keyNode instanceof ScalarNode scalar && !ValueText.isEmpty(keyNode)) {
                entries.putIfAbsent(scalar.getValue(), new Entry(scalar.getValue(), keyNode, tuple.getValueNode()));
            }
        }
        for (Node inner : nested) {
            merge(inner, visited);
        }
    }
}
