package io.switchboard.store;

import java.util.Locale;

/** How much an event matters: {@code info}, {@code warning} or {@code critical}. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** Returns the name used in the store, the API and webhooks: {@code info}, {@code warning}, {@code critical}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name such as {@code warning}. */
    public static Severity parse(String wireName) {
        for (Severity severity : values()) {
            if (severity.wireName().equals(wireName)) {
                return severity;
            }
        }
        throw new IllegalArgumentException(
                "severity \"" + wireName + "\" is not one of info, warning, critical (expected one of them)");
    }
}
