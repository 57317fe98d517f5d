package io.switchboard.config;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A kind of value the config holds (a duration, a list of endpoints, the upstream section) and how to read one from
 * the YAML tree.
 *
 * @param <T> what a value of this kind becomes
 */
interface ValueType<T> {
    /** Returns what a right value looks like, for messages: {@code a rate such as 10/s}. */
    String expected();

    /** Returns the value read, or null after reporting to the value's file why it could not be read. */
    @Nullable
    T read(Value value);

    /** Returns a scalar type whose text {@code parser} turns into a value, throwing when the text is wrong. */
    static <T> ValueType<T> scalar(String expected, ScalarType.Parser<T> parser) {
        return new ScalarType<>(expected, parser, false);
    }

    /** Returns a scalar type whose text is secret: problems show only its {@code ${NAME}} references. */
    static <T> ValueType<T> secret(String expected, ScalarType.Parser<T> parser) {
        return new ScalarType<>(expected, parser, true);
    }

    /** Returns a mapping type that {@code binder} reads key by key; unknown keys are reported when it is done. */
    static <T> ValueType<T> section(String expected, Function<Section, @Nullable T> binder) {
        return new SectionType<>(expected, binder);
    }

    /** Returns a list type of at least {@code minimum} items. */
    static <T> ValueType<List<T>> listOf(String expected, ValueType<T> item, int minimum) {
        return new ListType<>(expected, item, minimum, false);
    }

    /** Returns a list type of at least {@code minimum} items, none equal to another. */
    static <T> ValueType<List<T>> distinctListOf(String expected, ValueType<T> item, int minimum) {
        return new ListType<>(expected, item, minimum, true);
    }
}
