package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a connector or to the gateway and is worth telling an operator: a lamp changed, a switch
 * was pressed, the config was reloaded, a threshold was crossed, the store went away.
 *
 * @param id unique and made by the caller, see {@link #newId(Instant, RandomGenerator)}; appending the same id again
 *     does nothing, so a write can be retried safely
 * @param time when it happened; kept to the microsecond
 * @param connector the connector it concerns, or null for the gateway as a whole
 * @param kind what happened, in kebab-case, such as {@link #LAMP_CHANGED}
 * @param severity how much it matters
 * @param message one human sentence, such as "connector 'sms-alpha' switched off by ops-console: provider outage"
 * @param actor who caused it (an admin token's name), or null when nobody did
 * @param details a JSON object with the particulars, as text; {@code {}} when there are none. The store does not
 *     parse it.
 */
public record Event(
        String id,
        Instant time,
        @Nullable String connector,
        String kind,
        Severity severity,
        String message,
        @Nullable String actor,
        String details) {
    /** A connector's lamp changed colour. */
    public static final String LAMP_CHANGED = "lamp-changed";

    /** A connector was switched off or on. */
    public static final String SWITCHED = "switched";

    /** The configuration was reloaded (or a reload was refused). */
    public static final String CONFIG_RELOADED = "config-reloaded";

    /** A resource reading crossed a warn or critical threshold. */
    public static final String THRESHOLD_CROSSED = "threshold-crossed";

    /** The store became unreachable, or reachable again. */
    public static final String STORE_OUTAGE = "store-outage";

    /** The provider a capability sends its calls to changed (or none is usable any more, or one is again). */
    public static final String PROVIDER_CHANGED = "provider-changed";

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Event {
        requireNonNull(id, "id");
        requireNonNull(time, "time");
        requireNonNull(kind, "kind");
        requireNonNull(severity, "severity");
        requireNonNull(message, "message");
        requireNonNull(details, "details");
        if (id.isEmpty() || id.contains(EventCursor.SEPARATOR)) {
            throw new IllegalArgumentException(
                    "event id \"" + id + "\" is empty or holds '" + EventCursor.SEPARATOR + "' (expected: a UUID)");
        }
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException(
                    "event kind \"" + kind + "\" is not kebab-case (expected: such as lamp-changed)");
        }
    }

    /**
     * Returns a new event id: a version 7 UUID, which starts with the time in milliseconds, so ids sort roughly by
     * time and are unique across nodes.
     */
    public static String newId(Instant time, RandomGenerator random) {
        long millis = time.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
