package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The results of the connectors' synthetic checks, with their history. */
public final class CheckResultStore {
    /** The most results one history call returns. */
    public static final int MAX_LIMIT = 10_000;

    private static final String COLUMNS = "connector, check_name, time_us, ok, status, latency_us, message";

    private final Database database;

    CheckResultStore(Database database) {
        this.database = database;
    }

    /** Stores the result; a second result for the same check and microsecond replaces the first. */
    public void record(CheckResult result) throws StoreException {
        requireNonNull(result, "result");
        database.write("record check " + result.connector() + "/" + result.check(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO check_result (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connector, check_name, time_us) DO UPDATE SET"
                    + " ok = excluded.ok, status = excluded.status, latency_us = excluded.latency_us,"
                    + " message = excluded.message")) {
                statement.setString(1, result.connector());
                statement.setString(2, result.check());
                statement.setLong(3, Database.micros(result.time()));
                statement.setInt(4, result.ok() ? 1 : 0);
                if (result.status() == null) {
                    statement.setNull(5, Types.INTEGER);
                } else {
                    statement.setInt(5, result.status());
                }
                Duration latency = result.latency();
                if (latency == null) {
                    statement.setNull(6, Types.BIGINT);
                } else {
                    statement.setLong(6, latency.truncatedTo(ChronoUnit.MICROS).toNanos() / 1_000);
                }
                statement.setString(7, result.message());
                return statement.executeUpdate();
            }
        });
    }

    /** Returns the newest result of each of the connector's checks, by check name. */
    public List<CheckResult> latest(String connector) throws StoreException {
        requireNonNull(connector, "connector");
        return database.read("read the latest checks of " + connector, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT r.connector, r.check_name,"
                    + " r.time_us, r.ok, r.status, r.latency_us, r.message FROM check_result r"
                    + " JOIN (SELECT check_name, MAX(time_us) AS time_us FROM check_result WHERE connector = ?"
                    + " GROUP BY check_name) newest"
                    + " ON r.check_name = newest.check_name AND r.time_us = newest.time_us"
                    + " WHERE r.connector = ? ORDER BY r.check_name")) {
                statement.setString(1, connector);
                statement.setString(2, connector);
                return results(statement);
            }
        });
    }

    /** Returns the check's results at or after {@code since}, newest first, at most {@code limit} of them. */
    public List<CheckResult> history(String connector, String check, Instant since, int limit) throws StoreException {
        requireNonNull(connector, "connector");
        requireNonNull(check, "check");
        requireNonNull(since, "since");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "history limit " + limit + " is out of range (expected: 1 to " + MAX_LIMIT + ")");
        }
        return database.read("read the history of check " + connector + "/" + check, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM check_result WHERE connector = ? AND check_name = ? AND time_us >= ?"
                    + " ORDER BY time_us DESC LIMIT ?")) {
                statement.setString(1, connector);
                statement.setString(2, check);
                statement.setLong(3, Database.micros(since));
                statement.setInt(4, limit);
                return results(statement);
            }
        });
    }

    private static List<CheckResult> results(PreparedStatement statement) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                int status = rows.getInt("status");
                Integer statusOrNull = rows.wasNull() ? null : status;
                long latency = rows.getLong("latency_us");
                Duration latencyOrNull = rows.wasNull() ? null : Duration.of(latency, ChronoUnit.MICROS);
                results.add(new CheckResult(
                        rows.getString("connector"),
                        rows.getString("check_name"),
                        Database.instant(rows.getLong("time_us")),
                        rows.getInt("ok") != 0,
                        statusOrNull,
                        latencyOrNull,
                        rows.getString("message")));
            }
        }
        return results;
    }
}
