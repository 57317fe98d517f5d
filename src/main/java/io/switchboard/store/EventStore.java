package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The events: appended once, listed newest first with filters and cursor paging. */
public final class EventStore {
    private static final String COLUMNS = "id, time_us, connector, kind, severity, message, actor, details";
    private static final String INSERT =
            "INSERT INTO event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

    private final Database database;

    EventStore(Database database) {
        this.database = database;
    }

    /** Stores the event; an event whose id is already stored is left as it is. */
    public void append(Event event) throws StoreException {
        requireNonNull(event, "event");
        database.write("append a " + event.kind() + " event", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                bind(statement, event);
                return statement.executeUpdate();
            }
        });
    }

    /** Stores the events in one transaction (for a backlog written after an outage); known ids are skipped. */
    public void appendAll(Collection<Event> events) throws StoreException {
        List<Event> batch = List.copyOf(events);
        if (batch.isEmpty()) {
            return;
        }
        database.write("append " + batch.size() + " events", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                for (Event event : batch) {
                    bind(statement, event);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    /** Returns one page of the events the query selects, newest first. */
    public EventPage list(EventQuery query) throws StoreException {
        requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM event WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (query.connector() != null) {
            sql.append(" AND connector = ?");
            arguments.add(query.connector());
        }
        if (query.since() != null) {
            sql.append(" AND time_us >= ?");
            arguments.add(Database.micros(query.since()));
        }
        if (query.until() != null) {
            sql.append(" AND time_us < ?");
            arguments.add(Database.micros(query.until()));
        }
        if (!query.kinds().isEmpty()) {
            sql.append(" AND kind IN (")
                    .append("?, ".repeat(query.kinds().size() - 1))
                    .append("?)");
            arguments.addAll(query.kinds().stream().sorted().toList());
        }
        if (query.before() != null) {
            EventCursor cursor = EventCursor.parse(query.before());
            sql.append(" AND (time_us < ? OR (time_us = ? AND id < ?))");
            arguments.add(cursor.timeMicros());
            arguments.add(cursor.timeMicros());
            arguments.add(cursor.id());
        }
        // One more than asked for tells whether another page follows.
        sql.append(" ORDER BY time_us DESC, id DESC LIMIT ?");
        arguments.add(query.limit() + 1);
        return database.read("list events", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < arguments.size(); i++) {
                    statement.setObject(i + 1, arguments.get(i));
                }
                List<Event> events = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        events.add(event(rows));
                    }
                }
                if (events.size() <= query.limit()) {
                    return new EventPage(events, null);
                }
                List<Event> page = events.subList(0, query.limit());
                return new EventPage(page, EventCursor.of(page.getLast()).text());
            }
        });
    }

    private static void bind(PreparedStatement statement, Event event) throws SQLException {
        statement.setString(1, event.id());
        statement.setLong(2, Database.micros(event.time()));
        Database.setNullableString(statement, 3, event.connector());
        statement.setString(4, event.kind());
        statement.setString(5, event.severity().wireName());
        statement.setString(6, event.message());
        Database.setNullableString(statement, 7, event.actor());
        statement.setString(8, event.details());
    }

    private static Event event(ResultSet rows) throws SQLException {
        return new Event(
                rows.getString("id"),
                Database.instant(rows.getLong("time_us")),
                rows.getString("connector"),
                rows.getString("kind"),
                Severity.parse(rows.getString("severity")),
                rows.getString("message"),
                rows.getString("actor"),
                rows.getString("details"));
    }
}
