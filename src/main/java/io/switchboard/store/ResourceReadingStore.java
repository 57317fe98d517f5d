package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The readings of the connectors' resource probes, with their history. */
public final class ResourceReadingStore {
    /** The most readings one history call returns. */
    public static final int MAX_LIMIT = 10_000;

    private static final String COLUMNS = "connector, resource, time_us, reading, level, message";

    private final Database database;

    ResourceReadingStore(Database database) {
        this.database = database;
    }

    /** Stores the reading; a second reading of the same resource and microsecond replaces the first. */
    public void record(ResourceReading reading) throws StoreException {
        requireNonNull(reading, "reading");
        database.write("record resource " + reading.connector() + "/" + reading.resource(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO resource_reading (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (connector, resource, time_us) DO UPDATE SET"
                    + " reading = excluded.reading, level = excluded.level, message = excluded.message")) {
                statement.setString(1, reading.connector());
                statement.setString(2, reading.resource());
                statement.setLong(3, Database.micros(reading.time()));
                if (reading.value() == null) {
                    statement.setNull(4, Types.DOUBLE);
                } else {
                    statement.setDouble(4, reading.value());
                }
                statement.setString(5, reading.level().wireName());
                statement.setString(6, reading.message());
                return statement.executeUpdate();
            }
        });
    }

    /** Returns the newest reading of each of the connector's resources, by resource name. */
    public List<ResourceReading> latest(String connector) throws StoreException {
        requireNonNull(connector, "connector");
        return database.read("read the latest resources of " + connector, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT r.connector, r.resource,"
                    + " r.time_us, r.reading, r.level, r.message FROM resource_reading r"
                    + " JOIN (SELECT resource, MAX(time_us) AS time_us FROM resource_reading WHERE connector = ?"
                    + " GROUP BY resource) newest"
                    + " ON r.resource = newest.resource AND r.time_us = newest.time_us"
                    + " WHERE r.connector = ? ORDER BY r.resource")) {
                statement.setString(1, connector);
                statement.setString(2, connector);
                return readings(statement);
            }
        });
    }

    /** Returns the resource's readings at or after {@code since}, newest first, at most {@code limit} of them. */
    public List<ResourceReading> history(String connector, String resource, Instant since, int limit)
            throws StoreException {
        requireNonNull(connector, "connector");
        requireNonNull(resource, "resource");
        requireNonNull(since, "since");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "history limit " + limit + " is out of range (expected: 1 to " + MAX_LIMIT + ")");
        }
        return database.read("read the history of resource " + connector + "/" + resource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM resource_reading WHERE connector = ? AND resource = ? AND time_us >= ?"
                    + " ORDER BY time_us DESC LIMIT ?")) {
                statement.setString(1, connector);
                statement.setString(2, resource);
                statement.setLong(3, Database.micros(since));
                statement.setInt(4, limit);
                return readings(statement);
            }
        });
    }

    private static List<ResourceReading> readings(PreparedStatement statement) throws SQLException {
        List<ResourceReading> readings = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                double value = rows.getDouble("reading");
                Double valueOrNull = rows.wasNull() ? null : value;
                readings.add(new ResourceReading(
                        rows.getString("connector"),
                        rows.getString("resource"),
                        Database.instant(rows.getLong("time_us")),
                        valueOrNull,
                        ResourceLevel.parse(rows.getString("level")),
                        rows.getString("message")));
            }
        }
        return readings;
    }
}
