package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scalar value with values from the environment given by the
 * caller; <code>$${</code> stands for a literal <code>${</code>.
 */
final class VariableSubstitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    VariableSubstitution(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** What became of one scalar's text. */
    sealed interface Result {}

    /** Every reference was resolved; {@code text} may hold secrets and must never reach a message. */
    record Resolved(String text) implements Result {}

    /** Variables that are not set and have no default, in the order they are written. */
    record Missing(List<String> names) implements Result {}

    /** The text has a <code>${</code> that is no valid reference; {@code expected} says what would be. */
    record Malformed(String expected) implements Result {}

    /** Returns whether the text refers to a variable at all (<code>$${</code> escapes do not count). */
    static boolean refersToVariables(String raw) {
        return raw.replace("$${", "").contains("${");
    }

    Result resolve(String raw) {
        if (raw.indexOf('$') < 0) {
            return new Resolved(raw);
        }
        StringBuilder text = new StringBuilder(raw.length());
        List<String> missing = new ArrayList<>();
        int at = 0;
        while (at < raw.length()) {
            if (raw.startsWith("$${", at)) {
                text.append("${");
                at += 3;
            } else if (raw.startsWith("${", at)) {
                int close = raw.indexOf('}', at + 2);
                if (close < 0) {
                    return new Malformed("a closing } after ${, or $${ for a literal ${");
                }
                String inside = raw.substring(at + 2, close);
                int separator = inside.indexOf(":-");
                String name = separator < 0 ? inside : inside.substring(0, separator);
                if (!NAME.matcher(name).matches()) {
                    return new Malformed(
                            "a variable name of letters, digits and underscores inside ${...}, or $${ for a literal ${");
                }
                String value = environment.get(name);
                // As in the shell, ":-" also replaces a variable that is set but empty.
                if (separator >= 0 && (value == null || value.isEmpty())) {
                    value = inside.substring(separator + 2);
                }
                if (value == null) {
                    missing.add(name);
                } else {
                    text.append(value);
                }
                at = close + 1;
            } else {
                text.append(raw.charAt(at));
                at++;
            }
        }
        return missing.isEmpty() ? new Resolved(text.toString()) : new Missing(List.copyOf(missing));
    }
}
