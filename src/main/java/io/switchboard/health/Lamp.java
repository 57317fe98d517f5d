package io.switchboard.health;

import java.util.Locale;

/** A connector's colour on the wall, ordered from best to worst for "the worst signal wins". */
public enum Lamp {
    /** All is well. */
    GREEN,
    /** Closed by its schedule: not broken, just not taking calls now. */
    GREY,
    /** Degraded: over an objective, a resource under its warning level. */
    YELLOW,
    /** Not usable: switched off, breaker open, failing check, resource under its critical level. */
    RED;

    /** Returns the name used in the API and events ({@code green}, ...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the worse of the two. */
    public Lamp worst(Lamp other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
