package io.switchboard.store;

import java.util.Locale;

/** Where a resource reading stands against its thresholds: {@code ok}, {@code warn}, {@code critical} or {@code unknown}. */
public enum ResourceLevel {
    OK,
    WARN,
    CRITICAL,
    /** The probe failed, so the value is not known. */
    UNKNOWN;

    /** Returns the name used in the store and the API: {@code ok}, {@code warn}, {@code critical}, {@code unknown}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name such as {@code warn}. */
    public static ResourceLevel parse(String wireName) {
        for (ResourceLevel level : values()) {
            if (level.wireName().equals(wireName)) {
                return level;
            }
        }
        throw new IllegalArgumentException(
                "resource level \"" + wireName + "\" is not one of ok, warn, critical, unknown (expected one of them)");
    }
}
