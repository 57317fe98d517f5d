package io.switchboard.admin;

import io.switchboard.store.Event;
import io.switchboard.store.EventPage;
import io.switchboard.store.EventQuery;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/** Reads the events API's query parameters and writes its answers. */
final class EventQueries {
    private static final int DEFAULT_LIMIT = 100;

    private EventQueries() {}

    /**
     * Returns the query for {@code ?connector=&since=&until=&kind=&limit=&before=}; throws IllegalArgumentException with
     * a message for the caller when a parameter is malformed.
     */
    static EventQuery from(MultiMap params) {
        EventQuery query = EventQuery.newest(limit(params.get("limit")));
        String connector = params.get("connector");
        if (connector != null && !connector.isBlank()) {
            query = query.withConnector(connector);
        }
        String since = params.get("since");
        if (since != null && !since.isBlank()) {
            query = query.withSince(instant("since", since));
        }
        String until = params.get("until");
        if (until != null && !until.isBlank()) {
            query = query.withUntil(instant("until", until));
        }
        if (!params.getAll("kind").isEmpty()) {
            query = query.withKinds(Set.copyOf(params.getAll("kind")));
        }
        String before = params.get("before");
        if (before != null && !before.isBlank()) {
            query = query.withBefore(before);
        }
        return query;
    }

    private static int limit(@org.jspecify.annotations.Nullable String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "limit \"" + text + "\" is not a number (expected: 1 to " + EventQuery.MAX_LIMIT + ")", e);
        }
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " \"" + text + "\" is not a time (expected: ISO-8601 UTC such as 2026-11-26T14:00:00Z)", e);
        }
    }

    /** Returns a page of events as the API's JSON. */
    static JsonObject toJson(EventPage page) {
        JsonArray events = new JsonArray();
        for (Event event : page.events()) {
            events.add(new JsonObject()
                    .put("id", event.id())
                    .put("time", event.time().toString())
                    .put("connector", event.connector())
                    .put("kind", event.kind())
                    .put("severity", event.severity().name().toLowerCase(Locale.ROOT))
                    .put("message", event.message())
                    .put("actor", event.actor())
                    .put("details", new JsonObject(event.details())));
        }
        return new JsonObject().put("events", events).put("next", page.next());
    }
}
