package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which events to list, newest first: {@code EventQuery.newest(50).withConnector("sms-alpha")}.
 *
 * @param connector only this connector's events; null for all (including the gateway's own)
 * @param since only events at or after this time; null for no lower bound
 * @param until only events before this time; null for no upper bound
 * @param kinds only these kinds; empty for all
 * @param limit at most this many events on the page, 1 to {@link #MAX_LIMIT}
 * @param before the {@link EventPage#next()} cursor of the previous page; null for the first page
 */
public record EventQuery(
        @Nullable String connector,
        @Nullable Instant since,
        @Nullable Instant until,
        Set<String> kinds,
        int limit,
        @Nullable String before) {
    /** The most events one page may hold. */
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        kinds = Set.copyOf(kinds);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "event limit " + limit + " is out of range (expected: 1 to " + MAX_LIMIT + ")");
        }
        if (before != null) {
            EventCursor.parse(before);
        }
    }

    /** Returns a query for the newest {@code limit} events of every connector and kind. */
    public static EventQuery newest(int limit) {
        return new EventQuery(null, null, null, Set.of(), limit, null);
    }

    public EventQuery withConnector(String connector) {
        return new EventQuery(requireNonNull(connector, "connector"), since, until, kinds, limit, before);
    }

    public EventQuery withSince(Instant since) {
        return new EventQuery(connector, requireNonNull(since, "since"), until, kinds, limit, before);
    }

    public EventQuery withUntil(Instant until) {
        return new EventQuery(connector, since, requireNonNull(until, "until"), kinds, limit, before);
    }

    public EventQuery withKinds(Set<String> kinds) {
        return new EventQuery(connector, since, until, kinds, limit, before);
    }

    /** Returns this query for the page after the one that gave {@code cursor}. */
    public EventQuery withBefore(String cursor) {
        return new EventQuery(connector, since, until, kinds, limit, requireNonNull(cursor, "cursor"));
    }
}
