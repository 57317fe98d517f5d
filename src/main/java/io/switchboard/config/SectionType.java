package io.switchboard.config;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * A value written as a mapping of known keys, read by a binder function; an empty value ({@code retry:} with nothing
 * after it) reads as a mapping with no keys, so every key takes its default.
 *
 * @param expected what a right value looks like
 * @param binder reads the keys it knows and builds the value
 * @param <T> what the mapping becomes
 */
record SectionType<T>(String expected, Function<Section, @Nullable T> binder) implements ValueType<T> {
    @Override
    public @Nullable T read(Value value) {
        if (!(value.node() instanceof MappingNode) && !value.isEmpty()) {
            value.report(ValueText.describe(value.node(), false) + " (expected: " + expected + ")");
            return null;
        }
        Section section = new Section(value);
        T result = binder.apply(section);
        section.reportUnknownKeys();
        return result;
    }
}
