package io.switchboard.config;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A value written as one scalar: its {@code ${NAME}} references are resolved first, then the text is parsed.
 *
 * @param expected what a right value looks like
 * @param parser turns the resolved text into the value
 * @param sensitive whether the text is a secret, shown in messages only by its references
 * @param <T> what the text becomes
 */
record ScalarType<T>(String expected, Parser<T> parser, boolean sensitive) implements ValueType<T> {

    /** Turns a scalar's resolved text into a value. */
    @FunctionalInterface
    interface Parser<T> {
        /**
         * Returns the value the text stands for.
         *
         * @throws IllegalArgumentException when it stands for none; an {@link UnexpectedValue} says precisely why
         */
        T parse(String text);
    }

    @Override
    public @Nullable T read(Value value) {
        if (!(value.node() instanceof ScalarNode scalar) || value.isEmpty()) {
            value.report(ValueText.describe(value.node(), sensitive) + " (expected: " + expected + ")");
            return null;
        }
        String raw = scalar.getValue();
        // Messages show the text as written, never as resolved: a resolved value may be a secret.
        String shown = sensitive ? ValueText.secret(raw) : ValueText.quoted(raw);
        VariableSubstitution.Result result = value.source().variables().resolve(raw);
        if (result instanceof VariableSubstitution.Missing missing) {
            value.report(shown + " (expected: " + unset(missing.names()) + ")");
            return null;
        }
        if (result instanceof VariableSubstitution.Malformed malformed) {
            value.report(shown + " (expected: " + malformed.expected() + ")");
            return null;
        }
        String text = ((VariableSubstitution.Resolved) result).text();
        try {
            return parser.parse(text);
        } catch (UnexpectedValue e) {
            value.report(shown + " (expected: " + e.expected() + ")");
        } catch (IllegalArgumentException e) {
            // The exception's own message may quote the resolved text, so only the type's expectation is shown.
            value.report(shown + " (expected: " + expected + ")");
        }
        return null;
    }

    private static String unset(List<String> names) {
        if (names.size() == 1) {
            String name = names.get(0);
            return "the environment variable " + name + " to be set, or a default as in ${" + name + ":-value}";
        }
        return "the environment variables " + String.join(", ", names) + " to be set";
    }
}
