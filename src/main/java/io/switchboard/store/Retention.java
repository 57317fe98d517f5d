package io.switchboard.store;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Deletes old events, check results and resource readings, for a background job. Switch states are never deleted.
 *
 * <p>It deletes in batches of {@value #BATCH} rows, one short transaction each, so that SQLite's single writer is never
 * held for long and the gateway's own writes slip in between.
 */
public final class Retention {
    static final int BATCH = 1000;

    private final Database database;

    Retention(Database database) {
        this.database = database;
    }

    /** Deletes every event, check result and resource reading from before {@code cutoff}; returns how many. */
    public DeletedRows deleteOlderThan(Instant cutoff) throws StoreException {
        requireNonNull(cutoff, "cutoff");
        long micros = Database.micros(cutoff);
        long events = delete(
                "event",
                "DELETE FROM event WHERE id IN (SELECT id FROM event WHERE time_us < ? LIMIT " + BATCH + ")",
                micros);
        long checks = delete(
                "check_result",
                "DELETE FROM check_result WHERE (connector, check_name, time_us) IN (SELECT connector, check_name,"
                        + " time_us FROM check_result WHERE time_us < ? LIMIT " + BATCH + ")",
                micros);
        long readings = delete(
                "resource_reading",
                "DELETE FROM resource_reading WHERE (connector, resource, time_us) IN (SELECT connector, resource,"
                        + " time_us FROM resource_reading WHERE time_us < ? LIMIT " + BATCH + ")",
                micros);
        return new DeletedRows(events, checks, readings);
    }

    private long delete(String table, String sql, long cutoffMicros) throws StoreException {
        long total = 0;
        int deleted;
        do {
            deleted = database.write("delete old rows from " + table, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, cutoffMicros);
                    return statement.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
