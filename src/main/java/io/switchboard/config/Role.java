package io.switchboard.config;

import java.util.Locale;

/** What an admin token may do; each role includes the ones below it: viewer &lt; operator &lt; admin. */
public enum Role {
    /** Reads everything. */
    VIEWER,
    /** Also switches connectors on and off. */
    OPERATOR,
    /** Also validates and reloads the config. */
    ADMIN;

    /** Returns whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** Returns the name used in YAML and the API. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
