package io.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store version 8 on SQLite: trace lookups through a filter per write batch instead of a per-record index.
 *
 * <p>Trace ids are random, so each record's entry in the {@code exchange_by_trace} B-tree landed on a random page, and
 * every commit of the journal's writer rewrote several hundred index pages: the most expensive part of a record's
 * write after the row itself. Version 8 drops that index and keeps, per batch of V7's batch index, a {@link
 * TraceFilter} of its trace ids in {@code exchange_batch_trace}; a trace lookup reads the filters and only the batches
 * that may hold the trace. Written in Java because the filters of the records already there are built here, in the
 * migration's transaction. PostgreSQL's version 8 changes nothing (its B-tree index stays).
 */
final class TraceFilterMigration extends StoreJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(TraceFilterMigration.class);

    TraceFilterMigration() {
        super(8, "journal trace filters");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE exchange_batch_trace (batch INTEGER PRIMARY KEY, filter BLOB NOT NULL)");
            statement.execute("DROP INDEX exchange_by_trace");
        }
        long started = System.nanoTime();
        int batches = 0;
        try (Statement list = connection.createStatement();
                ResultSet batch =
                        list.executeQuery("SELECT first_row, last_row FROM exchange_batch ORDER BY first_row");
                PreparedStatement traces = connection.prepareStatement(
                        "SELECT trace_id FROM exchange WHERE rowid BETWEEN ? AND ? AND trace_id IS NOT NULL");
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO exchange_batch_trace (batch, filter) VALUES (?, ?)")) {
            while (batch.next()) {
                long firstRow = batch.getLong(1);
                traces.setLong(1, firstRow);
                traces.setLong(2, batch.getLong(2));
                Set<String> ids = new HashSet<>();
                try (ResultSet rows = traces.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                insert.setLong(1, firstRow);
                insert.setBytes(2, TraceFilter.of(ids));
                insert.executeUpdate();
                batches++;
            }
        }
        if (batches > 0) {
            LOG.info(
                    "journal: trace filters built for {} batches of existing records in {} ms",
                    batches,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
